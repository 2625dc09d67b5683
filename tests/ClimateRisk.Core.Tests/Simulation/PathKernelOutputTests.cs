using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Statistics;
using ClimateRisk.Core.Tests.Properties;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// What the block kernel leaves in the path buffers for the simulator: rows of one value repeated
/// left unwritten and marked with it (the reduction settles or fills them), and the financial NPVs
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
        var wholeNonZeroCells = 0;
        var skippedBlocks = 0;
        foreach (var scenarioIndex in new[] { 0, inputs.Scenarios.Count - 1 })
        {
            var scenario = new ScenarioPlan(inputs.Scenarios[scenarioIndex], inputs, Settings);
            var full = new PathBuffers(sites.Length, Paths);
            var skipping = new PathBuffers(sites.Length, Paths);

            // What an earlier year left in the columns: never +0, so a missed fill shows.
            skipping.Values.Fill(double.NaN);
            foreach (var year in new[] { 2030, 2045 })
            {
                var t = year - Settings.FirstYear;
                KernelHarness.EvaluateAll(new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(Settings.Seed), full), Paths, 0, t, year, scratch);
                var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(Settings.Seed), skipping);
                for (var p = 0; p < Paths; p += PathKernel.BlockSize)
                {
                    kernel.EvaluateBlock(p, p, Math.Min(PathKernel.BlockSize, Paths - p), t, year, scratch, skipRepeatedRows: true);
                }

                for (var m = 0; m < MetricNames.Count; m++)
                {
                    for (var e = 0; e < full.Entities; e++)
                    {
                        var metric = (Metric)m;
                        var skipped = skipping.SkippedBlockCount(metric, e);
                        skippedBlocks += skipped;
                        var repeated = skipping.TryRepeatedCell(metric, e, out var value);
                        repeated.Should().Be(
                            full.Cell(metric, e).ToArray().All(v => BitConverter.DoubleToInt64Bits(v) == BitConverter.DoubleToInt64Bits(full.Cell(metric, e)[0])),
                            $"{metric} of entity {e} is settled unread exactly when it is one value repeated");
                        if (repeated)
                        {
                            wholeCells++;
                            wholeNonZeroCells += BitConverter.DoubleToInt64Bits(value) != 0 ? 1 : 0;
                            full.Cell(metric, e).ToArray().Should().OnlyContain(v => BitConverter.DoubleToInt64Bits(v) == BitConverter.DoubleToInt64Bits(value), $"{metric} of entity {e} was skipped whole as {value}");

                            // The simulator settles it as OfConstant: what Summarize gives on the values.
                            // Field by field in bits: record equality would take −0 for +0.
                            Exact.Fields(SampleSummary.OfConstant(value, Paths, 1.0)).Should().Equal(Exact.Fields(SampleSummary.Summarize(full.Cell(metric, e), 1.0, new double[Paths])), $"{metric} of entity {e}");
                        }

                        skipping.FillSkipped(metric, e);
                        skipping.SkippedBlockCount(metric, e).Should().Be(0);
                        Exact.Bits(skipping.Cell(metric, e)).Should().Equal(Exact.Bits(full.Cell(metric, e)), $"{metric} of entity {e}, {year}");
                    }
                }

                Exact.Bits(skipping.Occurrence).Should().Equal(Exact.Bits(full.Occurrence));
                Exact.Bits(skipping.Npv).Should().Equal(Exact.Bits(full.Npv));
            }
        }

        // The bundled sites lack surge, wind or cover here and there, and water does not vary by
        // path: whole cells are skipped, some of them not zero.
        wholeCells.Should().BeGreaterThan(0);
        wholeNonZeroCells.Should().BeGreaterThan(0);
        skippedBlocks.Should().BeGreaterThan(wholeCells);
    }

    [Fact]
    public void Filling_writes_each_marked_block_its_value_and_nothing_else()
    {
        var buffers = new PathBuffers(1, Paths);
        buffers.Values.Fill(3.5);
        buffers.SkippedBlocks[buffers.BlockFlag(Metric.WindBiCny, 0, 1)] = true;
        buffers.SkippedBlocks[buffers.BlockFlag(Metric.WindBiCny, 0, 3)] = true;
        buffers.SkippedBits[buffers.BlockFlag(Metric.WindBiCny, 0, 3)] = BitConverter.DoubleToInt64Bits(-1.25);
        buffers.SkippedBlockCount(Metric.WindBiCny, 0).Should().Be(2);
        buffers.TryRepeatedCell(Metric.WindBiCny, 0, out _).Should().BeFalse("two of four blocks were written");

        buffers.FillSkipped(Metric.WindBiCny, 0);

        var cell = buffers.Cell(Metric.WindBiCny, 0).ToArray();
        cell[..256].Should().OnlyContain(v => v == 3.5);
        cell[256..512].Should().OnlyContain(v => BitConverter.DoubleToInt64Bits(v) == 0);
        cell[512..768].Should().OnlyContain(v => v == 3.5);
        cell[768..].Should().HaveCount(232).And.OnlyContain(v => v == -1.25);
        buffers.SkippedBlockCount(Metric.WindBiCny, 0).Should().Be(0);
        buffers.Cell(Metric.WindDirectCny, 0).ToArray().Should().OnlyContain(v => v == 3.5, "other cells are not touched");
    }

    /// <summary>
    /// The rows <see cref="PathKernel.RepeatedRows"/> lets <c>StoreEntity</c> mark from their first value
    /// are one value repeated in the kernel's own rows, block by block, for the bundled sites and
    /// for variants that switch each condition: a wind and surge site without them, a flood site
    /// without flood, the air-cooled site water-cooled, a water-cooled site with a short storage
    /// (the variants are uninsured: no cover under their new ids). So are the rows a block left
    /// unwritten (<see cref="PathKernel.RowsStillZero"/>), which must be +0.
    /// </summary>
    [Fact]
    public void Rows_known_to_repeat_are_one_value_on_every_path_of_every_block()
    {
        var inputs = RandomPortfolio.Bundled;
        var bundled = inputs.Sites;
        var windAndSurge = bundled.First(s => s.Wind is not null && s.Surge is not null);
        var flooded = bundled.First(s => s.Flood is not null);
        var airCooled = bundled.First(s => s.WueLPerKwh < 0.5);
        var waterCooled = bundled.First(s => s.WueLPerKwh >= 0.5);
        Site[] variants =
        [
            .. bundled,
            windAndSurge with { Id = "no-wind-no-surge", Wind = null, Surge = null },
            flooded with { Id = "no-flood", Flood = null },
            airCooled with { Id = "water-cooled", WueLPerKwh = 1.8 },
            waterCooled with { Id = "short-storage", WaterStorageH = 4 },

            // Half its value lost at a gust of 26 m/s: wind alone writes impairments.
            windAndSurge with { Id = "fragile", Surge = null, Flood = null, Wind = windAndSurge.Wind! with { VHalfMs = 26 } },
        ];
        var sites = variants.Select(s => new SitePlan(s, inputs, Settings)).ToArray();
        var masks = sites.Select(PathKernel.RepeatedRows).ToArray();

        // Each condition is switched both ways here, so a claim too wide shows in the rows below.
        static bool Has(ulong mask, Metric metric) => ((mask >> (int)metric) & 1) != 0;
        masks.All(m => Has(m, Metric.WaterM3) && Has(m, Metric.WaterCostCny)).Should().BeTrue("the water rows are the year's constants everywhere");
        Has(masks[Array.FindIndex(variants, s => s.Id == "no-wind-no-surge")], Metric.WindDirectCny).Should().BeTrue();
        Has(masks[Array.IndexOf(variants, windAndSurge)], Metric.WindDirectCny).Should().BeFalse();
        Has(masks[Array.IndexOf(variants, windAndSurge)], Metric.SurgeBiCny).Should().BeFalse();
        Has(masks[Array.FindIndex(variants, s => s.Id == "no-flood")], Metric.FloodDirectCny).Should().BeTrue();
        Has(masks[Array.IndexOf(variants, flooded)], Metric.FloodDirectCny).Should().BeFalse();
        Has(masks[Array.IndexOf(variants, airCooled)], Metric.DroughtEnergyCny).Should().BeTrue();
        Has(masks[Array.FindIndex(variants, s => s.Id == "water-cooled")], Metric.DroughtEnergyCny).Should().BeFalse();
        Has(masks[Array.FindIndex(variants, s => s.Id == "short-storage")], Metric.DroughtBiCny).Should().BeFalse();

        var checkedRows = 0;
        var zeroRows = 0;
        var zeroMetrics = 0UL;
        var nonZeroDroughtBi = 0;
        var windImpairments = 0;
        var scratch = new KernelScratch(sites.Length);
        foreach (var scenarioIndex in new[] { 0, inputs.Scenarios.Count - 1 })
        {
            var scenario = new ScenarioPlan(inputs.Scenarios[scenarioIndex], inputs, Settings);
            var buffers = new PathBuffers(sites.Length, Paths);
            foreach (var year in new[] { 2025, 2040, 2050 })
            {
                var t = year - Settings.FirstYear;
                var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(Settings.Seed), buffers, siteRows: Check);
                for (var p = 0; p < Paths; p += PathKernel.BlockSize)
                {
                    kernel.EvaluateBlock(p, p, Math.Min(PathKernel.BlockSize, Paths - p), t, year, scratch);
                }
            }
        }

        checkedRows.Should().BeGreaterThan(0);
        zeroRows.Should().BeGreaterThan(0);
        // Heat BI is not among them: every block here has paths with hot days.
        foreach (var metric in new[] { Metric.FloodDirectCny, Metric.SurgeBiCny, Metric.InsuredPropertyCny, Metric.InsuredWindCny, Metric.ImpairmentCny })
        {
            Has(zeroMetrics, metric).Should().BeTrue($"some block leaves {metric} unwritten, so its claim was checked");
        }

        nonZeroDroughtBi.Should().BeGreaterThan(0, "the short storage's drought BI varies, so leaving it out of the claim is needed");
        windImpairments.Should().BeGreaterThan(0, "wind alone writes impairments, so the impairment's claim needs no wind");

        void Check(int site, ReadOnlySpan<double> rows, int count)
        {
            for (var m = 0; m < MetricNames.Count; m++)
            {
                var row = rows.Slice(m * PathKernel.BlockSize, count);
                if (Has(masks[site], (Metric)m))
                {
                    var first = BitConverter.DoubleToInt64Bits(row[0]);
                    foreach (var v in row)
                    {
                        BitConverter.DoubleToInt64Bits(v).Should().Be(first, $"{(Metric)m} of {variants[site].Id} is claimed to repeat");
                    }

                    checkedRows++;
                }
            }

            // The rows nothing wrote in this block (set for the site just made): +0 throughout.
            var stillZero = scratch.RowsStillZero;
            for (var m = 0; m < MetricNames.Count; m++)
            {
                if (Has(stillZero, (Metric)m))
                {
                    foreach (var v in rows.Slice(m * PathKernel.BlockSize, count))
                    {
                        BitConverter.DoubleToInt64Bits(v).Should().Be(0, $"{(Metric)m} of {variants[site].Id} is claimed still +0 in this block");
                    }

                    zeroRows++;
                    zeroMetrics |= 1UL << m;
                }
            }

            foreach (var v in rows.Slice((int)Metric.ImpairmentCny * PathKernel.BlockSize, count))
            {
                windImpairments += v != 0 && variants[site].Id == "fragile" ? 1 : 0;
            }

            foreach (var v in rows.Slice((int)Metric.DroughtBiCny * PathKernel.BlockSize, count))
            {
                nonZeroDroughtBi += v != 0 && variants[site].Id == "short-storage" ? 1 : 0;
            }
        }
    }

    [Fact]
    public void Without_storing_occurrences_the_metric_rows_are_the_same_and_the_occurrences_untouched()
    {
        var inputs = RandomPortfolio.Bundled;
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, Settings)).ToArray();
        var scenario = new ScenarioPlan(inputs.Scenarios[0], inputs, Settings);
        var scratch = new KernelScratch(sites.Length);
        var storing = new PathBuffers(sites.Length, Paths);
        var notStoring = new PathBuffers(sites.Length, Paths);
        notStoring.Occurrence.Fill(double.NaN);
        const int t = 5;
        var year = Settings.FirstYear + t;
        var a = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(Settings.Seed), storing);
        var b = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(Settings.Seed), notStoring);
        for (var p = 0; p < Paths; p += PathKernel.BlockSize)
        {
            a.EvaluateBlock(p, p, Math.Min(PathKernel.BlockSize, Paths - p), t, year, scratch);
            b.EvaluateBlock(p, p, Math.Min(PathKernel.BlockSize, Paths - p), t, year, scratch, storeOccurrence: false);
        }

        Exact.Bits(notStoring.Values).Should().Equal(Exact.Bits(storing.Values));
        Exact.Bits(notStoring.Npv).Should().Equal(Exact.Bits(storing.Npv));
        notStoring.Occurrence.ToArray().Should().OnlyContain(v => double.IsNaN(v));
        storing.Occurrence.ToArray().Should().Contain(v => v > 0, "the bundled sites have losses in some paths, so the check above can fail");
    }

    [Fact]
    public void A_streamed_row_is_the_row_at_every_alignment_and_length()
    {
        var source = Enumerable.Range(0, 300).Select(i => (i * 0.37) - 50.0).ToArray();
        source[5] = -0.0;
        source[77] = double.NaN;
        source[130] = double.Epsilon;
        var buffer = new double[400];
        for (var offset = 0; offset < 9; offset++)
        {
            foreach (var length in new[] { 0, 1, 63, 64, 65, 71, 72, 255, 256, 257, 300 })
            {
                Array.Fill(buffer, 7.5);
                PathKernel.StreamRow(source.AsSpan(0, length), buffer.AsSpan(offset, length));
                Exact.Bits(buffer.AsSpan(offset, length)).Should().Equal(Exact.Bits(source.AsSpan(0, length)), $"offset {offset}, length {length}");
                buffer.AsSpan(0, offset).ToArray().All(v => v == 7.5).Should().BeTrue("nothing before the row is written");
                buffer.AsSpan(offset + length).ToArray().All(v => v == 7.5).Should().BeTrue("nothing after the row is written");
            }
        }

        FluentActions.Invoking(() => PathKernel.StreamRow(source.AsSpan(0, 100), buffer.AsSpan(0, 99))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_cell_is_repeated_only_when_every_block_was_skipped_with_the_same_bits()
    {
        var buffers = new PathBuffers(1, Paths);
        for (var block = 0; block < buffers.Blocks; block++)
        {
            buffers.SkippedBlocks[buffers.BlockFlag(Metric.WaterM3, 0, block)] = true;
            buffers.SkippedBits[buffers.BlockFlag(Metric.WaterM3, 0, block)] = BitConverter.DoubleToInt64Bits(812.5);
        }

        buffers.TryRepeatedCell(Metric.WaterM3, 0, out var value).Should().BeTrue();
        value.Should().Be(812.5);

        buffers.SkippedBits[buffers.BlockFlag(Metric.WaterM3, 0, buffers.Blocks - 1)] = BitConverter.DoubleToInt64Bits(812.5000000000001);
        buffers.TryRepeatedCell(Metric.WaterM3, 0, out _).Should().BeFalse("the last block's value differs in the last bit");

        buffers.SkippedBits[buffers.BlockFlag(Metric.WaterM3, 0, buffers.Blocks - 1)] = BitConverter.DoubleToInt64Bits(812.5);
        buffers.SkippedBlocks[buffers.BlockFlag(Metric.WaterM3, 0, 0)] = false;
        buffers.TryRepeatedCell(Metric.WaterM3, 0, out _).Should().BeFalse("the first block was written");

        // −0 and +0 are equal by == but not the same bits: not settled unread.
        Array.Fill(buffers.SkippedBlocks, true);
        Array.Fill(buffers.SkippedBits, 0L);
        buffers.SkippedBits[buffers.BlockFlag(Metric.WaterM3, 0, 1)] = BitConverter.DoubleToInt64Bits(-0.0);
        buffers.TryRepeatedCell(Metric.WaterM3, 0, out _).Should().BeFalse();
        buffers.TryRepeatedCell(Metric.WaterCostCny, 0, out var zero).Should().BeTrue();
        BitConverter.DoubleToInt64Bits(zero).Should().Be(0);
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
                kernel.EvaluateBlock(p, p, Math.Min(PathKernel.BlockSize, Paths - p), t, year, scratch, skipRepeatedRows: t % 2 == 0);
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
                    var actual = accumulating.FinancialNpv[FinancialSeries.NpvIndex(entities, Paths, e, r, p)];
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
                Exact.Bits(cached.Values).Should().Equal(Exact.Bits(fresh.Values), $"scenario {scenarioIndex}, seed {seed}, {year}");
                checkedYears++;
            }
        }

        checkedYears.Should().Be(9);
    }
}
