using ClimateRisk.Core.Planning.Internal;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Tests.Properties;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Planning.Internal;

/// <summary>
/// A one-site evaluation sums its means from the kernel's rows block by block (PathOrderSums)
/// instead of from path buffers: the same numbers, bit for bit, as writing every row and taking
/// each mean by a plain loop over the paths in order.
/// </summary>
public class SiteEvaluationTests
{
    [Theory]
    [InlineData(0, 700)]
    [InlineData(3, 256)]
    [InlineData(5, 1)]
    public void Means_and_npv_equal_those_of_the_written_rows_bit_for_bit(int siteIndex, int paths)
    {
        var tables = RandomPortfolio.Bundled;
        var site = tables.Sites[siteIndex];
        var scenario = tables.Scenarios[^1];
        var settings = new SimulationSettings { Paths = paths, FirstYear = 2025, LastYear = 2050, Seed = 11 };

        var actual = SiteEvaluation.Run(tables, site, null, int.MaxValue, scenario, settings, null, CancellationToken.None);

        var single = tables with { Sites = [site], Scenarios = [scenario] };
        var plan = new SitePlan(site, tables, settings);
        var scenarioPlan = new ScenarioPlan(scenario, single, settings);
        var buffers = new PathBuffers(1, paths);
        var kernel = new PathKernel([plan], scenarioPlan, tables.HeavyPrecipitationMultiplier, new CounterRng(settings.Seed), buffers);
        var scratch = new KernelScratch(1);
        var components = new double[SiteEvaluation.Components.Length];
        double energy = 0, retained = 0;
        for (var t = 0; t < settings.YearCount; t++)
        {
            var year = settings.FirstYear + t;
            KernelHarness.EvaluateAll(kernel, paths, 0, t, year, scratch);
            double Mean(Metric metric)
            {
                var sum = 0.0;
                foreach (var v in buffers.Cell(metric, 0))
                {
                    sum += v;
                }

                return sum / paths;
            }

            var discount = scenarioPlan.Discount[t];
            for (var c = 0; c < components.Length; c++)
            {
                foreach (var metric in SiteEvaluation.Components[c].Metrics)
                {
                    components[c] += discount * Mean(metric);
                }
            }

            energy += discount * Mean(Metric.EnergyCostCny);
            retained += discount * Mean(Metric.RetainedLossCny);
            Bits(actual.ExpectedInsuredLossCny[t]).Should().Be(Bits(Mean(Metric.InsuredPropertyCny) + Mean(Metric.InsuredBiCny)), $"insured loss {year}");
            if (year is 2030 or 2050)
            {
                Bits(year == 2030 ? actual.Pue2030 : actual.Pue2050).Should().Be(Bits(Mean(Metric.Pue)));
                Bits(year == 2030 ? actual.Breach2030 : actual.Breach2050).Should().Be(Bits(Mean(Metric.PueLimitBreach)));
            }
        }

        actual.ComponentNpv.Select(Bits).Should().Equal(components.Select(Bits));
        Bits(actual.DiscountedEnergyCostCny).Should().Be(Bits(energy));
        Bits(actual.DiscountedRetainedLossCny).Should().Be(Bits(retained));
        actual.Npv.Select(Bits).Should().Equal(buffers.Npv.Slice(0, paths).ToArray().Select(Bits));
        components.Should().Contain(c => c != 0, "some component costs something");
    }

    [Fact]
    public void Path_order_sums_are_the_plain_loop_over_the_paths_bit_for_bit()
    {
        var random = new System.Random(5);
        Metric[] metrics = [Metric.Pue, Metric.FloodDirectCny, Metric.HeatBiCny, Metric.WaterM3, Metric.CarbonCostCny, Metric.InsuredBiCny, Metric.EnergyCostCny];
        var sums = new PathOrderSums(metrics);
        var rows = new double[MetricNames.Count * PathKernel.BlockSize];
        var expected = new double[metrics.Length];
        foreach (var count in new[] { 256, 256, 17, 256, 1 })
        {
            for (var i = 0; i < rows.Length; i++)
            {
                // Wide magnitudes, so a different order of additions would show in the bits.
                rows[i] = Math.Pow(10, random.Next(-3, 9)) * random.NextDouble();
            }

            sums.Add(rows, count);
            for (var k = 0; k < metrics.Length; k++)
            {
                for (var p = 0; p < count; p++)
                {
                    expected[k] += rows[((int)metrics[k] * PathKernel.BlockSize) + p];
                }
            }
        }

        Enumerable.Range(0, metrics.Length).Select(k => Bits(sums.Sum(k))).Should().Equal(expected.Select(Bits));
        sums.Clear();
        sums.Sum(3).Should().Be(0);
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
