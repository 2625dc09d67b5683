using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// The block kernel (vector Philox, batched Φ/Φ⁻¹, structure-of-arrays) against the scalar
/// reference kernel, bit for bit: every metric of every site and the portfolio, the OEP
/// occurrence and the running NPV. The two share the model arithmetic of one site-year, so
/// this checks what differs — the draws, their transforms and the block bookkeeping; the
/// arithmetic itself is checked against independent references in PerilReferenceTests and
/// TransitionTests.
/// </summary>
public class PathKernelTests
{
    private static ModelInputs Portfolio()
    {
        var wind = new WindExposure { GumbelLocationMs = 30, GumbelScaleMs = 5, VHalfMs = 90, VBiMs = 33, BiHours = 12 };
        var surge = new SurgeExposure { GevLocationM = 2.4, GevScaleM = 0.35, GevShape = 0.1, GroundElevationM = 2.5, DefenceCrestM = 2.8, SubsidenceMPerYear = 0.01 };
        Site[] sites =
        [
            // Flood often enough (1-in-2 depth > 0) that the on-demand damage draws are exercised.
            SyntheticInputs.Site("beijing", 39.8, 116.5) with { Flood = SyntheticInputs.Flood(protectionRp: 20) with { DepthsM = [0.2, 0.4, 0.6, 0.9, 1.2, 1.5, 1.9, 2.3, 2.6] }, Climate = SyntheticInputs.Climate(0.6) },
            SyntheticInputs.Site("tianjin", 39.4, 117.0) with { Flood = SyntheticInputs.Flood(floorHeight: 0.2), Climate = SyntheticInputs.Climate(0.6) },
            SyntheticInputs.Site("shanghai", 31.2, 121.5) with { Surge = surge, Wind = wind, Climate = SyntheticInputs.Climate(0.6), WueLPerKwh = 1.8, Drought = new DroughtExposure { RestrictionDaysPerYear = 3, DryPuePenalty = 0.15 } },
            SyntheticInputs.Site("ningbo", 29.9, 121.6) with { Wind = wind, Flood = SyntheticInputs.Flood(), Climate = SyntheticInputs.Climate(0.8) },
            SyntheticInputs.Site("ulanqab", 41.0, 113.1) with { Climate = SyntheticInputs.Climate(0.6), Heat = new HeatShortfall { TCritC = 31, ShortfallProbability = 0.15, ThrottleFraction = 0.25, ThrottleHours = 6 } },
        ];
        var warm = SyntheticInputs.Scenario("warm", "WARM") with { CarbonPriceSigma = 0.3, GridSigma = 0.1, ElectricitySigma = 0.1 };
        var hot = SyntheticInputs.Scenario("hot", "HOT") with { CarbonPriceSigma = 0.2, GridSigma = 0.05, ElectricitySigma = 0.15 };
        return SyntheticInputs.Inputs(sites, [warm, hot]);
    }

    [Fact]
    public void Block_kernel_equals_the_scalar_kernel_bit_for_bit_on_lengths_0_to_257()
    {
        var inputs = Portfolio();
        var settings = new SimulationSettings { Paths = 257, FirstYear = 2025, LastYear = 2050 };
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var scenario = new ScenarioPlan(inputs.Scenarios[0], inputs, settings);
        var rng = new CounterRng(20231231);
        const int Year = 2040;
        const long FirstPath = 1_000_003;

        var reference = new PathBuffers(sites.Length, 257);
        var scalar = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, rng, reference);
        KernelHarness.EvaluateAllScalar(scalar, 257, FirstPath, Year - settings.FirstYear, Year, new KernelScratch(sites.Length));

        var scratch = new KernelScratch(sites.Length);
        for (var length = 0; length <= 257; length++)
        {
            var buffers = new PathBuffers(sites.Length, length);
            var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, rng, buffers);
            KernelHarness.EvaluateAll(kernel, length, FirstPath, Year - settings.FirstYear, Year, scratch);
            for (var m = 0; m < MetricNames.Count; m++)
            {
                for (var e = 0; e < buffers.Entities; e++)
                {
                    AssertBits(buffers.Cell((Metric)m, e), reference.Cell((Metric)m, e)[..length], $"length {length}, {(Metric)m}, entity {e}");
                }
            }

