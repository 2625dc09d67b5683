using ClimateRisk.Core.Finance;

namespace ClimateRisk.Reporting.BoardPack;

/// <summary>
/// One scenario and horizon of the IFRS S2 financial-effects table, portfolio level (MODEL §15):
/// the net OpEx, CapEx, lost-revenue and EBITDA effects, the gross EBITDA effect and the mean net
/// EBITDA effect as a percentage of the baseline EBITDA; null where the results have no row.
/// </summary>
public sealed record FinancialEffectsRow(
    string Scenario,
    string Name,
    int Year,
    string Term,
    FinancialEffect? Opex,
    FinancialEffect? Capex,
    FinancialEffect? Revenue,
    FinancialEffect? EbitdaNet,
    FinancialEffect? EbitdaGross)
{
    /// <summary>Mean net EBITDA effect as % of the baseline EBITDA, or NaN.</summary>
    public double EbitdaPercent => EbitdaNet is null ? double.NaN : EbitdaNet.MeanPercentOfBaseline;
}
