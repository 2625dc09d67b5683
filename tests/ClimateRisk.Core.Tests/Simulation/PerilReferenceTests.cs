using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;
using ClimateRisk.Core.Tests.TestSupport;
using MathNet.Numerics;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// Each peril's simulated mean annual loss against an independent reference — a numeric
/// integral or a closed form — for one site in a flat climate (no warming, no anomaly), so the
/// only randomness is the peril's own. Tolerance: 4 standard errors of the simulated mean.
/// </summary>
public class PerilReferenceTests
{
    private const int Year = 2030;
    private static readonly SimulationSettings Settings = new() { Paths = 200_000, FirstYear = Year, LastYear = Year, Seed = 42, Horizons = [] };

    private static CellStatistics Simulate(Site site, Metric metric, Scenario? scenario = null)
    {
        var result = Simulator.Run(SyntheticInputs.Inputs([site], scenario is null ? null : [scenario]), Settings);
        return result.Cells.Single(c => c.EntityId == site.Id && c.Metric == metric).Statistics;
    }

    /// <summary>d(R) of MODEL §6: 0 below the first positive depth, linear in ln R, flat beyond the last.</summary>
    private static double Depth(FloodExposure flood, double returnPeriod)
    {
        var r = flood.ReturnPeriodsY;
        var d = flood.DepthsM;
        var first = d.ToList().FindIndex(x => x > 0);
        if (returnPeriod < r[first])
        {
            return 0;
        }

        if (returnPeriod >= r[^1])
        {
            return d[^1];
        }

        var i = 1;
        while (returnPeriod > r[i])
        {
            i++;
        }

        var w = (Math.Log(returnPeriod) - Math.Log(r[i - 1])) / (Math.Log(r[i]) - Math.Log(r[i - 1]));
        return d[i - 1] + (w * (d[i] - d[i - 1]));
    }

    /// <summary>∫₀¹ asset·DR(d(1/(1−u))) du with u = 1 − e^(−v), v = ln R, split at the curve's breakpoints; 0 below R_from.</summary>
    private static double FloodIntegral(Site site, double fromReturnPeriod)
    {
        var flood = site.Flood!;
        var breaks = flood.ReturnPeriodsY.Select(r => Math.Log(r)).Append(Math.Log(fromReturnPeriod)).Where(v => v >= Math.Log(fromReturnPeriod)).Distinct().Order().ToArray();
        double Integrand(double v) => site.AssetValueCny * SyntheticInputs.Industrial.Mean.At(Depth(flood, Math.Exp(v))) * Math.Exp(-v);
        var total = 0.0;
        for (var i = 0; i + 1 < breaks.Length; i++)
        {
            total += Integrate.OnClosedInterval(Integrand, breaks[i], breaks[i + 1], 1e-6);
        }

        // Beyond the last return period the depth is flat: ∫ e^(−v) dv from ln R_max = 1/R_max.
        return total + (site.AssetValueCny * SyntheticInputs.Industrial.Mean.At(flood.DepthsM[^1]) / flood.ReturnPeriodsY[^1]);
    }

    [Fact]
    public void Flood_mean_direct_loss_matches_the_integral_over_the_hazard_curve()
    {
        var site = SyntheticInputs.Site() with { Flood = SyntheticInputs.Flood() };
        var stats = Simulate(site, Metric.FloodDirectCny);
        var expected = FloodIntegral(site, 1);
        (Math.Abs(stats.Mean - expected) / stats.StandardError).Should().BeLessThan(4, $"simulated {stats.Mean:N0} ± {stats.StandardError:N0}, integral {expected:N0}");
    }

    [Fact]
    public void Flood_protection_removes_exactly_the_events_up_to_its_standard()
    {
        var site = SyntheticInputs.Site() with { Flood = SyntheticInputs.Flood(protectionRp: 100) };
        var stats = Simulate(site, Metric.FloodDirectCny);
        var expected = FloodIntegral(site, 100);
        (Math.Abs(stats.Mean - expected) / stats.StandardError).Should().BeLessThan(4, $"simulated {stats.Mean:N0} ± {stats.StandardError:N0}, integral {expected:N0}");
    }

