using System.Globalization;
using ClimateRisk.Core.Planning;

namespace ClimateRisk.Cli.Commands;

/// <summary>The top of each scenario's candidate ranking and every measure's benefit–cost ratio, printed after compare.</summary>
internal static class CompareSummary
{
    private const int Shown = 5;

    public static void Write(IReadOnlyList<CandidateResult> ranking, IReadOnlyList<MeasureResult> measures, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (var scenario in ranking.Select(r => r.ScenarioId).Distinct())
        {
            output.WriteLine();
            output.WriteLine($"Candidates, {scenario} (NPV of total climate cost, CNY m; difference to the best ± paired s.e.):");
            foreach (var r in ranking.Where(r => r.ScenarioId == scenario).OrderBy(r => r.Rank).Take(Shown))
            {
                output.WriteLine(string.Create(inv,
                    $"  {r.Rank,2}. {r.SiteId,-24} {r.Npv.Mean / 1e6,9:F1} (P5 {r.Npv.P5 / 1e6:F1}, P95 {r.Npv.P95 / 1e6:F1})  {r.CostPerMwh,7:F1} CNY/MWh  +{r.DifferenceToBest / 1e6:F1} ± {r.DifferenceStandardError / 1e6:F1}  PUE 2050 {r.Pue2050:F3}  {r.DominantComponent}"));
            }
        }

        if (measures.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Measures (benefit = reduction of the NPV of total climate cost; BCR with its P5–P95 across paths):");
            foreach (var m in measures.OrderBy(m => m.ScenarioId, StringComparer.Ordinal).ThenByDescending(m => double.IsNaN(m.BenefitCostRatio) ? double.NegativeInfinity : m.BenefitCostRatio))
            {
                output.WriteLine(string.Create(inv,
                    $"  {m.ScenarioId,-28} {m.MeasureId,-30} benefit {m.Benefit.Mean / 1e6,8:F2} ± {m.Benefit.StandardError / 1e6:F2}  cost {m.PresentCostCny / 1e6,7:F2}  BCR {m.BenefitCostRatio,6:F2} [{m.BenefitCostRatioP5:F2}, {m.BenefitCostRatioP95:F2}]  with energy saving {m.BenefitCostRatioWithEnergy:F2}"));
            }
        }
    }
}
