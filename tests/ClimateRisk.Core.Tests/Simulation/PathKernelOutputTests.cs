using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Tests.Properties;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// What the block kernel leaves in the path buffers for the simulator: rows of nothing but +0.0
/// left unwritten and marked (the reduction settles or zero-fills them), and the financial NPVs
/// accumulated from the block's rows. Both against the kernel writing every row, on the bundled
/// portfolio, whose sites lack some perils and covers.
/// </summary>
public class PathKernelOutputTests
{
    // 1,000 paths: three full blocks and a short one.
    private const int Paths = 1000;

    private static readonly SimulationSettings Settings = new() { Paths = Paths, FirstYear = 2025, LastYear = 2050, Seed = 7 };

    [Fact]
    public void Skipped_rows_once_filled_give_the_buffers_of_a_full_write_bit_for_bit()
    {
        var inputs = RandomPortfolio.Bundled;
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, Settings)).ToArray();
        var scratch = new KernelScratch(sites.Length);
        var wholeCells = 0;
        var skippedBlocks = 0;
        foreach (var scenarioIndex in new[] { 0, inputs.Scenarios.Count - 1 })
        {
            var scenario = new ScenarioPlan(inputs.Scenarios[scenarioIndex], inputs, Settings);
            var full = new PathBuffers(sites.Length, Paths);
            var skipping = new PathBuffers(sites.Length, Paths);

            // What an earlier year left in the columns: never +0, so a missed fill shows.
            Array.Fill(skipping.Values, double.NaN);
            foreach (var year in new[] { 2030, 2045 })
            {
                var t = year - Settings.FirstYear;
                KernelHarness.EvaluateAll(new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(Settings.Seed), full), Paths, 0, t, year, scratch);
                var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(Settings.Seed), skipping);
                for (var p = 0; p < Paths; p += PathKernel.BlockSize)
                {
                    kernel.EvaluateBlock(p, p, Math.Min(PathKernel.BlockSize, Paths - p), t, year, scratch, skipZeroRows: true);
                }

                for (var m = 0; m < MetricNames.Count; m++)
                {
                    for (var e = 0; e < full.Entities; e++)
                    {
                        var metric = (Metric)m;
                        var skipped = skipping.SkippedBlockCount(metric, e);
                        skippedBlocks += skipped;
                        if (skipped == skipping.Blocks)
                        {
                            wholeCells++;
                            full.Cell(metric, e).ToArray().Should().OnlyContain(v => BitConverter.DoubleToInt64Bits(v) == 0, $"{metric} of entity {e} was skipped whole, so it is all +0");
                        }

                        skipping.FillSkipped(metric, e);
                        skipping.SkippedBlockCount(metric, e).Should().Be(0);
                        Bits(skipping.Cell(metric, e)).Should().Equal(Bits(full.Cell(metric, e)), $"{metric} of entity {e}, {year}");
                    }
                }

                Bits(skipping.Occurrence).Should().Equal(Bits(full.Occurrence));
                Bits(skipping.Npv).Should().Equal(Bits(full.Npv));
            }
        }

        // The bundled sites lack surge, wind or cover here and there: whole cells are skipped.
        wholeCells.Should().BeGreaterThan(0);
        skippedBlocks.Should().BeGreaterThan(wholeCells);
    }

    [Fact]
    public void Filling_clears_only_the_marked_blocks()
    {
        var buffers = new PathBuffers(1, Paths);
        Array.Fill(buffers.Values, 3.5);
        buffers.SkippedBlocks[buffers.BlockFlag(Metric.WindBiCny, 0, 1)] = true;
        buffers.SkippedBlocks[buffers.BlockFlag(Metric.WindBiCny, 0, 3)] = true;
        buffers.SkippedBlockCount(Metric.WindBiCny, 0).Should().Be(2);

        buffers.FillSkipped(Metric.WindBiCny, 0);

        var cell = buffers.Cell(Metric.WindBiCny, 0).ToArray();
        cell[..256].Should().OnlyContain(v => v == 3.5);
        cell[256..512].Should().OnlyContain(v => BitConverter.DoubleToInt64Bits(v) == 0);
        cell[512..768].Should().OnlyContain(v => v == 3.5);
        cell[768..].Should().HaveCount(232).And.OnlyContain(v => BitConverter.DoubleToInt64Bits(v) == 0);
        buffers.SkippedBlockCount(Metric.WindBiCny, 0).Should().Be(0);
        buffers.Cell(Metric.WindDirectCny, 0).ToArray().Should().OnlyContain(v => v == 3.5, "other cells are not touched");
    }

    [Fact]
    public void Financial_npv_is_the_discounted_sum_of_the_yearly_statement_effects()
    {
        var inputs = RandomPortfolio.Bundled;
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, Settings)).ToArray();
        var scenario = new ScenarioPlan(inputs.Scenarios[0], inputs, Settings);
        var scratch = new KernelScratch(sites.Length);
        var accumulating = new PathBuffers(sites.Length, Paths);
        var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(Settings.Seed), accumulating, accumulateFinancialNpv: true);
        var entities = accumulating.Entities;
        var expected = new double[FinancialSeries.NpvRows, entities, Paths];
        var anyRecovery = false;
        for (var t = 0; t < 4; t++)
        {
            var year = Settings.FirstYear + t;
            for (var p = 0; p < Paths; p += PathKernel.BlockSize)
            {
                kernel.EvaluateBlock(p, p, Math.Min(PathKernel.BlockSize, Paths - p), t, year, scratch, skipZeroRows: t % 2 == 0);
            }

            var reference = new PathBuffers(sites.Length, Paths);
            KernelHarness.EvaluateAll(new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(Settings.Seed), reference), Paths, 0, t, year, scratch);
            var discount = Math.Pow(1 + inputs.Scenarios[0].DiscountRate, -t);
            for (var e = 0; e < entities; e++)
            {
                for (var p = 0; p < Paths; p++)
                {
                    double V(Metric m) => reference.Cell(m, e)[p];

                    // MODEL §15: OpEx, CapEx (direct damage) and revenue (BI), gross and net of recoveries.
                    var opex = V(Metric.ClimateEnergyCostCny) + V(Metric.DroughtEnergyCny) + V(Metric.CarbonCostCny) + V(Metric.PueSurchargeCny) + V(Metric.RenewablePremiumCny);
                    var capex = V(Metric.FloodDirectCny) + V(Metric.SurgeDirectCny) + V(Metric.WindDirectCny);
                    var revenue = V(Metric.FloodBiCny) + V(Metric.SurgeBiCny) + V(Metric.WindBiCny) + V(Metric.HeatBiCny) + V(Metric.DroughtBiCny);
                    anyRecovery |= V(Metric.InsuredPropertyCny) > 0 || V(Metric.InsuredBiCny) > 0;
                    expected[0, e, p] += discount * opex;
                    expected[1, e, p] += discount * capex;
                    expected[2, e, p] += discount * (capex - V(Metric.InsuredPropertyCny));
                    expected[3, e, p] += discount * revenue;
                    expected[4, e, p] += discount * (revenue - V(Metric.InsuredBiCny));
                }
            }
        }

        anyRecovery.Should().BeTrue("the net rows must differ from the gross somewhere to be checked");
        for (var r = 0; r < FinancialSeries.NpvRows; r++)
        {
            for (var e = 0; e < entities; e++)
            {
                for (var p = 0; p < Paths; p++)
                {
                    var actual = accumulating.FinancialNpv[(r * entities * Paths) + (e * Paths) + p];
                    actual.Should().Be(expected[r, e, p], $"row {r}, entity {e}, path {p}");
                }
            }
        }
    }

    [Fact]
    public void Cached_path_draws_give_the_numbers_of_fresh_draws_and_empty_for_another_scenario_or_generator()
    {
        var inputs = RandomPortfolio.Bundled;
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, Settings)).ToArray();
        var scratch = new KernelScratch(sites.Length);
        var cache = new PathDrawCache(Paths);
        var checkedYears = 0;

        // Scenario 0, then the last (another σ for the carbon and grid shocks), then scenario 0
        // under another seed: each kernel binds the same cache, which must not hand over draws.
        foreach (var (scenarioIndex, seed) in new[] { (0, 7UL), (inputs.Scenarios.Count - 1, 7UL), (0, 8UL) })
        {
            var scenario = new ScenarioPlan(inputs.Scenarios[scenarioIndex], inputs, Settings);
            var cached = new PathBuffers(sites.Length, Paths);
            var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(seed), cached, pathDraws: cache);
            foreach (var year in new[] { 2031, 2032, 2049 })
            {
                var t = year - Settings.FirstYear;
                KernelHarness.EvaluateAll(kernel, Paths, 0, t, year, scratch);
                var fresh = new PathBuffers(sites.Length, Paths);
                KernelHarness.EvaluateAll(new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(seed), fresh), Paths, 0, t, year, scratch);
                Bits(cached.Values).Should().Equal(Bits(fresh.Values), $"scenario {scenarioIndex}, seed {seed}, {year}");
                checkedYears++;
            }
        }

        checkedYears.Should().Be(9);
    }

    private static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.DoubleToInt64Bits(values[i]);
        }

        return bits;
    }
}