    [Fact]
    public void Storm_surge_mean_loss_matches_the_integral_over_the_gev_level()
    {
        var surge = new SurgeExposure { GevLocationM = 2.0, GevScaleM = 0.35, GevShape = 0.1, GroundElevationM = 2.5, DefenceCrestM = 3.2, SubsidenceMPerYear = 0 };
        var site = SyntheticInputs.Site() with { Surge = surge };
        var stats = Simulate(site, Metric.SurgeDirectCny);
        var expected = SurgeIntegral(site);
        (Math.Abs(stats.Mean - expected) / stats.StandardError).Should().BeLessThan(4, $"simulated {stats.Mean:N0} ± {stats.StandardError:N0}, integral {expected:N0}");
    }

    /// <summary>∫ asset·DR(level − ground)·pdf(level) d level above the crest (upper limit where the GEV tail is below 1e−12).</summary>
    private static double SurgeIntegral(Site site)
    {
        var surge = site.Surge!;
        var gev = new GeneralizedExtremeValue(surge.GevLocationM, surge.GevScaleM, surge.GevShape);
        return Integrate.OnClosedInterval(
            level => site.AssetValueCny * SyntheticInputs.Industrial.Mean.At(level - surge.GroundElevationM) * gev.Pdf(level),
            surge.DefenceCrestM,
            gev.InvCdf(1 - 1e-12),
            1e-6);
    }

    /// <summary>
    /// The kernel draws the flood and surge damage of all sites of a block together and hands
    /// each site its own: in a portfolio of sites with different values, protections and perils,
    /// each site's mean losses match its own integrals (the copula correlates the sites' draws
    /// but leaves each one's marginal as it is), and a site without a peril has none of its loss.
    /// </summary>
    [Fact]
    public void Each_sites_flood_and_surge_losses_in_a_portfolio_match_its_own_integrals()
    {
        var surge = new SurgeExposure { GevLocationM = 2.0, GevScaleM = 0.35, GevShape = 0.1, GroundElevationM = 2.5, DefenceCrestM = 3.2, SubsidenceMPerYear = 0 };
        Site[] sites =
        [
            SyntheticInputs.Site("flood-open", 39.8, 116.5) with { Flood = SyntheticInputs.Flood(), AssetValueCny = 800e6 },
            SyntheticInputs.Site("coast", 39.1, 117.2) with { Surge = surge, AssetValueCny = 300e6 },
            SyntheticInputs.Site("dry", 40.0, 116.0),
            SyntheticInputs.Site("flood-walled", 39.9, 116.4) with { Flood = SyntheticInputs.Flood(protectionRp: 100), Surge = surge with { DefenceCrestM = 3.0 } },
        ];
        var result = Simulator.Run(SyntheticInputs.Inputs(sites), Settings);
        CellStatistics Cell(string id, Metric metric) => result.Cells.Single(c => c.EntityId == id && c.Metric == metric).Statistics;

        foreach (var (id, metric, expected) in new (string, Metric, double)[]
        {
            ("flood-open", Metric.FloodDirectCny, FloodIntegral(sites[0], 1)),
            ("coast", Metric.SurgeDirectCny, SurgeIntegral(sites[1])),
            ("flood-walled", Metric.FloodDirectCny, FloodIntegral(sites[3], 100)),
            ("flood-walled", Metric.SurgeDirectCny, SurgeIntegral(sites[3])),
        })
        {
            var stats = Cell(id, metric);
            (Math.Abs(stats.Mean - expected) / stats.StandardError).Should().BeLessThan(4, $"{id} {metric}: simulated {stats.Mean:N0} ± {stats.StandardError:N0}, integral {expected:N0}");
        }

        foreach (var (id, metric) in new[] { ("flood-open", Metric.SurgeDirectCny), ("coast", Metric.FloodDirectCny), ("dry", Metric.FloodDirectCny), ("dry", Metric.SurgeDirectCny) })
        {
            Cell(id, metric).P99.Should().Be(0, $"{id} is not exposed to {metric}");
            Cell(id, metric).Mean.Should().Be(0, $"{id} is not exposed to {metric}");
        }
    }

