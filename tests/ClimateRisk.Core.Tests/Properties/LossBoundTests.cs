using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Properties;

/// <summary>
/// Per path, site and year over random valid portfolios: every loss is ≥ 0 and at most what
/// the model can lose (MODEL §5–§9), and PUE ≥ 1. With B = BI_day·(1 − failover) and A the
/// asset value, the caps follow from the formulas: flood and coastal flood direct ≤
/// A·(1 − hardening) (DR ≤ 1), their BI ≤ B·(2 + 60) days; wind direct ≤ A (v³/(1 + v³) &lt; 1),
/// wind BI ≤ B·H_w/24; heat BI ≤ B·f·H/24 on each of the D = 92 summer days; drought BI ≤
/// B·0.1 on each of 365 days. Drought energy is an energy cost (random price), only ≥ 0.
/// </summary>
public sealed class LossBoundTests
{
    private const double SummerDays = 92;
    private const double DaysPerYear = 365;
    private const double MaxDowntimeDays = 2 + 60;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Losses_are_non_negative_and_within_the_exposed_value_plus_the_BI_cap(int seed)
    {
        var inputs = RandomPortfolio.Generate(seed);
        var settings = new SimulationSettings { Paths = 300, FirstYear = 2025, LastYear = 2050, Seed = (ulong)seed };
        var violations = new List<string>();

        KernelHarness.ForEachScenarioYear(inputs, settings, [2030, 2050], (k, year, buffers) =>
        {
            for (var s = 0; s < inputs.Sites.Count; s++)
            {
                var site = inputs.Sites[s];
                var bi = site.BiCnyPerDay * (1 - site.Failover);
                var hardening = site.Flood?.Hardening ?? 0;
                var caps = new (Metric Metric, double Cap)[]
                {
                    (Metric.FloodDirectCny, site.Flood is null ? 0 : site.AssetValueCny * (1 - hardening)),
                    (Metric.FloodBiCny, site.Flood is null ? 0 : bi * MaxDowntimeDays),
                    (Metric.SurgeDirectCny, site.Surge is null ? 0 : site.AssetValueCny * (1 - hardening)),
                    (Metric.SurgeBiCny, site.Surge is null ? 0 : bi * MaxDowntimeDays),
                    (Metric.WindDirectCny, site.Wind is null ? 0 : site.AssetValueCny),
                    (Metric.WindBiCny, site.Wind is null ? 0 : bi * site.Wind.BiHours / 24),
                    (Metric.HeatBiCny, bi * site.Heat.ThrottleFraction * site.Heat.ThrottleHours / 24 * SummerDays),
                    (Metric.DroughtBiCny, bi * 0.1 * DaysPerYear),
                    (Metric.DroughtEnergyCny, double.PositiveInfinity),
                };
                for (var p = 0; p < settings.Paths; p++)
                {
                    var sum = 0.0;
                    foreach (var (metric, cap) in caps)
                    {
                        var value = buffers.Cell(metric, s)[p];
                        sum += value;
                        if (!(value >= 0) || value > cap * (1 + 1e-12))
                        {
                            violations.Add($"{inputs.Scenarios[k].Id} {year} {site.Id} path {p}: {metric.Name()} = {value} outside [0, {cap}]");
                        }
                    }

                    var physical = buffers.Cell(Metric.PhysicalLossCny, s)[p];
                    if (Math.Abs(physical - sum) > 1e-9 * Math.Max(1, sum))
                    {
                        violations.Add($"{inputs.Scenarios[k].Id} {year} {site.Id} path {p}: physical loss {physical} ≠ sum of perils {sum}");
                    }
                }
            }
        });

        violations.Take(10).Should().BeEmpty($"{violations.Count} violations in all");
    }

    [Fact]
    public void Hot_days_never_exceed_the_summer_even_when_every_summer_day_is_hot()
    {
        // Regression: n ~ Poisson(λ ≈ 92) exceeded the 92 summer days on about half the paths.
        var site = SyntheticInputs.Site() with
        {
            Failover = 0,
            Heat = new Model.HeatShortfall { TCritC = 20, ShortfallProbability = 1, ThrottleFraction = 1, ThrottleHours = 24 },
            Drought = new Model.DroughtExposure { RestrictionDaysPerYear = 365, DryPuePenalty = 0.15 },
            WaterStorageH = 0,
            WueLPerKwh = 1.8,
        };
        var settings = new SimulationSettings { Paths = 2_000, FirstYear = 2030, LastYear = 2030 };

        var heat = KernelHarness.PathValues(SyntheticInputs.Inputs([site]), settings, 2030, Metric.HeatBiCny, 0);
        var drought = KernelHarness.PathValues(SyntheticInputs.Inputs([site]), settings, 2030, Metric.DroughtBiCny, 0);

        heat.Max().Should().Be(SummerDays * site.BiCnyPerDay);
        heat.Average().Should().BeGreaterThan(0.95 * SummerDays * site.BiCnyPerDay);
        drought.Max().Should().Be(DaysPerYear * site.BiCnyPerDay * 0.1);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Pue_is_at_least_one_for_every_site_path_and_year_and_for_the_portfolio(int seed)
    {
        var inputs = RandomPortfolio.Generate(seed);
        var settings = new SimulationSettings { Paths = 300, FirstYear = 2025, LastYear = 2050, Seed = (ulong)seed };
        var lowest = double.PositiveInfinity;

        KernelHarness.ForEachScenarioYear(inputs, settings, [2025, 2031, 2050], (_, _, buffers) =>
        {
            for (var e = 0; e <= inputs.Sites.Count; e++)
            {
                foreach (var pue in buffers.Cell(Metric.Pue, e))
                {
                    lowest = Math.Min(lowest, pue);
                }
            }
        });

        lowest.Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public void The_generator_stays_within_what_the_loader_accepts_and_reaches_the_corners()
    {
        var sites = Enumerable.Range(1, 6).SelectMany(seed => RandomPortfolio.Generate(seed).Sites).ToArray();

        sites.Should().OnlyContain(s => s.Failover >= 0 && s.Failover <= 1 && s.ReportedPue >= 1 && s.ReportedPue <= 5 && s.ItLoadMw > 0);
        sites.Should().OnlyContain(s => s.Heat.TCritC >= 20 && s.Heat.TCritC <= 70 && s.Heat.ThrottleHours <= 24);
        sites.Should().Contain(s => s.Heat.TCritC < s.Climate.SummerTmaxMeanC, "some sites see hot days most summers");
        sites.Should().Contain(s => s.Flood != null && s.Flood.ProtectionRpY == 0, "some sites have no flood defence");
    }
}