            for (var e = 0; e < buffers.Entities; e++)
            {
                AssertBits(buffers.Occurrence.Slice(e * length, length), reference.Occurrence.Slice(e * 257, length), $"length {length}, occurrence, entity {e}");
                AssertBits(buffers.Npv.Slice(e * length, length), reference.Npv.Slice(e * 257, length), $"length {length}, NPV, entity {e}");
            }
        }
    }

    [Fact]
    public void Block_kernel_equals_the_scalar_kernel_over_every_year_and_scenario_with_the_npv_carried()
    {
        var inputs = Portfolio();
        var settings = new SimulationSettings { Paths = 700, FirstYear = 2025, LastYear = 2050 };
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var rng = new CounterRng(7);
        var scratch = new KernelScratch(sites.Length);
        var exercised = new HashSet<Metric>();

        // One set of block buffers for both scenarios, NaN to start with: the block kernel starts
        // the NPVs in the first year (as Simulator has it) over whatever is there, the scalar
        // kernel adds to fresh (zero) buffers.
        var blockBuffers = new PathBuffers(sites.Length, settings.Paths);
        blockBuffers.Npv.Fill(double.NaN);
        foreach (var scenarioInput in inputs.Scenarios)
        {
            var scenario = new ScenarioPlan(scenarioInput, inputs, settings);
            var scalarBuffers = new PathBuffers(sites.Length, settings.Paths);
            var block = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, rng, blockBuffers);
            var scalar = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, rng, scalarBuffers);
            for (var t = 0; t < settings.YearCount; t++)
            {
                KernelHarness.EvaluateAll(block, settings.Paths, 0, t, settings.FirstYear + t, scratch, startNpvs: t == 0);
                KernelHarness.EvaluateAllScalar(scalar, settings.Paths, 0, t, settings.FirstYear + t, scratch);
                AssertBits(blockBuffers.Values, scalarBuffers.Values, $"{scenarioInput.Id} {settings.FirstYear + t} values");
                AssertBits(blockBuffers.Occurrence, scalarBuffers.Occurrence, $"{scenarioInput.Id} {settings.FirstYear + t} occurrence");
                foreach (var metric in Enum.GetValues<Metric>())
                {
                    if (blockBuffers.Cell(metric, sites.Length).ToArray().Any(v => v != 0))
                    {
                        exercised.Add(metric);
                    }
                }
            }

            AssertBits(blockBuffers.Npv, scalarBuffers.Npv, $"{scenarioInput.Id} NPV");
        }

        // The comparison means something only if every peril actually produced losses.
        exercised.Should().Contain([Metric.FloodDirectCny, Metric.SurgeDirectCny, Metric.WindDirectCny, Metric.WindBiCny, Metric.HeatBiCny, Metric.DroughtEnergyCny, Metric.CarbonCostCny]);
    }

    [Fact]
    public void Heat_shortfalls_on_full_registers_of_the_heat_list_equal_the_scalar_kernel()
    {
        // T_crit 1.75 s.d. above the summer mean: a few hot days a year, so nearly every path is
        // listed (whole 8-lane registers of the heat list) and most counts are within the
        // unrolled steps while some lanes still need the scalar search; the Portfolio's ulanqab
        // (T_crit at the mean, about 46 hot days) has nearly every lane searched.
        var hot = SyntheticInputs.Site("hot", 30.0, 114.0) with
        {
            Climate = SyntheticInputs.Climate(0.6),
            Heat = new HeatShortfall { TCritC = 36.25, ShortfallProbability = 0.15, ThrottleFraction = 0.25, ThrottleHours = 6 },
        };
        var inputs = SyntheticInputs.Inputs([hot], [SyntheticInputs.Scenario("warm", "WARM")]);
        var settings = new SimulationSettings { Paths = 600, FirstYear = 2025, LastYear = 2050 };
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var scenario = new ScenarioPlan(inputs.Scenarios[0], inputs, settings);
        var rng = new CounterRng(11);
        var scratch = new KernelScratch(sites.Length);
        var blockBuffers = new PathBuffers(sites.Length, settings.Paths);
        var scalarBuffers = new PathBuffers(sites.Length, settings.Paths);
        var block = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, rng, blockBuffers);
        var scalar = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, rng, scalarBuffers);
        foreach (var t in new[] { 0, 12, 25 })
        {
            KernelHarness.EvaluateAll(block, settings.Paths, 0, t, settings.FirstYear + t, scratch);
            KernelHarness.EvaluateAllScalar(scalar, settings.Paths, 0, t, settings.FirstYear + t, scratch);
            var bi = blockBuffers.Cell(Metric.HeatBiCny, 0);
            AssertBits(bi, scalarBuffers.Cell(Metric.HeatBiCny, 0), $"{settings.FirstYear + t} heat BI");
            AssertBits(blockBuffers.Values, scalarBuffers.Values, $"{settings.FirstYear + t} values");

            // BI in a fifth of the paths or more (q = 0.15 of each hot day): the list held whole registers.
            var withBi = bi.ToArray().Count(v => v > 0);
            withBi.Should().BeGreaterThan(settings.Paths / 5, $"{settings.FirstYear + t}");
            var distinct = bi.ToArray().Where(v => v > 0).Distinct().Count();
            distinct.Should().BeGreaterThan(3, "shortfall counts above the three unrolled steps must occur");
        }
    }

    [Fact]
    public void Under_a_rekeyed_generator_block_and_scalar_kernels_agree_and_only_the_rekeyed_perils_change()
    {
        // The sensitivity designs run the kernel with some streams re-keyed (CounterRng.Rekeyed):
        // both kernels must take every stream's key from the generator, or they would disagree.
        var inputs = Portfolio();
        var settings = new SimulationSettings { Paths = 700, FirstYear = 2025, LastYear = 2050 };
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var scenario = new ScenarioPlan(inputs.Scenarios[0], inputs, settings);
        var plain = new CounterRng(7);
        var scratch = new KernelScratch(sites.Length);
        const int Year = 2045;
        PathBuffers Run(CounterRng rng, bool scalar)
        {
            var buffers = new PathBuffers(sites.Length, settings.Paths);
            var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, rng, buffers);
            if (scalar)
            {
                KernelHarness.EvaluateAllScalar(kernel, settings.Paths, 0, Year - settings.FirstYear, Year, scratch);
            }
            else
            {
                KernelHarness.EvaluateAll(kernel, settings.Paths, 0, Year - settings.FirstYear, Year, scratch);
            }

            return buffers;
        }

        var all = plain.Rekeyed(Enum.GetValues<RandomStreamId>(), 1);
        AssertBits(Run(all, false).Values, Run(all, true).Values, "every stream re-keyed");

        var wind = plain.Rekeyed([RandomStreamId.Wind], 1);
        var windBlock = Run(wind, false);
        AssertBits(windBlock.Values, Run(wind, true).Values, "wind re-keyed");
        var reference = Run(plain, false);
        var shanghai = Array.FindIndex(sites, s => s.Site.Id == "shanghai");
        var beijing = Array.FindIndex(sites, s => s.Site.Id == "beijing");
        AssertBits(windBlock.Cell(Metric.TotalClimateCostCny, beijing), reference.Cell(Metric.TotalClimateCostCny, beijing), "a site without wind keeps its values");
        AssertBits(windBlock.Cell(Metric.FloodDirectCny, shanghai), reference.Cell(Metric.FloodDirectCny, shanghai), "other perils keep theirs");
        windBlock.Cell(Metric.WindDirectCny, shanghai).ToArray().Should().NotEqual(reference.Cell(Metric.WindDirectCny, shanghai).ToArray());
    }

    [Fact]
    public void Starting_a_sum_gives_the_bits_of_adding_to_a_cleared_one_on_every_lane_and_in_the_tail()
    {
        // −1 · (+0) = −0: started, the sum must be +0 (+0 + −0), as the add to a cleared sum gives,
        // not the product's −0; the rest must match too, over lengths that use the 8-lane body,
        // the 4-lane body and the scalar tail.
        for (var length = 0; length <= 40; length++)
        {
            var x = Enumerable.Range(0, length).Select(i => i % 3 == 0 ? 0.0 : i * 0.37).ToArray();
            var added = new double[length];
            PathKernel.MultiplyInto<IAccumulation.Add>(-1.0, x, added);
            var started = Enumerable.Repeat(double.NaN, length).ToArray();
            PathKernel.MultiplyInto<IAccumulation.Start>(-1.0, x, started);
            started.Select(BitConverter.DoubleToInt64Bits).Should().Equal(added.Select(BitConverter.DoubleToInt64Bits), $"length {length}");
            if (length > 0)
            {
                BitConverter.DoubleToInt64Bits(started[0]).Should().Be(0, "+0 + (−1 · 0) is +0");
            }
        }
    }

    [Fact]
    public void Block_kernel_does_not_allocate()
    {
        var inputs = Portfolio();
        var settings = new SimulationSettings { Paths = 1_000, FirstYear = 2025, LastYear = 2050 };
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var buffers = new PathBuffers(sites.Length, settings.Paths);
        var kernel = new PathKernel(sites, new ScenarioPlan(inputs.Scenarios[1], inputs, settings), inputs.HeavyPrecipitationMultiplier, new CounterRng(1), buffers);
        var scratch = new KernelScratch(sites.Length);
        Allocation.LeastOf(3, () =>
        {
            for (var t = 0; t < settings.YearCount; t++)
            {
                KernelHarness.EvaluateAll(kernel, settings.Paths, 0, t, settings.FirstYear + t, scratch);
            }
        }).Should().Be(0);
    }

    private static void AssertBits(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, string what)
    {
        actual.Length.Should().Be(expected.Length, what);
        for (var i = 0; i < actual.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(actual[i]) != BitConverter.DoubleToInt64Bits(expected[i]))
            {
                throw new Xunit.Sdk.XunitException($"{what}: index {i} is {actual[i]:R}, the scalar kernel gives {expected[i]:R}");
            }
        }
    }
}
