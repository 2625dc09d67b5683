using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Tests.Properties;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// The tail bounds of the flood, surge and wind draws (PathKernel.Tails.cs): below the bound no
/// path of the block reaches damage by the kernel's own arithmetic (the scalar forms of its vector
/// transforms, bit for bit the same), for every driver of the block; just above it the block's
/// largest driver does, so the bound is tight and not merely safe. Parameters: the bundled sites,
/// perturbed portfolios and random GEV and Gumbel shapes, fixed seeds. That the kernel's outputs
/// do not change is tested bit for bit against the scalar reference (PathKernelTests, whose
/// surge and flood lists are short enough for the gathered form) and on whole runs (cmp).
/// </summary>
public class PathKernelTailTests
{
    private static readonly SimulationSettings Settings = new() { Paths = 1000, FirstYear = 2025, LastYear = 2050, Seed = 7 };

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(37)]
    [InlineData(256)]
    public void The_paths_above_a_bound_are_listed_in_path_order(int count)
    {
        // Values at the bound, NaN and infinities beside ordinary draws; dense and sparse lists.
        var random = new System.Random(count + 3);
        foreach (var share in new[] { 0.0, 0.02, 0.5, 1.0 })
        {
            var z = new double[count];
            for (var p = 0; p < count; p++)
            {
                z[p] = random.NextDouble() < share ? 1.5 + random.NextDouble() : random.Next(6) switch
                {
                    0 => 1.5,
                    1 => double.NaN,
                    2 => double.NegativeInfinity,
                    _ => random.NextDouble(),
                };
            }

            if (count > 3)
            {
                z[count - 1] = double.PositiveInfinity;
            }

            var list = new int[Math.Max(count, 1)];
            var listed = PathKernel.ListAbove(z, 1.5, list);
            var expected = Enumerable.Range(0, count).Where(p => z[p] > 1.5).ToArray();
            list[..listed].Should().Equal(expected, $"{count} paths, share {share}");
        }
    }

    [Fact]
    public void Below_the_flood_bound_no_path_is_listed_and_above_it_the_most_frequent_path_is()
    {
        var engaged = 0;
        foreach (var inputs in Portfolios())
        {
            foreach (var site in inputs.Sites.Where(s => s.Flood is not null))
            {
                var plan = new SitePlan(site, inputs, Settings);
                foreach (var frequency in Drivers(new System.Random(site.Id.Length), 0.6, 3.0))
                {
                    var from = PathKernel.FloodTailFrom(plan, frequency);
                    if (plan.FirstPositiveDepth < 0 || double.IsPositiveInfinity(plan.ListFloodFromY))
                    {
                        // Nothing floods, or no depth tops the floor: no path is listed.
                        from.Should().Be(double.PositiveInfinity);
                        continue;
                    }

                    if (double.IsNegativeInfinity(from))
                    {
                        continue;
                    }

                    engaged++;
                    var largest = frequency.Max();
                    // The largest m is the hardest case; the rest are checked too, without an assertion each.
                    foreach (var z in Below(from))
                    {
                        var listed = frequency.Count(f => !(1.0 / VectorNormal.Cdf(-z) * f < plan.ListFloodFromY));
                        listed.Should().Be(0, $"{site.Id}: z {z:R} ≤ bound {from:R}");
                    }

                    (1.0 / VectorNormal.Cdf(-(from + 0.002)) * largest >= plan.ListFloodFromY).Should().BeTrue($"{site.Id}: the bound {from:R} is within 0.002 of the threshold");
                }
            }
        }

        engaged.Should().BeGreaterThan(20);
    }

    [Fact]
    public void Below_the_surge_bound_no_level_is_over_the_crest_and_above_it_the_highest_sea_level_is()
    {
        var random = new System.Random(11);
        var engaged = 0;
        foreach (var surge in Surges(random))
        {
            foreach (var seaLevel in Drivers(random, -0.2, 1.2))
            {
                var subsidenceM = surge.SubsidenceMPerYear * random.Next(0, 26);
                var from = SurgeTailFrom(surge, subsidenceM, seaLevel);
                if (double.IsNegativeInfinity(from))
                {
                    continue;
                }

                engaged++;
                foreach (var z in Below(from))
                {
                    var quantile = VectorQuantiles.Gev(surge.GevLocationM, surge.GevScaleM, surge.GevShape, VectorNormal.Cdf(z));

                    // As the kernel adds them (Counts): quantile + sea level + subsidence.
                    var over = seaLevel.Count(sea => surge.DefenceCrestM < quantile + sea + subsidenceM);
                    over.Should().Be(0, $"z {z:R} ≤ bound {from:R}, GEV ({surge.GevLocationM}, {surge.GevScaleM}, {surge.GevShape}), crest {surge.DefenceCrestM}");
                }

                var above = VectorQuantiles.Gev(surge.GevLocationM, surge.GevScaleM, surge.GevShape, VectorNormal.Cdf(from + 0.002));
                (surge.DefenceCrestM < above + seaLevel.Max() + subsidenceM).Should().BeTrue($"the bound {from:R} is within 0.002 of the crest");
            }
        }

        engaged.Should().BeGreaterThan(100);
    }

    [Fact]
    public void Below_the_wind_bound_no_gust_does_damage_and_above_it_the_strongest_intensity_does()
    {
        var random = new System.Random(13);
        var engaged = 0;
        foreach (var wind in Winds(random))
        {
            foreach (var intensity in Drivers(random, 0.8, 1.4))
            {
                var from = WindTailFrom(wind, intensity);
                if (double.IsNegativeInfinity(from))
                {
                    continue;
                }

                engaged++;
                var lowestDamaging = Math.Min(25.7, wind.VBiMs);
                foreach (var z in Below(from))
                {
                    var quantile = VectorQuantiles.Gumbel(wind.GumbelLocationMs, wind.GumbelScaleMs, VectorNormal.Cdf(z));
                    var damaging = intensity.Count(i => !(quantile * i <= lowestDamaging));
                    damaging.Should().Be(0, $"z {z:R} ≤ bound {from:R}, Gumbel ({wind.GumbelLocationMs}, {wind.GumbelScaleMs}), v_BI {wind.VBiMs}");
                }

                var above = VectorQuantiles.Gumbel(wind.GumbelLocationMs, wind.GumbelScaleMs, VectorNormal.Cdf(from + 0.002));
                (above * intensity.Max() > lowestDamaging).Should().BeTrue($"the bound {from:R} is within 0.002 of the damaging gust");
            }
        }

        engaged.Should().BeGreaterThan(100);
    }

    [Fact]
    public void The_site_plan_holds_the_surge_and_gust_distributions_the_bounds_take()
    {
        var inputs = RandomPortfolio.Bundled;
        inputs.Sites.Should().Contain(s => s.Surge != null).And.Contain(s => s.Wind != null);
        foreach (var site in inputs.Sites)
        {
            var plan = new SitePlan(site, inputs, Settings);
            if (site.Surge is { } surge)
            {
                plan.SurgeLevels.Should().NotBeNull();
                (plan.SurgeLevels!.Location, plan.SurgeLevels.Scale, plan.SurgeLevels.Shape).Should().Be((surge.GevLocationM, surge.GevScaleM, surge.GevShape));
            }
            else
            {
                plan.SurgeLevels.Should().BeNull();
            }

            if (site.Wind is { } wind)
            {
                plan.Gusts.Should().NotBeNull();
                (plan.Gusts!.Location, plan.Gusts.Scale).Should().Be((wind.GumbelLocationMs, wind.GumbelScaleMs));
            }
            else
            {
                plan.Gusts.Should().BeNull();
            }
        }
    }

    [Fact]
    public void Without_positive_finite_drivers_or_with_the_threshold_deep_in_a_tail_every_path_is_transformed()
    {
        var wind = new WindExposure { GumbelLocationMs = 30, GumbelScaleMs = 5, VHalfMs = 90, VBiMs = 33, BiHours = 12 };
        WindTailFrom(wind, [1.0, 0.0, 1.2]).Should().Be(double.NegativeInfinity, "an intensity of 0");
        WindTailFrom(wind, [1.0, double.PositiveInfinity]).Should().Be(double.NegativeInfinity);
        WindTailFrom(wind with { GumbelLocationMs = 5, GumbelScaleMs = 1 }, [1.0]).Should().Be(double.NegativeInfinity, "25.7 m/s lies beyond z = 5");

        var surge = new SurgeExposure { GevLocationM = 2.4, GevScaleM = 0.35, GevShape = 0.1, GroundElevationM = 2.5, DefenceCrestM = 2.8, SubsidenceMPerYear = 0.01 };
        SurgeTailFrom(surge, 0.1, [0.3, double.NaN]).Should().Be(double.NegativeInfinity);
        SurgeTailFrom(surge with { GevShape = -0.5 }, 0, [0.0]).Should().BeInRange(-5, 5);
        SurgeTailFrom(surge with { GevShape = -0.5, DefenceCrestM = 3.2 }, 0, [0.0]).Should().Be(double.NegativeInfinity, "a crest above the GEV's upper end (μ − σ/ξ = 3.1) is left to the full transform");
        SurgeTailFrom(surge with { DefenceCrestM = 0 }, 0, [0.0]).Should().Be(double.NegativeInfinity, "every path is over a crest at the ground");
        PathKernel.SurgeTailFrom(null, 2.8, 0, [0.0]).Should().Be(double.NegativeInfinity, "no distribution the plan could build");
        PathKernel.WindTailFrom(null, 33, [1.0]).Should().Be(double.NegativeInfinity);
    }

    /// <summary>The surge's bound, with the GEV as the site plan builds it.</summary>
    private static double SurgeTailFrom(SurgeExposure surge, double subsidenceM, double[] seaLevelRiseM)
        => PathKernel.SurgeTailFrom(new GeneralizedExtremeValue(surge.GevLocationM, surge.GevScaleM, surge.GevShape), surge.DefenceCrestM, subsidenceM, seaLevelRiseM);

    /// <summary>The wind's bound, with the Gumbel as the site plan builds it.</summary>
    private static double WindTailFrom(WindExposure wind, double[] intensity)
        => PathKernel.WindTailFrom(new Gumbel(wind.GumbelLocationMs, wind.GumbelScaleMs), wind.VBiMs, intensity);

    /// <summary>z from 8 below the bound up to the bound itself, with the bound's next values down.</summary>
    private static IEnumerable<double> Below(double from)
    {
        for (var k = 0; k <= 400; k++)
        {
            yield return from - (8.0 * k / 400);
        }

        yield return Math.BitDecrement(from);
        yield return Math.BitDecrement(Math.BitDecrement(from));
    }

    /// <summary>Blocks of driver values: one repeated, a spread, and one high outlier.</summary>
    private static IEnumerable<double[]> Drivers(System.Random random, double low, double high)
    {
        double U() => low + (random.NextDouble() * (high - low));
        yield return [U()];
        yield return Enumerable.Range(0, 256).Select(_ => U()).ToArray();
        yield return [.. Enumerable.Range(0, 40).Select(_ => low + (0.1 * (high - low) * random.NextDouble())), high];
    }

    private static IEnumerable<ModelInputs> Portfolios()
    {
        yield return RandomPortfolio.Bundled;
        for (var seed = 1; seed <= 6; seed++)
        {
            yield return RandomPortfolio.Generate(seed);
        }
    }

    private static IEnumerable<SurgeExposure> Surges(System.Random random)
    {
        foreach (var site in RandomPortfolio.Bundled.Sites.Where(s => s.Surge is not null))
        {
            yield return site.Surge!;
        }

        for (var k = 0; k < 150; k++)
        {
            var location = 1 + (2 * random.NextDouble());
            yield return new SurgeExposure
            {
                GevLocationM = location,
                GevScaleM = 0.1 + random.NextDouble(),
                GevShape = new[] { 0.0, 1e-13, -0.3, -0.1, 0.1, 0.3, 0.45 }[random.Next(7)],
                GroundElevationM = 2,
                DefenceCrestM = location + (3 * random.NextDouble()),
                SubsidenceMPerYear = 0.02 * random.NextDouble(),
            };
        }
    }

    private static IEnumerable<WindExposure> Winds(System.Random random)
    {
        foreach (var site in RandomPortfolio.Bundled.Sites.Where(s => s.Wind is not null))
        {
            yield return site.Wind!;
        }

        for (var k = 0; k < 150; k++)
        {
            yield return new WindExposure
            {
                GumbelLocationMs = 10 + (25 * random.NextDouble()),
                GumbelScaleMs = 1 + (8 * random.NextDouble()),
                VHalfMs = 80,
                VBiMs = 20 + (20 * random.NextDouble()),
                BiHours = 12,
            };
        }
    }
}
