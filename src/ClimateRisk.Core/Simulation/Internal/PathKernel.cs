using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Evaluates every peril and transition driver of MODEL §3–§10 for one path of one
/// (scenario, year) and writes the per-path values. Pure in its inputs: the result of a path
/// does not depend on which thread runs it or on any other path.
/// </summary>
internal sealed class PathKernel
{
    private const double SummerDays = 92;
    private const int SummerDaysCount = 92;
    private const int DaysPerYear = 365;
    private const double WindThresholdMs = 25.7;
    private const double DowntimeMinDays = 2;
    private const double DowntimeSlopeDays = 60;
    private const double DroughtWarmingSensitivity = 0.1;
    private const double StorageNeededH = 12;
    private const double DroughtBiShare = 0.1;

    private readonly SitePlan[] _sites;
    private readonly ScenarioPlan _scenario;
    private readonly PiecewiseLinear _heavyPrecipitation;
    private readonly CounterRng _rng;
    private readonly PathBuffers _buffers;

    public PathKernel(SitePlan[] sites, ScenarioPlan scenario, PiecewiseLinear heavyPrecipitation, CounterRng rng, PathBuffers buffers)
    {
        _sites = sites;
        _scenario = scenario;
        _heavyPrecipitation = heavyPrecipitation;
        _rng = rng;
        _buffers = buffers;
    }