    [Fact]
    public void Typhoon_wind_mean_damage_matches_the_integral_of_emanuels_curve_over_the_gumbel_gust()
    {
        var wind = new WindExposure { GumbelLocationMs = 30, GumbelScaleMs = 5, VHalfMs = 90, VBiMs = 33, BiHours = 12 };
        var site = SyntheticInputs.Site() with { Wind = wind };
        var gumbel = new Gumbel(wind.GumbelLocationMs, wind.GumbelScaleMs);
        double DamageRatio(double v)
        {
            var x = Math.Max(0, v - 25.7) / (wind.VHalfMs - 25.7);
            return x * x * x / (1 + (x * x * x));
        }

        var direct = Simulate(site, Metric.WindDirectCny);
        var expected = Integrate.OnClosedInterval(v => site.AssetValueCny * DamageRatio(v) * gumbel.Pdf(v), 25.7, gumbel.InvCdf(1 - 1e-13), 1e-6);
        (Math.Abs(direct.Mean - expected) / direct.StandardError).Should().BeLessThan(4, $"simulated {direct.Mean:N0} ± {direct.StandardError:N0}, integral {expected:N0}");

        // BI: P(V > V_bi) · H/24 · BI_day · (1 − failover), closed form.
        var bi = Simulate(site, Metric.WindBiCny);
        var biExpected = (1 - gumbel.Cdf(wind.VBiMs)) * wind.BiHours / 24 * site.BiCnyPerDay * (1 - site.Failover);
        (Math.Abs(bi.Mean - biExpected) / bi.StandardError).Should().BeLessThan(4);
    }

    [Fact]
    public void Extreme_heat_loss_matches_the_thinned_poisson_closed_form()
    {
        var site = SyntheticInputs.Site() with { Heat = new HeatShortfall { TCritC = 35, ShortfallProbability = 0.15, ThrottleFraction = 0.25, ThrottleHours = 6 } };
        var stats = Simulate(site, Metric.HeatBiCny);
        // λ = 92·(1 − Φ((T_crit − μ_x)/σ_x)); shortfalls ~ Poisson(λq); each costs BI·(1−failover)·f·H/24.
        var lambda = 92 * (1 - StandardNormal.Cdf((35 - 31) / 3.0));
        var perShortfall = site.BiCnyPerDay * (1 - site.Failover) * 0.25 * 6 / 24;
        var expected = lambda * 0.15 * perShortfall;
        (Math.Abs(stats.Mean - expected) / stats.StandardError).Should().BeLessThan(4);
        // Thinned Poisson: s.d. = √(λq)·cost — the spread is right too. The relative s.e. of a sample
        // s.d. is √((κ − 1)/(4N)), κ the kurtosis; for a Poisson count of mean m, κ = 3 + 1/m.
        var m = lambda * 0.15;
        var sd = Math.Sqrt(m) * perShortfall;
        var relativeSe = Math.Sqrt((2 + (1 / m)) / (4.0 * Settings.Paths));
        (Math.Abs(stats.StandardDeviation - sd) / sd).Should().BeLessThan(4 * relativeSe);
    }

    [Fact]
    public void Drought_costs_match_their_closed_forms_for_a_water_cooled_site_with_short_storage()
    {
        var site = SyntheticInputs.Site() with { WueLPerKwh = 2.0, WaterStorageH = 6, Drought = new DroughtExposure { RestrictionDaysPerYear = 5, DryPuePenalty = 0.15 } };
        var scenario = SyntheticInputs.Scenario();
        var energy = Simulate(site, Metric.DroughtEnergyCny, scenario);
        var bi = Simulate(site, Metric.DroughtBiCny, scenario);
        var itEnergy = site.ItLoadMw * 8760;
        var price = Price(site, scenario, Year);
        (Math.Abs(energy.Mean - (5 * itEnergy / 365 * 0.15 * price)) / energy.StandardError).Should().BeLessThan(4);
        (Math.Abs(bi.Mean - (5 * site.BiCnyPerDay * (1 - site.Failover) * 0.1)) / bi.StandardError).Should().BeLessThan(4);
        var water = Simulate(site, Metric.WaterCostCny, scenario);
        water.Mean.Should().BeApproximately(2.0 * itEnergy * site.WaterPriceCnyPerM3, 1e-6);
    }

    /// <summary>P_e with all transition σ = 0 (MODEL §10), computed from the scenario's points by hand.</summary>
    internal static double Price(Site site, Scenario scenario, int year)
    {
        var escalation = 1 + (0.2 * (year - 2023) / 27.0);
        var carbon = year <= 2030 ? 70 + (130.0 * (year - 2023) / 7) : 200 + (400.0 * (year - 2030) / 20);
        var ef = site.BaseGridFactorTPerMwh * Math.Pow(1 - scenario.GridDeclineRate!.Value, year - 2023);
        return (site.ElectricityPriceCnyPerMwh * escalation) + (scenario.CarbonPassThrough * carbon * ef);
    }
}
