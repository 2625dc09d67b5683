using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Random.Internal;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Evaluates every peril and transition driver of MODEL §3–§10 for the paths of one
/// (scenario, year) and writes the per-path values. Pure in its inputs: the result of a path
/// does not depend on which thread runs it, on the block it falls in, or on any other path.
/// </summary>
/// <remarks>
/// <see cref="EvaluateBlock"/> is the production kernel: up to <see cref="BlockSize"/> paths at
/// a time as structure-of-arrays, with the random numbers drawn by the vector Philox
/// (<see cref="PhiloxBatch"/>) and the normal transforms batched (<see cref="NormalBatch"/>),
/// then the per-path arithmetic site by site. <see cref="Evaluate"/> is the scalar reference,
/// one path at a time with one generator call per draw; both produce the same bits (tested),
/// because every batch routine is bit-identical to its scalar form and the per-path
/// arithmetic is the same expressions in the same order.
/// </remarks>
internal sealed class PathKernel
{
    /// <summary>Paths per block: the unit of parallel work and the length of every scratch row.</summary>
    public const int BlockSize = 256;

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

    /// <summary>
    /// Evaluates paths [<paramref name="firstPath"/>, <paramref name="firstPath"/> + <paramref name="count"/>)
    /// into buffer columns [<paramref name="firstIndex"/>, <paramref name="firstIndex"/> + <paramref name="count"/>);
    /// <paramref name="count"/> ≤ <see cref="BlockSize"/>. Same values as <see cref="Evaluate"/> path by path.
    /// </summary>
    public void EvaluateBlock(int firstIndex, long firstPath, int count, int yearIndex, int year, KernelScratch scratch)
    {
        if ((uint)count > BlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A block holds at most {BlockSize} paths.");
        }

        if (count == 0)
        {
            return;
        }

        // Every write below lands in columns [firstIndex, firstIndex + count) of rows that exist:
        // checked once here, so the per-path stores go without bounds checks.
        if (firstIndex < 0 || firstIndex + count > _buffers.Paths)
        {
            throw new ArgumentOutOfRangeException(nameof(firstIndex), firstIndex, $"Columns {firstIndex}..{firstIndex + count} lie outside the {_buffers.Paths} paths of the buffers.");
        }

        var sp = _scenario;
        var scenario = sp.Scenario;
        var seed = _rng.Seed;

        // Path-level climate and transition state (year 0, site 0: shared by all years and sites).
        var warming = scratch.GlobalWarmingC.AsSpan(0, count);
        var seaLevel = scratch.SeaLevelRiseM.AsSpan(0, count);
        var carbon = scratch.CarbonPriceCnyPerT.AsSpan(0, count);
        var grid = scratch.GridFactor.AsSpan(0, count);
        var priceFactors = scratch.PriceFactor.AsSpan(0, count);
        var frequency = scratch.FrequencyMultiplier.AsSpan(0, count);
        var windIntensities = scratch.WindIntensity.AsSpan(0, count);
        PhiloxBatch.Normals(seed, RandomStreamId.Warming, firstPath, 0, 0, 0, warming);
        PhiloxBatch.Normals(seed, RandomStreamId.SeaLevel, firstPath, 0, 0, 0, seaLevel);
        PhiloxBatch.Normals(seed, RandomStreamId.Carbon, firstPath, 0, 0, 0, carbon);
        PhiloxBatch.Normals(seed, RandomStreamId.Grid, firstPath, 0, 0, 0, grid);
        PhiloxBatch.Normals(seed, RandomStreamId.PowerPrice, firstPath, year, 0, 0, priceFactors);
        {
            var gsatMedian = sp.GsatMedian[yearIndex];
            var gsatSigma = sp.GsatSigma[yearIndex];
            var slrMedian = sp.SlrMedianDelta[yearIndex];
            var slrSigma = sp.SlrSigmaDelta[yearIndex];
            var carbonMedian = sp.CarbonPrice[yearIndex];
            var gridDecline = sp.GridDecline[yearIndex];
            var escalation = sp.Escalation[yearIndex];
            for (var p = 0; p < count; p++)
            {
                var zWarming = warming[p];
                var warmingNow = gsatMedian + (zWarming * gsatSigma);
                var warmingBase = sp.GsatMedian0 + (zWarming * sp.GsatSigma0);
                var globalWarmingSinceBase = warmingNow - warmingBase;
                warming[p] = globalWarmingSinceBase;
                seaLevel[p] = slrMedian + (seaLevel[p] * slrSigma);
                carbon[p] = carbonMedian * LogNormalFactor(scenario.CarbonPriceSigma, carbon[p]);
                grid[p] = gridDecline * LogNormalFactor(scenario.GridSigma, grid[p]);
                priceFactors[p] = escalation * LogNormalFactor(scenario.ElectricitySigma, priceFactors[p]);
                frequency[p] = Math.Max(_heavyPrecipitation.At(warmingNow), 1e-9) / Math.Max(_heavyPrecipitation.At(warmingBase), 1e-9);
                windIntensities[p] = 1 + (scenario.TyphoonIntensityPerC * globalWarmingSinceBase);
            }
        }

        CorrelateBlock(RandomStreamId.HeatAnomaly, firstPath, count, year, sp.Heat, scratch.IndependentBlock, scratch.HeatBlock);
        CorrelateBlock(RandomStreamId.Flood, firstPath, count, year, sp.Flood, scratch.IndependentBlock, scratch.FloodBlock);
        CorrelateBlock(RandomStreamId.Surge, firstPath, count, year, sp.Surge, scratch.IndependentBlock, scratch.SurgeBlock);
        CorrelateBlock(RandomStreamId.Wind, firstPath, count, year, sp.Wind, scratch.IndependentBlock, scratch.WindBlock);

        var b = _buffers;
        var values = b.Values;
        var n = b.Paths;
        var portfolio = _sites.Length;
        var discount = sp.Discount[yearIndex];
        var metricStride = b.Entities * n;
        Span<int> portfolioOffsets = stackalloc int[MetricNames.Count];
        for (var m = 0; m < MetricNames.Count; m++)
        {
            portfolioOffsets[m] = b.Offset((Metric)m, portfolio) + firstIndex;
            values.AsSpan(portfolioOffsets[m], count).Clear();
        }

        var driftEnergy = scratch.DriftEnergyMwh.AsSpan(0, count);
        var maxSiteLoss = scratch.MaxSiteLossCny.AsSpan(0, count);
        var anyBreach = scratch.AnyBreach.AsSpan(0, count);
        driftEnergy.Clear();
        maxSiteLoss.Clear();
        anyBreach.Clear();
        double sumItEnergy = 0;

        var hotDayProbability = scratch.HotDayProbability.AsSpan(0, count);
        var hotDaysU = scratch.HotDaysU.AsSpan(0, count);
        var shortfallU = scratch.ShortfallU.AsSpan(0, count);
        var droughtU = scratch.DroughtU.AsSpan(0, count);
        var floodExceedance = scratch.FloodExceedance.AsSpan(0, count);
        var surgeProbability = scratch.SurgeProbability.AsSpan(0, count);
        var windProbability = scratch.WindProbability.AsSpan(0, count);

        for (var s = 0; s < _sites.Length; s++)
        {
            var plan = _sites[s];
            var site = plan.Site;
            var key = plan.Key;
            var heatAnomaly = scratch.HeatBlock.AsSpan(s * BlockSize, count);
            var heat = site.Heat;
            var climate = site.Climate;

            // The batched transforms of this site's draws.
            for (var p = 0; p < count; p++)
            {
                var shift = (site.LandAmplification * warming[p]) + (climate.InterannualSdC * heatAnomaly[p]);
                hotDayProbability[p] = (climate.SummerTmaxMeanC + shift - heat.TCritC) / climate.SummerTmaxSdC;
            }

            NormalBatch.Cdf(hotDayProbability, hotDayProbability);
            PhiloxBatch.Uniforms(seed, RandomStreamId.HotDays, firstPath, year, key, 0, hotDaysU);
            PhiloxBatch.Uniforms(seed, RandomStreamId.HotDays, firstPath, year, key, 1, shortfallU);
            PhiloxBatch.Uniforms(seed, RandomStreamId.Drought, firstPath, year, key, 0, droughtU);
            if (site.Flood is not null)
            {
                // 1 − u = Φ(−y) keeps the tail of R = 1/(1 − u) exact.
                var flood = scratch.FloodBlock.AsSpan(s * BlockSize, count);
                for (var p = 0; p < count; p++)
                {
                    floodExceedance[p] = -flood[p];
                }

                NormalBatch.Cdf(floodExceedance, floodExceedance);
            }

            if (site.Surge is not null)
            {
                NormalBatch.Cdf(scratch.SurgeBlock.AsSpan(s * BlockSize, count), surgeProbability);
            }

            if (site.Wind is not null)
            {
                NormalBatch.Cdf(scratch.WindBlock.AsSpan(s * BlockSize, count), windProbability);
            }

            // value(metric, site, path) = siteRow0[metric · stride + path in block]
            ref var siteRow0 = ref values[b.Offset(0, s) + firstIndex];

            var itEnergy = plan.ItEnergyMwh[yearIndex];
            var plannedChange = plan.PlannedChange[yearIndex];
            var renewable = plan.RenewableShare[yearIndex];
            var limit = plan.LimitPue[yearIndex];
            var tier2Pue = plan.Tier2Pue[yearIndex];
            var tier2Rate = plan.Tier2RateCnyPerMwh[yearIndex];
            var rate = plan.RateCnyPerMwh[yearIndex];
            var coverage = sp.Coverage[yearIndex];
            var premiumRate = sp.Premium[yearIndex];
            var biPerDay = site.BiCnyPerDay * (1 - site.Failover);
            var water = site.WueLPerKwh * itEnergy;
            var waterCost = water * site.WaterPriceCnyPerM3;
            var occurrence = b.Occurrence.AsSpan((s * n) + firstIndex, count);
            var npv = b.Npv.AsSpan((s * n) + firstIndex, count);
            sumItEnergy += itEnergy;

            for (var p = 0; p < count; p++)
            {
                var path = firstPath + p;
                var globalWarmingSinceBase = warming[p];
                var carbonPrice = carbon[p];

                // §3–4 chronic heat → PUE.
                var siteWarming = site.LandAmplification * globalWarmingSinceBase;
                var shift = siteWarming + (climate.InterannualSdC * heatAnomaly[p]);
                var climatePue = plan.Pue.Lookup(shift);
                var pue = climatePue + plannedChange;
                var drift = climatePue - site.ReportedPue;
                var facilityEnergy = itEnergy * pue;

                // §10 transition.
                var emissionFactor = site.BaseGridFactorTPerMwh * grid[p];
                var price = (site.ElectricityPriceCnyPerMwh * priceFactors[p]) + (scenario.CarbonPassThrough * carbonPrice * emissionFactor);
                var scope2Location = facilityEnergy * emissionFactor;
                var scope2Market = scope2Location * (1 - renewable);
                var carbonCost = coverage * carbonPrice * (site.Scope1T + scope2Market);
                var premium = renewable * facilityEnergy * premiumRate;
                var breach = pue > limit; // false when limit is NaN (no rule in force)
                var surcharge = breach
                    ? itEnergy * (pue - limit) * (pue > tier2Pue ? tier2Rate : rate)
                    : 0;

                // §5 extreme heat (capped at D: see Evaluate).
                var hotDayRate = SummerDays * hotDayProbability[p];
                var hotDays = Math.Min(SummerDaysCount, PoissonQuantile.InvCdfUnchecked(hotDayRate, hotDaysU[p]));
                var shortfalls = hotDays > 0 ? BinomialQuantile.InvCdfUnchecked(hotDays, heat.ShortfallProbability, shortfallU[p]) : 0;
                var heatBi = shortfalls * biPerDay * heat.ThrottleFraction * heat.ThrottleHours / 24.0;

                // §6 river / pluvial flood. The damage draw is rare, so it is made on demand.
                double floodDirect = 0, floodBi = 0;
                if (site.Flood is not null)
                {
                    var returnPeriod = 1.0 / floodExceedance[p];
                    var depth = plan.DepthAt(returnPeriod * frequency[p]);
                    if (depth > 0 && !(depth <= plan.ProtectionDepthM))
                    {
                        (floodDirect, floodBi) = Inundation(plan, depth - plan.FloorHeightM, _rng.Uniform(RandomStreamId.FloodDamage, path, year, key, 0), biPerDay);
                    }
                }

                // §7 coastal flood.
                double surgeDirect = 0, surgeBi = 0;
                if (site.Surge is { } surge)
                {
                    var level = GeneralizedExtremeValue.InvCdfUnchecked(surge.GevLocationM, surge.GevScaleM, surge.GevShape, surgeProbability[p])
                        + seaLevel[p] + (surge.SubsidenceMPerYear * (year - SimulationSettings.BaseYear));
                    if (level > surge.DefenceCrestM)
                    {
                        (surgeDirect, surgeBi) = Inundation(plan, level - surge.GroundElevationM - plan.FloorHeightM, _rng.Uniform(RandomStreamId.FloodDamage, path, year, key, 1), biPerDay);
                    }
                }

                // §8 typhoon wind.
                double windDirect = 0, windBi = 0;
                if (site.Wind is { } wind)
                {
                    var gust = Gumbel.InvCdfUnchecked(wind.GumbelLocationMs, wind.GumbelScaleMs, windProbability[p]) * windIntensities[p];
                    var v = Math.Max(0, gust - WindThresholdMs) / (wind.VHalfMs - WindThresholdMs);
                    var v3 = v * v * v;
                    windDirect = site.AssetValueCny * v3 / (1 + v3);
                    windBi = gust > wind.VBiMs ? biPerDay * wind.BiHours / 24.0 : 0;
                }

                // §9 water stress.
                var restrictionRate = site.Drought.RestrictionDaysPerYear * Math.Max(0, 1 + (DroughtWarmingSensitivity * siteWarming));
                var restrictedDays = Math.Min(DaysPerYear, PoissonQuantile.InvCdfUnchecked(restrictionRate, droughtU[p]));
                double droughtEnergy = 0, droughtBi = 0;
                if (plan.IsWaterCooled && restrictedDays > 0)
                {
                    droughtEnergy = restrictedDays * itEnergy / 365.0 * site.Drought.DryPuePenalty * price;
                    droughtBi = site.WaterStorageH < StorageNeededH ? restrictedDays * biPerDay * DroughtBiShare : 0;
                }

                var physical = floodDirect + floodBi + surgeDirect + surgeBi + windDirect + windBi + heatBi + droughtEnergy + droughtBi;
                var climateEnergyCost = itEnergy * drift * price;
                var total = physical + climateEnergyCost + carbonCost + surcharge + premium;

                Put(ref siteRow0, Metric.FloodDirectCny, metricStride, p, floodDirect);
                Put(ref siteRow0, Metric.FloodBiCny, metricStride, p, floodBi);
                Put(ref siteRow0, Metric.SurgeDirectCny, metricStride, p, surgeDirect);
                Put(ref siteRow0, Metric.SurgeBiCny, metricStride, p, surgeBi);
                Put(ref siteRow0, Metric.WindDirectCny, metricStride, p, windDirect);
                Put(ref siteRow0, Metric.WindBiCny, metricStride, p, windBi);
                Put(ref siteRow0, Metric.HeatBiCny, metricStride, p, heatBi);
                Put(ref siteRow0, Metric.DroughtEnergyCny, metricStride, p, droughtEnergy);
                Put(ref siteRow0, Metric.DroughtBiCny, metricStride, p, droughtBi);
                Put(ref siteRow0, Metric.PhysicalLossCny, metricStride, p, physical);
                Put(ref siteRow0, Metric.Pue, metricStride, p, pue);
                Put(ref siteRow0, Metric.PueDrift, metricStride, p, drift);
                Put(ref siteRow0, Metric.PueLimitBreach, metricStride, p, breach ? 1 : 0);
                Put(ref siteRow0, Metric.FacilityEnergyMwh, metricStride, p, facilityEnergy);
                Put(ref siteRow0, Metric.EnergyCostCny, metricStride, p, facilityEnergy * price);
                Put(ref siteRow0, Metric.ClimateEnergyCostCny, metricStride, p, climateEnergyCost);
                Put(ref siteRow0, Metric.Scope2LocationT, metricStride, p, scope2Location);
                Put(ref siteRow0, Metric.Scope2MarketT, metricStride, p, scope2Market);
                Put(ref siteRow0, Metric.CarbonCostCny, metricStride, p, carbonCost);
                Put(ref siteRow0, Metric.PueSurchargeCny, metricStride, p, surcharge);
                Put(ref siteRow0, Metric.RenewablePremiumCny, metricStride, p, premium);
                Put(ref siteRow0, Metric.WaterM3, metricStride, p, water);
                Put(ref siteRow0, Metric.WaterCostCny, metricStride, p, waterCost);
                Put(ref siteRow0, Metric.TotalClimateCostCny, metricStride, p, total);

                occurrence[p] = Math.Max(Math.Max(floodDirect + floodBi, surgeDirect + surgeBi), Math.Max(windDirect + windBi, Math.Max(heatBi, droughtEnergy + droughtBi)));
                npv[p] += total * discount;
                driftEnergy[p] += itEnergy * drift;
                maxSiteLoss[p] = Math.Max(maxSiteLoss[p], physical);
                anyBreach[p] = breach ? 1 : anyBreach[p];
            }

            // Sites are added in site order, as the scalar kernel adds them path by path.
            for (var m = 0; m < MetricNames.Count; m++)
            {
                AddTo(values.AsSpan(b.Offset((Metric)m, s) + firstIndex, count), values.AsSpan(portfolioOffsets[m], count));
            }
        }

        // Portfolio: per-path sums across sites, so cross-site correlation shows; PUE and drift
        // are IT-energy weighted, the breach indicator is "any site in breach".
        var portfolioPue = values.AsSpan(portfolioOffsets[(int)Metric.Pue], count);
        var portfolioEnergy = values.AsSpan(portfolioOffsets[(int)Metric.FacilityEnergyMwh], count);
        var portfolioDrift = values.AsSpan(portfolioOffsets[(int)Metric.PueDrift], count);
        var portfolioTotal = values.AsSpan(portfolioOffsets[(int)Metric.TotalClimateCostCny], count);
        anyBreach.CopyTo(values.AsSpan(portfolioOffsets[(int)Metric.PueLimitBreach], count));
        maxSiteLoss.CopyTo(b.Occurrence.AsSpan((portfolio * n) + firstIndex, count));
        var portfolioNpv = b.Npv.AsSpan((portfolio * n) + firstIndex, count);
        for (var p = 0; p < count; p++)
        {
            portfolioPue[p] = portfolioEnergy[p] / sumItEnergy;
            portfolioDrift[p] = driftEnergy[p] / sumItEnergy;
            portfolioNpv[p] += portfolioTotal[p] * discount;
        }
    }

