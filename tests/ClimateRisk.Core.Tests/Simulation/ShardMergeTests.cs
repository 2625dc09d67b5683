using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>MODEL §12: n shards merged equal one run with the same seed and N.</summary>
public class ShardMergeTests
{
    private const int Paths = 6_001;
    private static readonly SimulationSettings Whole = new() { Paths = Paths, FirstYear = 2029, LastYear = 2031, Horizons = [2030], Seed = 99 };

    private static ModelInputs Inputs()
    {
        var wind = new WindExposure { GumbelLocationMs = 30, GumbelScaleMs = 5, VHalfMs = 90, VBiMs = 33, BiHours = 12 };
        Site[] sites =
        [
            SyntheticInputs.Site("a", 39.8, 116.5) with { Flood = SyntheticInputs.Flood(protectionRp: 20), Climate = SyntheticInputs.Climate(0.6) },
            SyntheticInputs.Site("b", 31.2, 121.5) with { Wind = wind, Climate = SyntheticInputs.Climate(0.6) },
        ];
        return SyntheticInputs.Inputs(sites, [SyntheticInputs.Scenario("warm", "WARM") with { CarbonPriceSigma = 0.3 }, SyntheticInputs.Scenario("flat")]);
    }

    private static ShardResult[] Shards(int count) => Enumerable.Range(0, count).Select(i =>
    {
        long first = (long)i * Paths / count;
        long next = (long)(i + 1) * Paths / count;
        return Simulator.RunShard(Inputs(), Whole with { FirstPath = first, Paths = (int)(next - first) });
    }).ToArray();

    [Fact]
    public void Four_shards_merged_equal_one_run_means_and_counts_to_1e_12_and_quantiles_identical_to_the_unsharded_sketch()
    {
        var merged = ShardResult.Merge(Shards(4)).ToResult();
        var exact = Simulator.Run(Inputs(), Whole);
        var oneShard = Simulator.RunShard(Inputs(), Whole).ToResult();

        merged.Cells.Should().HaveCount(exact.Cells.Count);
        for (var i = 0; i < exact.Cells.Count; i++)
        {
            var (m, e, o) = (merged.Cells[i].Statistics, exact.Cells[i].Statistics, oneShard.Cells[i].Statistics);
            merged.Cells[i].Metric.Should().Be(exact.Cells[i].Metric);
            m.Count.Should().Be(Paths);
            m.Mean.Should().BeApproximately(e.Mean, 1e-12 * Math.Max(1, Math.Abs(e.Mean)) + (1e-12 * e.StandardDeviation));
            m.StandardDeviation.Should().BeApproximately(e.StandardDeviation, 1e-9 * Math.Max(1e-300, e.StandardDeviation));
            m.PExceed.Should().Be(e.PExceed);
            // Sketch quantiles do not depend on the split at all.
            new[] { m.P5, m.P25, m.P50, m.P75, m.P95, m.P99, m.TVaR99 }.Should().Equal(o.P5, o.P25, o.P50, o.P75, o.P95, o.P99, o.TVaR99);
        }

        merged.Exceedance.Select(p => p.LossCny).Should().Equal(oneShard.Exceedance.Select(p => p.LossCny));
        for (var i = 0; i < exact.Npv.Count; i++)
        {
            merged.Npv[i].Statistics.Mean.Should().BeApproximately(exact.Npv[i].Statistics.Mean, 1e-12 * Math.Abs(exact.Npv[i].Statistics.Mean));
        }
    }

    [Fact]
    public void Sketch_quantiles_of_non_negative_metrics_are_within_half_a_percent_of_the_exact_order_statistics()
    {
        var merged = ShardResult.Merge(Shards(3)).ToResult();
        var exact = Simulator.Run(Inputs(), Whole);
        var nonNegative = new[] { Metric.PhysicalLossCny, Metric.FloodDirectCny, Metric.Pue, Metric.CarbonCostCny, Metric.Scope2MarketT, Metric.WindDirectCny };
        var checkedCells = 0;
        for (var i = 0; i < exact.Cells.Count; i++)
        {
            if (!nonNegative.Contains(exact.Cells[i].Metric))
            {
                continue;
            }

            var (m, e) = (merged.Cells[i].Statistics, exact.Cells[i].Statistics);
            foreach (var (sketch, order) in new[] { (m.P5, e.P5), (m.P50, e.P50), (m.P95, e.P95), (m.P99, e.P99), (m.TVaR99, e.TVaR99) })
            {
                Math.Abs(sketch - order).Should().BeLessThanOrEqualTo((QuantileSketch.DefaultAccuracy * Math.Abs(order)) + 1e-6);
            }

            checkedCells++;
        }

        checkedCells.Should().BeGreaterThan(50);
    }

    [Fact]
    public void Missing_or_overlapping_shards_are_refused()
    {
        var shards = Shards(3);
        var missing = () => ShardResult.Merge([shards[0], shards[2]]);
        missing.Should().Throw<ArgumentException>().WithMessage("Paths 2000..3999 are missing*");
        var overlap = () => ShardResult.Merge([shards[0], shards[0], shards[1], shards[2]]);
        overlap.Should().Throw<ArgumentException>().WithMessage("Shards overlap at path 0*");
    }
}