    public void Evaluate(int pathIndex, long path, int yearIndex, int year, KernelScratch scratch)
    {
        var sp = _scenario;
        var scenario = sp.Scenario;
        var rng = _rng;

        // Path-level climate and transition state (year 0, site 0: shared by all years and sites).
        var zWarming = rng.Normal(RandomStreamId.Warming, path, 0, 0, 0);
        var warmingNow = sp.GsatMedian[yearIndex] + (zWarming * sp.GsatSigma[yearIndex]);
        var warmingBase = sp.GsatMedian0 + (zWarming * sp.GsatSigma0);
        var globalWarmingSinceBase = warmingNow - warmingBase;
        var seaLevelRiseM = sp.SlrMedianDelta[yearIndex] + (rng.Normal(RandomStreamId.SeaLevel, path, 0, 0, 0) * sp.SlrSigmaDelta[yearIndex]);
        var carbonPrice = sp.CarbonPrice[yearIndex] * LogNormalFactor(scenario.CarbonPriceSigma, rng.Normal(RandomStreamId.Carbon, path, 0, 0, 0));
        var gridFactor = sp.GridDecline[yearIndex] * LogNormalFactor(scenario.GridSigma, rng.Normal(RandomStreamId.Grid, path, 0, 0, 0));
        var priceFactor = sp.Escalation[yearIndex] * LogNormalFactor(scenario.ElectricitySigma, rng.Normal(RandomStreamId.PowerPrice, path, year, 0, 0));
        var frequencyMultiplier = Math.Max(_heavyPrecipitation.At(warmingNow), 1e-9) / Math.Max(_heavyPrecipitation.At(warmingBase), 1e-9);
        var windIntensity = 1 + (scenario.TyphoonIntensityPerC * globalWarmingSinceBase);

        Correlate(RandomStreamId.HeatAnomaly, path, year, sp.Heat, scratch.Independent, scratch.Heat);
        Correlate(RandomStreamId.Flood, path, year, sp.Flood, scratch.Independent, scratch.Flood);
        Correlate(RandomStreamId.Surge, path, year, sp.Surge, scratch.Independent, scratch.Surge);
        Correlate(RandomStreamId.Wind, path, year, sp.Wind, scratch.Independent, scratch.Wind);

        var b = _buffers;
        var values = b.Values;
        var portfolio = _sites.Length;
        double sumItEnergy = 0, sumDriftEnergy = 0, maxSiteLoss = 0, anyBreach = 0;
        Span<double> portfolioSums = stackalloc double[MetricNames.Count];
        portfolioSums.Clear();
        Span<double> siteValues = stackalloc double[MetricNames.Count];

        for (var s = 0; s < _sites.Length; s++)
        {
            var plan = _sites[s];
            var site = plan.Site;
            var key = plan.Key;

            // §3–4 chronic heat → PUE.
            var siteWarming = site.LandAmplification * globalWarmingSinceBase;
            var shift = siteWarming + (site.Climate.InterannualSdC * scratch.Heat[s]);
            var climatePue = plan.Pue.Lookup(shift);
            var pue = climatePue + plan.PlannedChange[yearIndex];
            var drift = climatePue - site.ReportedPue;
            var itEnergy = plan.ItEnergyMwh[yearIndex];
            var facilityEnergy = itEnergy * pue;

            // §10 transition.
            var emissionFactor = site.BaseGridFactorTPerMwh * gridFactor;
            var price = (site.ElectricityPriceCnyPerMwh * priceFactor) + (scenario.CarbonPassThrough * carbonPrice * emissionFactor);
            var renewable = plan.RenewableShare[yearIndex];
            var scope2Location = facilityEnergy * emissionFactor;
            var scope2Market = scope2Location * (1 - renewable);
            var carbonCost = sp.Coverage[yearIndex] * carbonPrice * (site.Scope1T + scope2Market);
            var premium = renewable * facilityEnergy * sp.Premium[yearIndex];
            var limit = plan.LimitPue[yearIndex];
            var breach = pue > limit; // false when limit is NaN (no rule in force)
            var surcharge = breach
                ? itEnergy * (pue - limit) * (pue > plan.Tier2Pue[yearIndex] ? plan.Tier2RateCnyPerMwh[yearIndex] : plan.RateCnyPerMwh[yearIndex])
                : 0;

            var biPerDay = site.BiCnyPerDay * (1 - site.Failover);

            // §5 extreme heat.
            var heat = site.Heat;
            var hotDayRate = SummerDays * StandardNormal.Cdf((site.Climate.SummerTmaxMeanC + shift - heat.TCritC) / site.Climate.SummerTmaxSdC);
            // Poisson is the rare-event count of MODEL §5; as λ nears D it would count more hot
            // days than the summer has, so the count is capped at D (docs/model.md, §5 notes).
            var hotDays = Math.Min(SummerDaysCount, PoissonQuantile.InvCdfUnchecked(hotDayRate, rng.Uniform(RandomStreamId.HotDays, path, year, key, 0)));
            var shortfalls = hotDays > 0 ? BinomialQuantile.InvCdfUnchecked(hotDays, heat.ShortfallProbability, rng.Uniform(RandomStreamId.HotDays, path, year, key, 1)) : 0;
            var heatBi = shortfalls * biPerDay * heat.ThrottleFraction * heat.ThrottleHours / 24.0;

            // §6 river / pluvial flood.
            double floodDirect = 0, floodBi = 0;
            if (site.Flood is not null)
            {
                // 1 − u = Φ(−y) keeps the tail of R = 1/(1 − u) exact.
                var returnPeriod = 1.0 / StandardNormal.Cdf(-scratch.Flood[s]);
                var depth = plan.DepthAt(returnPeriod * frequencyMultiplier);
                if (depth > 0 && !(depth <= plan.ProtectionDepthM))
                {
                    (floodDirect, floodBi) = Inundation(plan, depth - plan.FloorHeightM, rng.Uniform(RandomStreamId.FloodDamage, path, year, key, 0), biPerDay);
                }
            }

            // §7 coastal flood.
            double surgeDirect = 0, surgeBi = 0;
            if (site.Surge is { } surge)
            {
                var level = GeneralizedExtremeValue.InvCdfUnchecked(surge.GevLocationM, surge.GevScaleM, surge.GevShape, StandardNormal.Cdf(scratch.Surge[s]))
                    + seaLevelRiseM + (surge.SubsidenceMPerYear * (year - SimulationSettings.BaseYear));
                if (level > surge.DefenceCrestM)
                {
                    (surgeDirect, surgeBi) = Inundation(plan, level - surge.GroundElevationM - plan.FloorHeightM, rng.Uniform(RandomStreamId.FloodDamage, path, year, key, 1), biPerDay);
                }
            }

            // §8 typhoon wind.
            double windDirect = 0, windBi = 0;
            if (site.Wind is { } wind)
            {
                var gust = Gumbel.InvCdfUnchecked(wind.GumbelLocationMs, wind.GumbelScaleMs, StandardNormal.Cdf(scratch.Wind[s])) * windIntensity;
                var v = Math.Max(0, gust - WindThresholdMs) / (wind.VHalfMs - WindThresholdMs);
                var v3 = v * v * v;
                windDirect = site.AssetValueCny * v3 / (1 + v3);
                windBi = gust > wind.VBiMs ? biPerDay * wind.BiHours / 24.0 : 0;
            }

            // §9 water stress.
            var water = site.WueLPerKwh * itEnergy;
            var waterCost = water * site.WaterPriceCnyPerM3;
            var restrictionRate = site.Drought.RestrictionDaysPerYear * Math.Max(0, 1 + (DroughtWarmingSensitivity * siteWarming));
            // Likewise no more restricted days than the year has.
            var restrictedDays = Math.Min(DaysPerYear, PoissonQuantile.InvCdfUnchecked(restrictionRate, rng.Uniform(RandomStreamId.Drought, path, year, key, 0)));
            double droughtEnergy = 0, droughtBi = 0;
            if (plan.IsWaterCooled && restrictedDays > 0)
            {
                droughtEnergy = restrictedDays * itEnergy / 365.0 * site.Drought.DryPuePenalty * price;
                droughtBi = site.WaterStorageH < StorageNeededH ? restrictedDays * biPerDay * DroughtBiShare : 0;
            }

            var physical = floodDirect + floodBi + surgeDirect + surgeBi + windDirect + windBi + heatBi + droughtEnergy + droughtBi;
            var climateEnergyCost = itEnergy * drift * price;
            var total = physical + climateEnergyCost + carbonCost + surcharge + premium;

            siteValues[(int)Metric.FloodDirectCny] = floodDirect;
            siteValues[(int)Metric.FloodBiCny] = floodBi;
            siteValues[(int)Metric.SurgeDirectCny] = surgeDirect;
            siteValues[(int)Metric.SurgeBiCny] = surgeBi;
            siteValues[(int)Metric.WindDirectCny] = windDirect;
            siteValues[(int)Metric.WindBiCny] = windBi;
            siteValues[(int)Metric.HeatBiCny] = heatBi;
            siteValues[(int)Metric.DroughtEnergyCny] = droughtEnergy;
            siteValues[(int)Metric.DroughtBiCny] = droughtBi;
            siteValues[(int)Metric.PhysicalLossCny] = physical;
            siteValues[(int)Metric.Pue] = pue;
            siteValues[(int)Metric.PueDrift] = drift;
            siteValues[(int)Metric.PueLimitBreach] = breach ? 1 : 0;
            siteValues[(int)Metric.FacilityEnergyMwh] = facilityEnergy;
            siteValues[(int)Metric.EnergyCostCny] = facilityEnergy * price;
            siteValues[(int)Metric.ClimateEnergyCostCny] = climateEnergyCost;
            siteValues[(int)Metric.Scope2LocationT] = scope2Location;
            siteValues[(int)Metric.Scope2MarketT] = scope2Market;
            siteValues[(int)Metric.CarbonCostCny] = carbonCost;
            siteValues[(int)Metric.PueSurchargeCny] = surcharge;
            siteValues[(int)Metric.RenewablePremiumCny] = premium;
            siteValues[(int)Metric.WaterM3] = water;
            siteValues[(int)Metric.WaterCostCny] = waterCost;
            siteValues[(int)Metric.TotalClimateCostCny] = total;

            for (var m = 0; m < siteValues.Length; m++)
            {
                values[b.Offset((Metric)m, s) + pathIndex] = siteValues[m];
                portfolioSums[m] += siteValues[m];
            }

            var occurrence = Math.Max(Math.Max(floodDirect + floodBi, surgeDirect + surgeBi), Math.Max(windDirect + windBi, Math.Max(heatBi, droughtEnergy + droughtBi)));
            b.Occurrence[(s * b.Paths) + pathIndex] = occurrence;
            b.Npv[(s * b.Paths) + pathIndex] += total * sp.Discount[yearIndex];
            sumItEnergy += itEnergy;
            sumDriftEnergy += itEnergy * drift;
            maxSiteLoss = Math.Max(maxSiteLoss, physical);
            anyBreach = breach ? 1 : anyBreach;
        }

        // Portfolio: per-path sums across sites, so cross-site correlation shows; PUE and drift
        // are IT-energy weighted, the breach indicator is "any site in breach".
        portfolioSums[(int)Metric.Pue] = portfolioSums[(int)Metric.FacilityEnergyMwh] / sumItEnergy;
        portfolioSums[(int)Metric.PueDrift] = sumDriftEnergy / sumItEnergy;
        portfolioSums[(int)Metric.PueLimitBreach] = anyBreach;
        for (var m = 0; m < portfolioSums.Length; m++)
        {
            values[b.Offset((Metric)m, portfolio) + pathIndex] = portfolioSums[m];
        }

        b.Occurrence[(portfolio * b.Paths) + pathIndex] = maxSiteLoss;
        b.Npv[(portfolio * b.Paths) + pathIndex] += portfolioSums[(int)Metric.TotalClimateCostCny] * sp.Discount[yearIndex];
    }

