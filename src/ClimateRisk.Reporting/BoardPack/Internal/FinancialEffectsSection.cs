using ClimateRisk.Core.Finance;
using ClimateRisk.Reporting.Internal;
using static ClimateRisk.Reporting.BoardPack.Internal.Html;

namespace ClimateRisk.Reporting.BoardPack.Internal;

/// <summary>
/// The markup of the IFRS S2 "anticipated financial effects" table of the Strategy section
/// (MODEL §15; numbers and sentence from <see cref="BoardPackModel.FinancialEffects"/>): per
/// scenario and short / medium / long horizon the portfolio's OpEx, CapEx, lost revenue and EBITDA
/// effects, mean and P95, net of insurance, with gross EBITDA beside it.
/// </summary>
internal static class FinancialEffectsSection
{
    /// <summary>The section's body, or an empty string when there is no summary.</summary>
    public static string Html(FinancialEffectsSummary? summary)
    {
        if (summary is null)
        {
            return string.Empty;
        }

        static string Cell(FinancialEffect? f) => f is null ? "–" : $"{Format.Millions(f.Statistics.Mean)} / {Format.Millions(f.Statistics.P95)}";
        var body = summary.Rows.Select((r, i) => (IReadOnlyList<string>)
        [
            i == 0 || summary.Rows[i - 1].Scenario != r.Scenario ? E(r.Name) : string.Empty,
            $"{r.Term} ({Format.Int(r.Year)})",
            Cell(r.Opex),
            Cell(r.Capex),
            Cell(r.Revenue),
            Cell(r.EbitdaNet),
            Cell(r.EbitdaGross),
            double.IsNaN(r.EbitdaPercent) ? "–" : Format.Fixed(r.EbitdaPercent, 2) + " %",
        ]).ToArray();
        return $"<p>{E(summary.Explanation)}</p>\n" + Table(
            ["Scenario", "Horizon", "OpEx", "CapEx", "Lost revenue", "EBITDA (net)", "EBITDA (gross)", "% of EBITDA"],
            body,
            "small financial-effects",
            [false, false, true, true, true, true, true, true]);
    }
}