    /// <summary>The scalar reference of <see cref="EvaluateBlock"/>: one path, one generator call per draw.</summary>
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

    /// <summary>
    /// The block form of <see cref="Correlate"/>: row i of <paramref name="independent"/> holds
    /// member i's draws for the block, row <c>members[i]</c> of <paramref name="correlated"/>
    /// receives y_i = Σ_{j≤i} L_ij x_j, summed in the same order as the scalar form.
    /// </summary>
    private void CorrelateBlock(RandomStreamId stream, long firstPath, int count, int year, Copula copula, double[] independent, double[] correlated)
    {
        var members = copula.Members;
        var cholesky = copula.Factor;
        var n = members.Length;
        for (var i = 0; i < n; i++)
        {
            PhiloxBatch.Normals(_rng.Seed, stream, firstPath, year, _sites[members[i]].Key, 0, independent.AsSpan(i * BlockSize, count));
        }

        for (var i = 0; i < n; i++)
        {
            var y = correlated.AsSpan(members[i] * BlockSize, count);
            y.Clear();
            var row = i * n;
            for (var j = 0; j <= i; j++)
            {
                MultiplyAdd(cholesky[row + j], independent.AsSpan(j * BlockSize, count), y);
            }
        }
    }

    /// <summary>
    /// destination[p] += a · x[p], as a multiply then an add (never fused, so each lane rounds
    /// exactly as the scalar <c>sum += a * x</c>); Vector256 body with a scalar tail.
    /// </summary>
    private static void MultiplyAdd(double a, ReadOnlySpan<double> x, Span<double> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var acc = Vector256.Create<double>(destination[i..]);
                (acc + (va * Vector256.Create<double>(x[i..]))).CopyTo(destination[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            destination[i] += a * x[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(ref double row0, Metric metric, int stride, int pathInBlock, double value)
        => Unsafe.Add(ref row0, ((int)metric * stride) + pathInBlock) = value;

    /// <summary>destination[p] += x[p]; Vector256 body with a scalar tail (same rounding as the scalar add).</summary>
    private static void AddTo(ReadOnlySpan<double> x, Span<double> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                (Vector256.Create<double>(destination[i..]) + Vector256.Create<double>(x[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < x.Length; i++)
        {
            destination[i] += x[i];
        }
    }
}
