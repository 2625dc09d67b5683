using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Core.Tests.Properties;

/// <summary>
/// Over random valid portfolios, every result cell's statistics are ordered: P5 ≤ P25 ≤ P50 ≤
/// P75 ≤ P95 ≤ P99 ≤ TVaR99, the mean is at most TVaR99,
/// and for metrics that cannot be negative, P5 ≥ 0. Checked on Simulator.Run's output, the
/// numbers that reach the CSVs.
/// </summary>
public sealed class QuantileOrderTests
{
    /// <summary>Metrics that can be negative: climate-attributable energy cost and PUE drift fall in a cool year, and with them the total.</summary>
    private static readonly Metric[] Signed = [Metric.PueDrift, Metric.ClimateEnergyCostCny, Metric.TotalClimateCostCny];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Quantiles_are_ordered_and_non_negative_metrics_stay_non_negative(int seed)
    {
        var inputs = RandomPortfolio.Generate(seed);
        var result = Simulator.Run(inputs, new SimulationSettings { Paths = 400, FirstYear = 2029, LastYear = 2031, Seed = (ulong)seed, Workers = 1, Horizons = [2030] });
        var problems = new List<string>();

        foreach (var cell in result.Cells)
        {
            var s = cell.Statistics;
            double[] ordered = [s.P5, s.P25, s.P50, s.P75, s.P95, s.P99, s.TVaR99];
            for (var i = 1; i < ordered.Length; i++)
            {
                if (!(ordered[i - 1] <= ordered[i] * (1 + (1e-12 * Math.Sign(ordered[i])))))
                {
                    problems.Add($"{cell.ScenarioId} {cell.EntityId} {cell.Year} {cell.Metric.Name()}: statistic {i - 1} = {ordered[i - 1]} > statistic {i} = {ordered[i]}");
                }
            }

            if (!(s.Mean <= s.TVaR99 + (1e-12 * Math.Abs(s.TVaR99))))
            {
                problems.Add($"{cell.ScenarioId} {cell.EntityId} {cell.Year} {cell.Metric.Name()}: mean {s.Mean} above TVaR99 {s.TVaR99}");
            }

            if (!Signed.Contains(cell.Metric) && !(s.P5 >= 0))
            {
                problems.Add($"{cell.ScenarioId} {cell.EntityId} {cell.Year} {cell.Metric.Name()}: P5 = {s.P5} < 0");
            }

            if (!(s.StandardError >= 0 && s.StandardDeviation >= 0))
            {
                problems.Add($"{cell.ScenarioId} {cell.EntityId} {cell.Year} {cell.Metric.Name()}: negative spread");
            }
        }

        foreach (var npv in result.Npv)
        {
            var s = npv.Statistics;
            if (!(s.P5 <= s.P50 && s.P50 <= s.P95 && s.P95 <= s.P99 && s.P99 <= s.TVaR99 * (1 + 1e-12)))
            {
                problems.Add($"NPV {npv.ScenarioId} {npv.EntityId}: quantiles out of order");
            }
        }

        foreach (var curve in result.Exceedance.GroupBy(p => (p.ScenarioId, p.EntityId, p.Year, p.Curve)))
        {
            var losses = curve.OrderBy(p => p.ReturnPeriodY).Select(p => p.LossCny).ToArray();
            if (losses.Zip(losses.Skip(1)).Any(pair => pair.Second < pair.First) || losses[0] < 0)
            {
                problems.Add($"exceedance {curve.Key}: loss falls with return period or is negative");
            }
        }

        problems.Take(10).Should().BeEmpty($"{problems.Count} problems in all");
    }
}