    /// <summary>Direct and BI loss of water reaching the site with effective depth <paramref name="effectiveDepthM"/> (MODEL §6).</summary>
    private static (double Direct, double Bi) Inundation(SitePlan plan, double effectiveDepthM, double u, double biPerDay)
    {
        if (effectiveDepthM <= 0)
        {
            return (0, 0);
        }

        var damage = plan.Damage;
        var ratio = BetaQuantile.SampleFromMeanSd(damage.Mean.At(effectiveDepthM), damage.Sd.At(effectiveDepthM), u);
        var direct = plan.Site.AssetValueCny * ratio * (1 - plan.Hardening);
        var downtimeDays = DowntimeMinDays + (DowntimeSlopeDays * ratio);
        return (direct, biPerDay * downtimeDays);
    }

    /// <summary>exp(σz − σ²/2): a mean-one lognormal factor.</summary>
    private static double LogNormalFactor(double sigma, double z) => Math.Exp((sigma * z) - (0.5 * sigma * sigma));

    /// <summary>y = L·x with x independent N(0,1) per exposed site (MODEL §2 Gaussian copula); y lands at each member's site index.</summary>
    private void Correlate(RandomStreamId stream, long path, int year, Copula copula, double[] independent, double[] correlated)
    {
        var members = copula.Members;
        var cholesky = copula.Factor;
        var n = members.Length;
        for (var i = 0; i < n; i++)
        {
            independent[i] = _rng.Normal(stream, path, year, _sites[members[i]].Key, 0);
        }

        for (var i = 0; i < n; i++)
        {
            var sum = 0.0;
            var row = i * n;
            for (var j = 0; j <= i; j++)
            {
                sum += cholesky[row + j] * independent[j];
            }

            correlated[members[i]] = sum;
        }
    }
}
