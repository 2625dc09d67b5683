using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.Internal;
using static ClimateRisk.Reporting.BoardPack.Internal.Html;

namespace ClimateRisk.Reporting.BoardPack.Internal;

/// <summary>
/// The IFRS S2 "anticipated financial effects" table of the Strategy section (MODEL §15): per
/// scenario and short / medium / long horizon the portfolio's OpEx, CapEx, lost revenue and
/// EBITDA effects, mean and P95, net of insurance, with gross EBITDA beside it.
/// </summary>
internal static class FinancialEffectsSection
{
    /// <summary>The section's body, or an empty string when the results carry no financial effects.</summary>
    public static string Html(ReportData data)
    {
        var rows = data.Result.Financial.Where(f => f.EntityId == SimulationResult.PortfolioId).ToArray();
        if (rows.Length == 0)
        {
            return string.Empty;
        }

        var years = data.Index.ReportingYears;
        FinancialEffect? Row(string scenario, int year, FinancialItem item, FinancialBasis basis)
            => rows.FirstOrDefault(r => r.ScenarioId == scenario && r.Year == year && r.Item == item && r.Basis == basis);
        static string Cell(FinancialEffect? f) => f is null ? "–" : $"{Format.Millions(f.Statistics.Mean)} / {Format.Millions(f.Statistics.P95)}";

        var body = new List<IReadOnlyList<string>>();
        foreach (var scenario in data.Result.ScenarioIds)
        {
            for (var i = 0; i < years.Count; i++)
            {
                var year = years[i];
                var ebitda = Row(scenario, year, FinancialItem.Ebitda, FinancialBasis.Net);
                body.Add(
                [
                    i == 0 ? E(data.ScenarioName(scenario)) : string.Empty,
                    $"{Term(i, years.Count)} ({Format.Int(year)})",
                    Cell(Row(scenario, year, FinancialItem.Opex, FinancialBasis.Net)),
                    Cell(Row(scenario, year, FinancialItem.Capex, FinancialBasis.Net)),
                    Cell(Row(scenario, year, FinancialItem.Revenue, FinancialBasis.Net)),
                    Cell(ebitda),
                    Cell(Row(scenario, year, FinancialItem.Ebitda, FinancialBasis.Gross)),
                    ebitda is null || double.IsNaN(ebitda.MeanPercentOfBaseline) ? "–" : Format.Fixed(ebitda.MeanPercentOfBaseline, 2) + " %",
                ]);
            }
        }

        var insured = data.Sites.Count(s => data.Inputs.Finance.Insurance.ContainsKey(s.Id));
        var text = "<p>The adverse effect on the statements in a year (CNY m, mean / P95 over the simulated paths; positive = worse), net of insurance. "
            + "OpEx: climate-driven energy (PUE drift, drought cooling), carbon cost, PUE surcharge, green-power premium and the change of the insurance premium; "
            + "CapEx: repair or replacement of direct damage after property recoveries; revenue: business interruption after failover and BI recoveries; "
            + "EBITDA = OpEx + revenue effect on every path (CapEx is below EBITDA). "
            + $"{Format.Int(insured)} of {Format.Int(data.Sites.Count)} sites are insured (data/finance/insurance.csv); the gross column is before recoveries and premium change. "
            + "% of EBITDA: mean net EBITDA effect against the baseline EBITDA of data/finance/baselines.csv. Every site and the NPV are in results/financial_effects.csv.</p>\n";
        return text + Table(
            ["Scenario", "Horizon", "OpEx", "CapEx", "Lost revenue", "EBITDA (net)", "EBITDA (gross)", "% of EBITDA"],
            body,
            "small financial-effects",
            [false, false, true, true, true, true, true, true]);
    }

    private static string Term(int position, int count)
        => count >= 3 ? (position == 0 ? "short" : position == count - 1 ? "long" : "medium") : count == 2 ? (position == 0 ? "short" : "long") : "long";
}
