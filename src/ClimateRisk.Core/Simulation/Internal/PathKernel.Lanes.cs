using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Finance.Internal;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Random.Internal;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>One site's year, MODEL §3–§10 and §15, on registers of paths (the SIMD part of the kernel).</summary>
/// <remarks>
/// <para>
/// Both kernels run this code: the block kernel on the block's rows, the scalar reference on
/// rows holding one path (count 1, the other lanes of the register ignored). It is written once
/// over <see cref="ILanes{TSelf}"/> and compiled for the widest register the machine runs; every
/// operation is one correctly rounded IEEE operation per lane in the order of the formulas in
/// docs/model.md, so a path's bits depend neither on the width nor on the lanes beside it.
/// </para>
/// <para>
/// Branches are masks. The rare or irregular parts — a flood beyond the first flooding return
/// period, a surge over the crest, a Poisson count with λ &gt; 30 (started at the mode), the
/// binomial shortfall draw when there are hot days — are gathered into index lists from the
/// masks' sign bits and finished one path at a time (the shortfall counts and the flood and
/// surge damage draws on registers of listed paths, the scalar search only for the rare large
/// counts). The insurance recoveries run on every lane and are kept where there is a loss
/// (<see cref="Insurance{T}"/>); the flood, surge and wind draws are transformed only above
/// their tail bounds (PathKernel.Tails.cs).
/// </para>
/// <para>
/// Rows are <see cref="BlockSize"/> long and a register may run past <c>count</c>: the lanes
/// beyond it compute on stale values and are never stored outside the scratch, listed, or
/// counted (the Poisson search masks them off).
/// </para>
/// </remarks>
internal sealed partial class PathKernel
{
    private const double PoissonSequentialLimit = 30; // PoissonQuantile's: above it the search starts at the mode.

    private static readonly double[] LaneIndex = [0, 1, 2, 3, 4, 5, 6, 7];

    /// <summary>
    /// Site <paramref name="s"/> for paths [0, <paramref name="count"/>) of the scratch rows: its
    /// 31 metrics into <see cref="KernelScratch.SiteMetrics"/>, its occurrence loss, and the
    /// portfolio accumulators (drift energy, largest site loss, any breach) updated. Its flood and
    /// surge damage ratios were drawn before (<see cref="ListInundations(int, int, long, int, KernelScratch, int)"/>,
    /// <see cref="SolveInundations"/>).
    /// </summary>
    /// <param name="s">The site's index.</param>
    /// <param name="c">The site's constants of the year.</param>
    /// <param name="count">Paths in the rows.</param>
    /// <param name="scratch">The block's rows.</param>
    /// <param name="firstPath">The global index of the rows' first path.</param>
    /// <param name="year">Calendar year.</param>
    /// <param name="drawShortfallUniforms">
    /// Draw the shortfall uniforms of the paths with hot days here, into
    /// <see cref="KernelScratch.ShortfallU"/> at their index in the heat list; false when the
    /// caller put them there (the scalar reference kernel, one generator call per draw).
    /// </param>
    /// <param name="heatAnomaly">
    /// The site's heat anomalies, a whole row: its row of <see cref="KernelScratch.HeatBlock"/>
    /// (read where it is: a copy per site and block was two thirds of the kernel's copies), or
    /// <see cref="KernelScratch.SiteHeatAnomaly"/> for the scalar reference kernel's one path.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SiteRows(int s, in SiteYear c, int count, KernelScratch scratch, long firstPath, int year, bool drawShortfallUniforms, Span<double> heatAnomaly)
    {
        var plan = _sites[s];
        var site = plan.Site;

        // The zero rows the previous site's block left +0 need no fill (they are the scratch's
        // own rows, whichever kernel ran); unknown until this site's rows are made, so that a
        // block stopped half-way leaves nothing claimed.
        var knownZero = count <= scratch.RowsStillZeroPaths ? scratch.RowsStillZero & ZeroFilledMask : 0UL;
        scratch.RowsStillZero = 0;
        scratch.RowsStillZeroPaths = 0;

        int heat, drought;
        if (Vector512.IsHardwareAccelerated)
        {
            Chronic<Lanes512>(plan, c, count, scratch, heatAnomaly, knownZero);
            (heat, drought) = Counts<Lanes512>(plan, count, scratch);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Chronic<Lanes256>(plan, c, count, scratch, heatAnomaly, knownZero);
            (heat, drought) = Counts<Lanes256>(plan, count, scratch);
        }
        else
        {
            Chronic<Lanes128>(plan, c, count, scratch, heatAnomaly, knownZero);
            (heat, drought) = Counts<Lanes128>(plan, count, scratch);
        }

        // Only the listed paths (those with hot days, 39 % of the standard workload's site-years)
        // read a shortfall uniform: drawn for them alone, not for the block. The list is drawn
        // to a whole number of 16-path registers (the entries past it are earlier lists' paths,
        // or 0, and their uniforms are never read), so no path goes to the scalar generator.
        if (heat > 0 && drawShortfallUniforms)
        {
            var registers = Math.Min((heat + 15) & ~15, BlockSize);
            PhiloxBatch.UniformsAt(_rng.KeyFor(RandomStreamId.HotDays), RandomStreamId.HotDays, firstPath, scratch.HeatList.AsSpan(0, registers), year, plan.Key, 1, scratch.ShortfallU);
        }

        FinishRare(s, plan, c, heat, drought, scratch);

        bool claimed;
        if (Vector512.IsHardwareAccelerated)
        {
            claimed = TotalsAndInsurance<Lanes512>(plan, c, count, scratch);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            claimed = TotalsAndInsurance<Lanes256>(plan, c, count, scratch);
        }
        else
        {
            claimed = TotalsAndInsurance<Lanes128>(plan, c, count, scratch);
        }

        scratch.RowsStillZero = RowsStillZero(plan, inundations: scratch.InundationEnd[s] > scratch.InundationStart(s), hotPaths: heat > 0, claimed);
        scratch.RowsStillZeroPaths = count;
    }

    /// <summary>
    /// The rows <see cref="Chronic{T}"/> zeroed (<see cref="LaterMetrics"/>) that nothing wrote
    /// since, in a block where the site had <paramref name="inundations"/> (flood or surge
    /// entries, whose losses <see cref="FinishRare"/> writes), <paramref name="hotPaths"/> (paths
    /// with hot days, whose heat BI <see cref="HeatShortfalls{T}"/> writes) and paths
    /// <paramref name="claimed"/> on (whose insured rows <see cref="Insurance{T}"/> writes): each
    /// row is +0 on every path, and so is the impairment (<see cref="Totals{T}"/>: a sum of
    /// selected direct losses, +0 where none is above the line) when no direct loss was written.
    /// So are the wind rows of a site without wind, which <see cref="Chronic{T}"/> zeroes too.
    /// <c>StoreEntity</c> marks these from their first value instead of reading them all, and the
    /// next site's <see cref="Chronic{T}"/> does not zero them again.
    /// </summary>
    internal static ulong RowsStillZero(SitePlan plan, bool inundations, bool hotPaths, bool claimed)
    {
        var rows = LaterMetricsMask;
        if (inundations)
        {
            rows &= ~(MetricBit(Metric.FloodDirectCny) | MetricBit(Metric.FloodBiCny) | MetricBit(Metric.SurgeDirectCny) | MetricBit(Metric.SurgeBiCny));
        }

        if (hotPaths)
        {
            rows &= ~MetricBit(Metric.HeatBiCny);
        }

        if (claimed)
        {
            rows &= ~(MetricBit(Metric.InsuredPropertyCny) | MetricBit(Metric.InsuredBiCny) | MetricBit(Metric.InsuredFloodCny) | MetricBit(Metric.InsuredSurgeCny) | MetricBit(Metric.InsuredWindCny));
        }

        if (plan.Site.Wind is null)
        {
            rows |= WindRowsMask;
            if (!inundations)
            {
                rows |= MetricBit(Metric.ImpairmentCny);
            }
        }

        return rows;
    }

    /// <summary>
    /// <see cref="Totals{T}"/>, then <see cref="Insurance{T}"/> for an insured site: two methods,
    /// each within the JIT's inlining budget. Returns whether any path claimed (false uninsured).
    /// </summary>
    private static bool TotalsAndInsurance<T>(SitePlan plan, in SiteYear c, int count, KernelScratch scratch)
        where T : struct, ILanes<T>
    {
        Totals<T>(plan, c, count, scratch);
        return plan.Insurance is { } cover && Insurance<T>(cover, c.BiCnyPerDay, count, scratch);
    }

    /// <summary>
    /// §3–4 chronic heat → PUE, §10 transition, §8 wind, §9 water; zero rows for the perils
    /// finished later (flood, surge, heat BI, insurance) and for wind at a site without it,
    /// except those in <paramref name="knownZero"/>, which are +0 on the block's paths already.
    /// </summary>
    /// <remarks>
    /// Why the known rows: most of these rows stay +0 in most blocks (a flood entry or a claim is
    /// rare), and zeroing ten to twelve 2 KB rows a site and block was 1.3 % of the kernel
    /// (docs/performance.md, twenty-eighth session).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void Chronic<T>(SitePlan plan, in SiteYear c, int count, KernelScratch scratch, Span<double> heatAnomaly, ulong knownZero)
        where T : struct, ILanes<T>
    {
        var site = plan.Site;
        var scenario = _scenario.Scenario;
        ref var carbonShock = ref Row(scratch.CarbonShock);
        ref var gridShock = ref Row(scratch.GridShock);
        ref var priceFactor = ref Row(scratch.PriceFactor);
        ref var climatePue = ref Row(scratch.ClimatePue);
        ref var priceRow = ref Row(scratch.PriceCnyPerMwh);
        ref var metrics = ref Row(scratch.SiteMetrics);
        ref var pueRow = ref MetricRow(ref metrics, Metric.Pue);
        ref var driftRow = ref MetricRow(ref metrics, Metric.PueDrift);
        ref var breachRow = ref MetricRow(ref metrics, Metric.PueLimitBreach);
        ref var energyRow = ref MetricRow(ref metrics, Metric.FacilityEnergyMwh);
        ref var energyCostRow = ref MetricRow(ref metrics, Metric.EnergyCostCny);
        ref var climateEnergyRow = ref MetricRow(ref metrics, Metric.ClimateEnergyCostCny);
        ref var locationRow = ref MetricRow(ref metrics, Metric.Scope2LocationT);
        ref var marketRow = ref MetricRow(ref metrics, Metric.Scope2MarketT);
        ref var carbonRow = ref MetricRow(ref metrics, Metric.CarbonCostCny);
        ref var surchargeRow = ref MetricRow(ref metrics, Metric.PueSurchargeCny);
        ref var premiumRow = ref MetricRow(ref metrics, Metric.RenewablePremiumCny);

        var zero = T.Create(0.0);
        var one = T.Create(1.0);
        var carbonPriceMedian = T.Create(c.CarbonPriceCnyPerT);
        var planned = T.Create(c.PlannedPueChange);
        var reported = T.Create(site.ReportedPue);
        var itEnergy = T.Create(c.ItEnergyMwh);
        var baseGrid = T.Create(site.BaseGridFactorTPerMwh);
        var gridMultiplier = T.Create(c.GridMultiplier);
        var electricity = T.Create(site.ElectricityPriceCnyPerMwh);
        var passThrough = T.Create(scenario.CarbonPassThrough);
        var renewable = T.Create(c.RenewableShare);
        var nonRenewable = T.Create(1 - c.RenewableShare);
        var coverage = T.Create(c.CarbonCoverage);
        var pilot = T.Create(c.PilotCarbonCnyPerT);
        var scope1 = T.Create(site.Scope1T);
        var premiumRate = T.Create(c.PremiumCnyPerMwh);
        var limit = T.Create(c.LimitPue);
        var tier2 = T.Create(c.Tier2Pue);
        var rate = T.Create(c.RateCnyPerMwh);
        var tier2Rate = T.Create(c.Tier2RateCnyPerMwh);
        ref var warming = ref Row(scratch.GlobalWarmingC);
        ref var anomaly = ref Row(heatAnomaly);
        var amplification = T.Create(site.LandAmplification);
        var interannualSd = T.Create(site.Climate.InterannualSdC);
        for (var i = 0; i < count; i += T.Count)
        {
            var at = (nuint)i;
            var shock = T.Load(in carbonShock, at);
            var carbonPrice = carbonPriceMedian * shock;
            var climate = PueLookup(plan.Pue.Table, (amplification * T.Load(in warming, at)) + (interannualSd * T.Load(in anomaly, at)));
            T.Store(climate, ref climatePue, at);
            var pue = climate + planned;
            var drift = climate - reported;
            var facilityEnergy = itEnergy * pue;
            var emissionFactor = baseGrid * (gridMultiplier * T.Load(in gridShock, at));
            var price = (electricity * T.Load(in priceFactor, at)) + (passThrough * carbonPrice * emissionFactor);
            var scope2Location = facilityEnergy * emissionFactor;
            var scope2Market = scope2Location * nonRenewable;
            var carbonCost = ((coverage * carbonPrice) + (pilot * shock)) * (scope1 + scope2Market);
            var premium = renewable * facilityEnergy * premiumRate;

            // NaN limit (no rule in force): the comparison is false.
            var breach = T.LessThan(limit, pue);
            var surcharge = T.Select(breach, itEnergy * (pue - limit) * T.Select(T.LessThan(tier2, pue), tier2Rate, rate), zero);
            T.Store(price, ref priceRow, at);
            T.Store(pue, ref pueRow, at);
            T.Store(drift, ref driftRow, at);
            T.Store(T.Select(breach, one, zero), ref breachRow, at);
            T.Store(facilityEnergy, ref energyRow, at);
            T.Store(facilityEnergy * price, ref energyCostRow, at);
            T.Store(itEnergy * drift * price, ref climateEnergyRow, at);
            T.Store(scope2Location, ref locationRow, at);
            T.Store(scope2Market, ref marketRow, at);
            T.Store(carbonCost, ref carbonRow, at);
            T.Store(surcharge, ref surchargeRow, at);
            T.Store(premium, ref premiumRow, at);
        }

        var water = site.WueLPerKwh * c.ItEnergyMwh;
        Fill(ref MetricRow(ref metrics, Metric.WaterM3), count, water);
        Fill(ref MetricRow(ref metrics, Metric.WaterCostCny), count, water * site.WaterPriceCnyPerM3);
        foreach (var later in LaterMetrics)
        {
            if ((knownZero & MetricBit(later)) == 0)
            {
                Fill(ref MetricRow(ref metrics, later), count, 0);
            }
        }

        ref var windDirectRow = ref MetricRow(ref metrics, Metric.WindDirectCny);
        ref var windBiRow = ref MetricRow(ref metrics, Metric.WindBiCny);
        if (site.Wind is not { } wind)
        {
            if ((knownZero & WindRowsMask) != WindRowsMask)
            {
                Fill(ref windDirectRow, count, 0);
                Fill(ref windBiRow, count, 0);
            }

            return;
        }

        // §8: v = max(0, g − 25.7)/(v½ − 25.7), damage v³/(1 + v³) of the asset, BI above v_BI.
        ref var gustQuantile = ref Row(scratch.GustQuantileMs);
        ref var intensity = ref Row(scratch.WindIntensity);
        var threshold = T.Create(WindThresholdMs);
        var span = T.Create(wind.VHalfMs - WindThresholdMs);
        var asset = T.Create(site.AssetValueCny);
        var biThreshold = T.Create(wind.VBiMs);
        var bi = T.Create(c.BiCnyPerDay * wind.BiHours / 24.0);
        for (var i = 0; i < count; i += T.Count)
        {
            var at = (nuint)i;
            var gust = T.Load(in gustQuantile, at) * T.Load(in intensity, at);
            var excess = gust - threshold;
            var v = T.Select(T.LessThan(zero, excess), excess, zero) / span;
            var v3 = v * v * v;
            T.Store(asset * v3 / (one + v3), ref windDirectRow, at);
            T.Store(T.Select(T.LessThan(biThreshold, gust), bi, zero), ref windBiRow, at);
        }
    }

    /// <summary>
    /// §5 hot days and §9 restricted days by a masked Poisson search; the lists of paths to
    /// finish one at a time: hot days &gt; 0 or λ &gt; 30 (heat), λ &gt; 30 (drought).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static (int Heat, int Drought) Counts<T>(SitePlan plan, int count, KernelScratch scratch)
        where T : struct, ILanes<T>
    {
        var site = plan.Site;
        ref var probability = ref Row(scratch.HotDayProbability);
        ref var hotPmf0 = ref Row(scratch.HotDaysPmf0);
        ref var hotU = ref Row(scratch.HotDaysU);
        ref var droughtPmf0 = ref Row(scratch.DroughtPmf0);
        ref var droughtU = ref Row(scratch.DroughtU);
        ref var warming = ref Row(scratch.GlobalWarmingC);
        ref var hotDaysRow = ref Row(scratch.HotDays);
        ref var restrictedRow = ref Row(scratch.RestrictedDays);
        ref var lanes = ref Row(LaneIndex);
        var zero = T.Create(0.0);
        var limit = T.Create(PoissonSequentialLimit);
        var summer = T.Create(SummerDays);
        var summerCount = T.Create(SummerDaysCount);
        var yearDays = T.Create(DaysPerYear);
        var baseRate = T.Create(site.Drought.RestrictionDaysPerYear);
        var sensitivity = T.Create(DroughtWarmingSensitivity);
        var amplification = T.Create(site.LandAmplification);
        var end = T.Create(count);
        var unrolledSteps = T.Create(UnrolledPoissonSteps);
        var longCounts = scratch.LongCountList;
        int heat = 0, drought = 0, pending = 0;
        for (var i = 0; i < count; i += T.Count)
        {
            var at = (nuint)i;
            var valid = T.LessThan(T.Load(in lanes, 0) + T.Create(i), end);
            var validBits = T.SignBits(valid);

            var hotRate = summer * T.Load(in probability, at);
            var droughtRate = RestrictionRate(baseRate, sensitivity, amplification, T.Load(in warming, at));

            // The unrolled steps alone here; a register with a lane past them is searched again,
            // whole, after the loop (below): no call in this loop, so nothing is spilled around one.
            var hotDays = PoissonUnrolled(hotRate, T.Load(in hotPmf0, at), T.Load(in hotU, at), valid, limit);
            var days = PoissonUnrolled(droughtRate, T.Load(in droughtPmf0, at), T.Load(in droughtU, at), valid, limit);
            longCounts[pending] = i;
            pending += T.Any(T.Or(T.LessThan(unrolledSteps, hotDays), T.LessThan(unrolledSteps, days))) ? 1 : 0;

            // A lane past the unrolled steps has a count of at least 5, so it is listed here as its
            // final count would list it.
            T.Store(T.Select(T.LessThan(summerCount, hotDays), summerCount, hotDays), ref hotDaysRow, at);
            heat = AppendPacked<T>(T.SignBits(T.Or(T.LessThan(zero, hotDays), T.LessThan(limit, hotRate))) & validBits, i, scratch.HeatList, heat);

            T.Store(T.Select(T.LessThan(yearDays, days), yearDays, days), ref restrictedRow, at);
            drought = Append(T.SignBits(T.LessThan(limit, droughtRate)) & validBits, i, scratch.DroughtList, drought);
        }

        if (pending > 0)
        {
            LongCounts<T>(plan, count, scratch, pending);
        }

        return (heat, drought);
    }

    /// <summary>
    /// <see cref="Counts{T}"/>'s registers listed in <see cref="KernelScratch.LongCountList"/>
    /// searched whole by <see cref="Poisson2{T}"/>, from the same rates (the same operations), their
    /// counts stored over the unrolled steps' (the lists need no change: a lane past those steps
    /// was listed with a count above 4, and its final count is above 4 too). Its own method, so
    /// that the search's code does not take <c>Counts</c> past the JIT's inlining budget.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void LongCounts<T>(SitePlan plan, int count, KernelScratch scratch, int pending)
        where T : struct, ILanes<T>
    {
        var site = plan.Site;
        ref var probability = ref Row(scratch.HotDayProbability);
        ref var hotPmf0 = ref Row(scratch.HotDaysPmf0);
        ref var hotU = ref Row(scratch.HotDaysU);
        ref var droughtPmf0 = ref Row(scratch.DroughtPmf0);
        ref var droughtU = ref Row(scratch.DroughtU);
        ref var warming = ref Row(scratch.GlobalWarmingC);
        ref var hotDaysRow = ref Row(scratch.HotDays);
        ref var restrictedRow = ref Row(scratch.RestrictedDays);
        ref var lanes = ref Row(LaneIndex);
        var zero = T.Create(0.0);
        var limit = T.Create(PoissonSequentialLimit);
        var summer = T.Create(SummerDays);
        var summerCount = T.Create(SummerDaysCount);
        var yearDays = T.Create(DaysPerYear);
        var baseRate = T.Create(site.Drought.RestrictionDaysPerYear);
        var sensitivity = T.Create(DroughtWarmingSensitivity);
        var amplification = T.Create(site.LandAmplification);
        var end = T.Create(count);
        var longCounts = scratch.LongCountList;
        for (var j = 0; j < pending; j++)
        {
            var i = longCounts[j];
            var at = (nuint)i;
            var valid = T.LessThan(T.Load(in lanes, 0) + T.Create(i), end);
            var hotRate = summer * T.Load(in probability, at);
            var droughtRate = RestrictionRate(baseRate, sensitivity, amplification, T.Load(in warming, at));
            var (hotDays, days) = Poisson2(hotRate, T.Load(in hotPmf0, at), T.Load(in hotU, at), droughtRate, T.Load(in droughtPmf0, at), T.Load(in droughtU, at), valid, limit);
            T.Store(T.Select(T.LessThan(summerCount, hotDays), summerCount, hotDays), ref hotDaysRow, at);
            T.Store(T.Select(T.LessThan(yearDays, days), yearDays, days), ref restrictedRow, at);
        }
    }

    /// <summary>§9's restriction-day rate λ = base · max(0, 1 + s·(a·ΔT)) on every lane, for <see cref="Counts{T}"/> and <see cref="LongCounts{T}"/> alike.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T RestrictionRate<T>(T baseRate, T sensitivity, T amplification, T warmingC)
        where T : struct, ILanes<T>
    {
        var zero = T.Create(0.0);
        var warmed = T.Create(1.0) + (sensitivity * (amplification * warmingC));
        return baseRate * T.Select(T.LessThan(zero, warmed), warmed, zero);
    }

    /// <summary>
    /// The listed paths: shortfall draws, Poisson counts from the mode, and site
    /// <paramref name="s"/>'s flood and surge losses from the damage ratios
    /// <see cref="SolveInundations"/> drew for the block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FinishRare(int s, SitePlan plan, in SiteYear c, int heat, int drought, KernelScratch scratch)
    {
        var site = plan.Site;
        var biPerDay = c.BiCnyPerDay;
        var metrics = scratch.SiteMetrics;
        var hotDays = scratch.HotDays;
        var heatList = scratch.HeatList;
        var hotDayProbability = scratch.HotDayProbability;
        var hotDaysPmf0 = scratch.HotDaysPmf0;
        var hotDaysU = scratch.HotDaysU;
        for (var j = 0; j < heat; j++)
        {
            var p = heatList[j];
            var rate = SummerDays * hotDayProbability[p];
            if (rate > PoissonSequentialLimit)
            {
                hotDays[p] = Math.Min(SummerDaysCount, PoissonQuantile.InvCdfUnchecked(rate, hotDaysPmf0[p], hotDaysU[p]));
            }
        }

        if (heat > 0)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                HeatShortfalls<Lanes512>(plan, biPerDay, heat, scratch);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                HeatShortfalls<Lanes256>(plan, biPerDay, heat, scratch);
            }
            else
            {
                HeatShortfalls<Lanes128>(plan, biPerDay, heat, scratch);
            }
        }

        var droughtList = scratch.DroughtList;
        var restrictedDays = scratch.RestrictedDays;
        var warming = scratch.GlobalWarmingC;
        var droughtPmf0 = scratch.DroughtPmf0;
        var droughtU = scratch.DroughtU;
        for (var j = 0; j < drought; j++)
        {
            var p = droughtList[j];
            restrictedDays[p] = Math.Min(DaysPerYear, PoissonQuantile.InvCdfUnchecked(DroughtRate(site, warming[p]), droughtPmf0[p], droughtU[p]));
        }

        // §6 and §7: each loss from its damage ratio, as the draws were listed.
        var ratios = scratch.InundationRatio;
        var directAt = scratch.InundationDirectAt;
        var biAt = scratch.InundationBiAt;
        for (var j = scratch.InundationStart(s); j < scratch.InundationEnd[s]; j++)
        {
            var ratio = ratios[j];
            metrics[directAt[j]] = site.AssetValueCny * ratio * (1 - plan.Hardening);
            metrics[biAt[j]] = biPerDay * (DowntimeMinDays + (DowntimeSlopeDays * ratio));
        }
    }

    /// <summary>
    /// Lists site <paramref name="s"/>'s flood and surge damage draws of the block (MODEL §6–7)
    /// after entry <paramref name="listed"/> of the inundation lists and returns the new end (also
    /// kept as the site's <see cref="KernelScratch.InundationEnd"/>): a flood beyond the first
    /// flooding return period (its depth from the flood exceedance row), a surge over the crest
    /// (its level from the surge quantile row), each whose water stands above the floor, with the
    /// damage curve's mean and s.d. at that depth and the draw's uniform. Paths with no water
    /// above the floor keep the zero loss <see cref="Chronic{T}"/> wrote.
    /// </summary>
    private int ListInundations(int s, int year, long firstPath, int count, KernelScratch scratch, int listed)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            listed = ListInundations<Lanes512>(_sites[s], year, firstPath, count, scratch, listed);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            listed = ListInundations<Lanes256>(_sites[s], year, firstPath, count, scratch, listed);
        }
        else
        {
            listed = ListInundations<Lanes128>(_sites[s], year, firstPath, count, scratch, listed);
        }

        scratch.InundationEnd[s] = listed;
        return listed;
    }

    /// <summary>
    /// The damage ratios of the listed inundations [<paramref name="first"/>, <paramref name="end"/>) in place of
    /// their uniforms, solved together on vector lanes (<see cref="BetaQuantile.SampleFromMeanSd(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>,
    /// bit for bit the scalar draw at any lane position and width): all sites' draws of the block
    /// in one call fill more of each register than a site's few.
    /// </summary>
    private static void SolveInundations(int first, int end, KernelScratch scratch)
    {
        var ratios = scratch.InundationRatio.Slice(first, end - first);
        BetaQuantile.SampleFromMeanSd(scratch.InundationMean.Slice(first, end - first), scratch.InundationSd.Slice(first, end - first), ratios, ratios);
    }

    /// <summary><see cref="ListInundations(int, int, long, int, KernelScratch, int)"/> on registers of <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int ListInundations<T>(SitePlan plan, int year, long firstPath, int count, KernelScratch scratch, int listed)
        where T : struct, ILanes<T>
    {
        var site = plan.Site;
        var one = T.Create(1.0);
        var first = listed;
        var flood = 0;
        if (site.Flood is not null && plan.FirstPositiveDepth >= 0)
        {
            // R·m below the first flooding return period gives depth 0 (SitePlan.DepthAt), and below
            // SitePlan.ListFloodFromY no depth above the defence or the floor; the rest is listed.
            ref var exceedance = ref Row(scratch.FloodExceedance);
            ref var frequency = ref Row(scratch.FrequencyMultiplier);
            var noFloodBelow = T.Create(plan.ListFloodFromY);
            for (var i = 0; i < count; i += T.Count)
            {
                var at = (nuint)i;
                var scaled = one / T.Load(in exceedance, at) * T.Load(in frequency, at);
                flood = Append(~T.SignBits(T.LessThan(scaled, noFloodBelow)) & ValidBits<T>(i, count), i, scratch.FloodList, flood);
            }
        }

        var surge = 0;
        if (site.Surge is { } coast)
        {
            ref var quantile = ref Row(scratch.SurgeQuantileM);
            ref var seaLevel = ref Row(scratch.SeaLevelRiseM);
            ref var levelRow = ref Row(scratch.SurgeLevelM);
            var subsidence = T.Create(SubsidenceM(coast, year));
            var crest = T.Create(coast.DefenceCrestM);
            for (var i = 0; i < count; i += T.Count)
            {
                var at = (nuint)i;
                var level = T.Load(in quantile, at) + T.Load(in seaLevel, at) + subsidence;
                T.Store(level, ref levelRow, at);
                surge = Append(T.SignBits(T.LessThan(crest, level)) & ValidBits<T>(i, count), i, scratch.SurgeList, surge);
            }
        }

        // The entries' depths above the floor go where their means will be.
        var directAt = scratch.InundationDirectAt;
        var biAt = scratch.InundationBiAt;
        var depthsM = scratch.InundationMean;
        var u = scratch.InundationRatio;
        if (flood > 0)
        {
            listed += FinishFlood(plan, year, firstPath, flood, scratch, directAt.AsSpan(listed), biAt.AsSpan(listed), depthsM[listed..], u[listed..]);
        }

        var surgeList = scratch.SurgeList;
        var surgeLevels = scratch.SurgeLevelM;
        for (var j = 0; j < surge; j++)
        {
            var p = surgeList[j];
            directAt[listed] = ((int)Metric.SurgeDirectCny * BlockSize) + p;
            biAt[listed] = ((int)Metric.SurgeBiCny * BlockSize) + p;
            depthsM[listed] = surgeLevels[p] - site.Surge!.GroundElevationM - plan.FloorHeightM;
            u[listed++] = _rng.Uniform(RandomStreamId.FloodDamage, firstPath + p, year, plan.Key, 1);
        }

        // Keep the entries with water above the floor, the depth replaced by the curve's mean.
        var damage = plan.Damage;
        var sds = scratch.InundationSd;
        var kept = first;
        for (var j = first; j < listed; j++)
        {
            var depth = depthsM[j];
            if (depth <= 0)
            {
                continue;
            }

            depthsM[kept] = damage.Mean.At(depth);
            sds[kept] = damage.Sd.At(depth);
            u[kept] = u[j];
            directAt[kept] = directAt[j];
            biAt[kept++] = biAt[j];
        }

        return kept;
    }

    /// <summary>
    /// §5 heat BI of the listed hot paths: the shortfall count Binomial(hot days, q) by
    /// <see cref="ShortfallCounts{T}"/> on registers of listed paths, the rare counts it leaves
    /// open by <see cref="BinomialQuantile"/> path by path, then the scalar BI expression.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void HeatShortfalls<T>(SitePlan plan, double biPerDay, int heat, KernelScratch scratch)
        where T : struct, ILanes<T>
    {
        var cover = plan.Site.Heat;
        var q = cover.ShortfallProbability;
        var metrics = scratch.SiteMetrics;
        var heatBi = (int)Metric.HeatBiCny * BlockSize;
        var list = scratch.HeatList;
        var hotDays = scratch.HotDays;
        var shortfallU = scratch.ShortfallU;
        var table = plan.ShortfallPmf0;
        var vector = q is > 0 and < 1;
        Span<double> days = stackalloc double[T.Count];
        Span<double> u = stackalloc double[T.Count];
        Span<double> counts = stackalloc double[T.Count];
        var j = vector && T.Count >= 4 && T.IsHardwareAccelerated ? ShortfallRegisters<T>(plan, biPerDay, heat, scratch) : 0;
        for (; j < heat; j += T.Count)
        {
            var inRegister = Math.Min(T.Count, heat - j);
            if (vector)
            {
                for (var l = 0; l < T.Count; l++)
                {
                    // Lanes past the list: 0 days, count 0, never stored.
                    var p = l < inRegister ? list[j + l] : -1;
                    days[l] = p >= 0 ? hotDays[p] : 0;
                    u[l] = p >= 0 ? shortfallU[j + l] : 0;
                }

                T.Store(ShortfallCounts(T.Load(in days[0], 0), T.Load(in u[0], 0), q, table), ref counts[0], 0);
            }

            for (var l = 0; l < inRegister; l++)
            {
                var p = list[j + l];
                double shortfalls = vector ? counts[l] : double.NaN;
                if (double.IsNaN(shortfalls))
                {
                    shortfalls = SearchedShortfalls((int)hotDays[p], q, shortfallU[j + l], table);
                }

                metrics[heatBi + p] = HeatBiCny(shortfalls, biPerDay, cover);
            }
        }
    }

    /// <summary>The shortfall count Binomial(n, q) at uniform <paramref name="u"/> by the scalar search, from the tabulated p(0) (0 for no hot day).</summary>
    private static double SearchedShortfalls(int n, double q, double u, double[] pmf0)
        => n > 0 ? BinomialQuantile.InvCdfUnchecked(n, q, u, pmf0[n]) : 0;

    /// <summary>§5 BI of <paramref name="shortfalls"/> days: shortfalls · BI per day · throttle fraction · throttle hours / 24, CNY.</summary>
    private static double HeatBiCny(double shortfalls, double biPerDay, HeatShortfall cover)
        => shortfalls * biPerDay * cover.ThrottleFraction * cover.ThrottleHours / 24.0;

    /// <summary>
    /// <see cref="HeatShortfalls{T}"/> on the whole registers of the heat list (q ∈ (0, 1)):
    /// a gather of the listed paths' hot days, their uniforms loaded in list order, the counts
    /// and the BI cost on the register, the scalar search for the lanes
    /// <see cref="ShortfallCounts{T}"/> leaves to it — the same operations per lane in the same
    /// order as the loop it stands in for, so the same bits. Returns the list entries done (a
    /// multiple of the register's lanes).
    /// </summary>
    /// <remarks>
    /// Why: 39 % of the standard workload's site-years have hot days (counted on
    /// `bench --paths 20000`), and that loop moved each lane's two values through the stack (a
    /// scalar store a lane, then a vector load the stores cannot be forwarded to) and costed each lane
    /// with four scalar operations, a division among them. First written for AVX-512 only; on
    /// four lanes (AVX2, a Zen 3) too since the twenty-ninth session (docs/performance.md).
    /// </remarks>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe int ShortfallRegisters<T>(SitePlan plan, double biPerDay, int heat, KernelScratch scratch)
        where T : struct, ILanes<T>
    {
        var cover = plan.Site.Heat;
        var q = cover.ShortfallProbability;
        var table = plan.ShortfallPmf0;
        var perDay = T.Create(biPerDay);
        var fraction = T.Create(cover.ThrottleFraction);
        var hours = T.Create(cover.ThrottleHours);
        var day = T.Create(24.0);
        var costs = stackalloc double[T.Count];
        var heatBi = (int)Metric.HeatBiCny * BlockSize;
        var all = (1u << T.Count) - 1;
        var j = 0;
        fixed (int* list = scratch.HeatList)
        fixed (double* hotDays = scratch.HotDays)
        fixed (double* shortfallU = scratch.ShortfallU)
        fixed (double* metrics = scratch.SiteMetrics)
        {
            for (; j <= heat - T.Count; j += T.Count)
            {
                var days = T.GatherListed(in *hotDays, in list[j]);
                var u = T.Load(in shortfallU[j], 0);
                var counts = ShortfallCounts(days, u, q, table);
                // HeatBiCny's operations in its order.
                T.Store(counts * perDay * fraction * hours / day, ref costs[0], 0);
                var searched = ~T.SignBits(T.Equals(counts, counts)) & all;
                while (searched != 0)
                {
                    var l = BitOperations.TrailingZeroCount(searched);
                    searched &= searched - 1;
                    var p = list[j + l];
                    costs[l] = HeatBiCny(SearchedShortfalls((int)hotDays[p], q, shortfallU[j + l], table), biPerDay, cover);
                }

                for (var l = 0; l < T.Count; l++)
                {
                    metrics[heatBi + list[j + l]] = costs[l];
                }
            }
        }

        return j;
    }

    /// <summary>
    /// <see cref="BinomialQuantile"/>'s sequential search on registers, for q ∈ (0, 1): the count
    /// where it is below <see cref="UnrolledShortfallSteps"/>, NaN where the scalar search must
    /// finish (a larger count, u ≥ 1, or p(0) NaN, which the scalar search takes from the mode).
    /// </summary>
    /// <remarks>
    /// The scalar loop <c>while (F(k) &lt; u &amp;&amp; k &lt; n) { p(k + 1) = p(k)·((n − k)·r/(k + 1)); F(k + 1) = F(k) + p(k + 1) }</c>,
    /// r = q/(1 − q), stops at the first k where F(k) ≥ u or k = n; while k &lt; n the factors are
    /// positive, so F never decreases and both conditions stay false once false: the count is the
    /// number of j with F(j) &lt; u and j &lt; n. Each lane computes the same products and quotients
    /// in the same order as the scalar code (p(0) from the same per-site table), so the same bits;
    /// no masks or exit branches.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T ShortfallCounts<T>(T n, T u, double q, double[] pmf0)
        where T : struct, ILanes<T>
    {
        var zero = T.Create(0.0);
        var one = T.Create(1.0);
        var ratio = T.Create(q / (1.0 - q));
        // p(0) of the lane's count: by one two-register permute where every count is below 16 (the
        // shifter form 2⁵² + n holds n in its low bits), by gathers otherwise; the same entry either way.
        var first = pmf0.Length >= 16 && T.All(T.LessThan(n, T.Create(16.0)))
            ? T.Lookup16(in Row(pmf0), n + T.Create(TwoTo52))
            : T.Gather(in Row(pmf0), n);
        var pmf = first;
        var cdf = pmf;
        var k = T.And(T.And(T.LessThan(cdf, u), T.LessThan(zero, n)), one);
        for (var j = 0; j < UnrolledShortfallSteps; j++)
        {
            pmf *= (n - T.Create(j)) * ratio / T.Create(j + 1);
            cdf += pmf;
            k += T.And(T.And(T.LessThan(cdf, u), T.LessThan(T.Create(j + 1), n)), one);
        }

        // k counts F(0..J) < u; a count above J needs F(J) < u and J + 1 < n.
        var open = T.And(T.LessThan(cdf, u), T.LessThan(T.Create(UnrolledShortfallSteps + 1), n));
        // u ≥ 1 (the scalar search returns n) and p(0) NaN (it starts from the mode): the scalar search.
        var nanFirst = T.Select(T.Equals(first, first), zero, T.Equals(zero, zero));
        var scalar = T.And(T.LessThan(zero, n), T.Or(T.LessThanOrEqual(one, u), nanFirst));
        return T.Select(T.Or(open, scalar), T.Create(double.NaN), k);
    }

    /// <summary>Steps <see cref="ShortfallCounts{T}"/> takes on every lane.</summary>
    internal const int UnrolledShortfallSteps = 3;

    /// <summary>
    /// §6 for the listed flood paths: 1 − u = Φ(−y) keeps the tail of R = 1/(1 − u) exact; the depths
    /// in one span call (their ln R on vector lanes, bit for bit <see cref="SitePlan.DepthAt"/>).
    /// Lists the paths whose water tops the protection and the floor for
    /// <see cref="ListInundations{T}"/> (metric indices, depth above the floor, damage uniform)
    /// and returns how many.
    /// </summary>
    /// <remarks>
    /// The floor is tested here, before the damage uniform is drawn (one scalar generator call an
    /// entry), rather than only by the caller's filter: four in five entries above the protection
    /// came out below the floor (bundled run, 20,000 paths: 1.45 M entries, 0.28 M kept). The test
    /// is the caller's own (an entry with d − f ≤ 0 is dropped), so it keeps the same entries in the
    /// same order.
    /// </remarks>
    [SkipLocalsInit] // Stack lists written before they are read.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FinishFlood(SitePlan plan, int year, long firstPath, int flood, KernelScratch scratch, Span<int> directAt, Span<int> biAt, Span<double> effectiveDepthsM, Span<double> u)
    {
        Span<double> scaledReturnPeriods = stackalloc double[BlockSize];
        Span<double> depths = stackalloc double[BlockSize];
        var floodList = scratch.FloodList;
        var exceedance = scratch.FloodExceedance;
        var frequency = scratch.FrequencyMultiplier;
        for (var j = 0; j < flood; j++)
        {
            var p = floodList[j];
            var returnPeriod = 1.0 / exceedance[p];
            scaledReturnPeriods[j] = returnPeriod * frequency[p];
        }

        plan.DepthsAt(scaledReturnPeriods[..flood], depths);
        var listed = 0;
        for (var j = 0; j < flood; j++)
        {
            var depth = depths[j];
            var aboveFloor = depth - plan.FloorHeightM;
            if (depth > 0 && !(depth <= plan.ProtectionDepthM) && !(aboveFloor <= 0))
            {
                var p = floodList[j];
                directAt[listed] = ((int)Metric.FloodDirectCny * BlockSize) + p;
                biAt[listed] = ((int)Metric.FloodBiCny * BlockSize) + p;
                effectiveDepthsM[listed] = aboveFloor;
                u[listed++] = _rng.Uniform(RandomStreamId.FloodDamage, firstPath + p, year, plan.Key, 0);
            }
        }

        return listed;
    }

    /// <summary>
    /// §9 drought costs, the physical total, impairment, total cost, the occurrence loss and
    /// the portfolio accumulators.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Totals<T>(SitePlan plan, in SiteYear c, int count, KernelScratch scratch)
        where T : struct, ILanes<T>
    {
        var site = plan.Site;
        ref var metrics = ref Row(scratch.SiteMetrics);
        ref var floodDirectRow = ref MetricRow(ref metrics, Metric.FloodDirectCny);
        ref var floodBiRow = ref MetricRow(ref metrics, Metric.FloodBiCny);
        ref var surgeDirectRow = ref MetricRow(ref metrics, Metric.SurgeDirectCny);
        ref var surgeBiRow = ref MetricRow(ref metrics, Metric.SurgeBiCny);
        ref var windDirectRow = ref MetricRow(ref metrics, Metric.WindDirectCny);
        ref var windBiRow = ref MetricRow(ref metrics, Metric.WindBiCny);
        ref var heatBiRow = ref MetricRow(ref metrics, Metric.HeatBiCny);
        ref var droughtEnergyRow = ref MetricRow(ref metrics, Metric.DroughtEnergyCny);
        ref var droughtBiRow = ref MetricRow(ref metrics, Metric.DroughtBiCny);
        ref var physicalRow = ref MetricRow(ref metrics, Metric.PhysicalLossCny);
        ref var retainedRow = ref MetricRow(ref metrics, Metric.RetainedLossCny);
        ref var impairmentRow = ref MetricRow(ref metrics, Metric.ImpairmentCny);
        ref var totalRow = ref MetricRow(ref metrics, Metric.TotalClimateCostCny);
        ref var climateEnergyRow = ref MetricRow(ref metrics, Metric.ClimateEnergyCostCny);
        ref var carbonRow = ref MetricRow(ref metrics, Metric.CarbonCostCny);
        ref var surchargeRow = ref MetricRow(ref metrics, Metric.PueSurchargeCny);
        ref var premiumRow = ref MetricRow(ref metrics, Metric.RenewablePremiumCny);
        ref var driftRow = ref MetricRow(ref metrics, Metric.PueDrift);
        ref var breachRow = ref MetricRow(ref metrics, Metric.PueLimitBreach);
        ref var restrictedRow = ref Row(scratch.RestrictedDays);
        ref var priceRow = ref Row(scratch.PriceCnyPerMwh);
        ref var occurrenceRow = ref Row(scratch.SiteOccurrenceCny);
        ref var driftEnergy = ref Row(scratch.DriftEnergyMwh);
        ref var maxSiteLoss = ref Row(scratch.MaxSiteLossCny);
        ref var anyBreach = ref Row(scratch.AnyBreach);

        var zero = T.Create(0.0);
        var one = T.Create(1.0);
        var itEnergy = T.Create(c.ItEnergyMwh);
        var penalty = T.Create(site.Drought.DryPuePenalty);
        var droughtBiRate = T.Create(c.BiCnyPerDay);
        var waterCooled = plan.IsWaterCooled;
        var shortStorage = HasShortStorage(site);
        var impairmentAbove = T.Create(ImpairmentDamageRatio * site.AssetValueCny);
        for (var i = 0; i < count; i += T.Count)
        {
            var at = (nuint)i;
            var floodDirect = T.Load(in floodDirectRow, at);
            var floodBi = T.Load(in floodBiRow, at);
            var surgeDirect = T.Load(in surgeDirectRow, at);
            var surgeBi = T.Load(in surgeBiRow, at);
            var windDirect = T.Load(in windDirectRow, at);
            var windBi = T.Load(in windBiRow, at);
            var heatBi = T.Load(in heatBiRow, at);
            var droughtEnergy = zero;
            var droughtBi = zero;
            if (waterCooled)
            {
                var days = T.Load(in restrictedRow, at);
                var restricted = T.LessThan(zero, days);
                droughtEnergy = T.Select(restricted, days * itEnergy / T.Create(365.0) * penalty * T.Load(in priceRow, at), zero);
                if (shortStorage)
                {
                    droughtBi = T.Select(restricted, days * droughtBiRate * T.Create(DroughtBiShare), zero);
                }
            }

            var physical = floodDirect + floodBi + surgeDirect + surgeBi + windDirect + windBi + heatBi + droughtEnergy + droughtBi;

            var impairment = T.Select(T.LessThan(impairmentAbove, floodDirect), floodDirect, zero)
                + T.Select(T.LessThan(impairmentAbove, surgeDirect), surgeDirect, zero)
                + T.Select(T.LessThan(impairmentAbove, windDirect), windDirect, zero);
            var total = physical + T.Load(in climateEnergyRow, at) + T.Load(in carbonRow, at) + T.Load(in surchargeRow, at) + T.Load(in premiumRow, at);
            var occurrence = Max(Max(floodDirect + floodBi, surgeDirect + surgeBi), Max(windDirect + windBi, Max(heatBi, droughtEnergy + droughtBi)));
            T.Store(droughtEnergy, ref droughtEnergyRow, at);
            T.Store(droughtBi, ref droughtBiRow, at);
            T.Store(physical, ref physicalRow, at);

            // Paths without a recovery retain physical − 0 − 0; Insurance overwrites the others.
            T.Store(physical, ref retainedRow, at);
            T.Store(impairment, ref impairmentRow, at);
            T.Store(total, ref totalRow, at);
            T.Store(occurrence, ref occurrenceRow, at);
            T.Store(T.Load(in driftEnergy, at) + (itEnergy * T.Load(in driftRow, at)), ref driftEnergy, at);
            T.Store(Max(T.Load(in maxSiteLoss, at), physical), ref maxSiteLoss, at);
            T.Store(T.Select(T.LessThan(zero, T.Load(in breachRow, at)), one, T.Load(in anyBreach, at)), ref anyBreach, at);
        }
    }

    /// <summary>
    /// §15 insurance of the paths with an acute loss: recoveries, the insured amounts per peril and
    /// the retained loss; the other paths keep no recovery (+0.0, the rows as Chronic zeroed them)
    /// and the retained loss Totals wrote (physical − 0 − 0 = physical).
    /// </summary>
    /// <remarks>
    /// On every lane (<see cref="InsuranceLanes{T}"/>, the scalar terms' operations lane by lane),
    /// kept where there is a loss: an insured site with wind has one on most paths, which a list
    /// finished path by path took 3 % of a run's samples for. A method of its own: inlined into
    /// Totals it took the JIT past its inlining budget, and every vector operation became a call.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool Insurance<T>(InsuranceTerms terms, double biCnyPerDay, int count, KernelScratch scratch)
        where T : struct, ILanes<T>
    {
        ref var metrics = ref Row(scratch.SiteMetrics);
        ref var floodDirectRow = ref MetricRow(ref metrics, Metric.FloodDirectCny);
        ref var floodBiRow = ref MetricRow(ref metrics, Metric.FloodBiCny);
        ref var surgeDirectRow = ref MetricRow(ref metrics, Metric.SurgeDirectCny);
        ref var surgeBiRow = ref MetricRow(ref metrics, Metric.SurgeBiCny);
        ref var windDirectRow = ref MetricRow(ref metrics, Metric.WindDirectCny);
        ref var windBiRow = ref MetricRow(ref metrics, Metric.WindBiCny);
        ref var physicalRow = ref MetricRow(ref metrics, Metric.PhysicalLossCny);
        ref var retainedRow = ref MetricRow(ref metrics, Metric.RetainedLossCny);
        ref var insuredPropertyRow = ref MetricRow(ref metrics, Metric.InsuredPropertyCny);
        ref var insuredBiRow = ref MetricRow(ref metrics, Metric.InsuredBiCny);
        ref var insuredFloodRow = ref MetricRow(ref metrics, Metric.InsuredFloodCny);
        ref var insuredSurgeRow = ref MetricRow(ref metrics, Metric.InsuredSurgeCny);
        ref var insuredWindRow = ref MetricRow(ref metrics, Metric.InsuredWindCny);
        var claimedAny = false;
        var cover = new InsuranceLanes<T>(terms, biCnyPerDay);
        var zero = T.Create(0.0);
        for (var i = 0; i < count; i += T.Count)
        {
            var at = (nuint)i;
            var floodDirect = T.Load(in floodDirectRow, at);
            var floodBi = T.Load(in floodBiRow, at);
            var surgeDirect = T.Load(in surgeDirectRow, at);
            var surgeBi = T.Load(in surgeBiRow, at);
            var windDirect = T.Load(in windDirectRow, at);
            var windBi = T.Load(in windBiRow, at);
            var claimed = T.LessThan(zero, floodDirect + floodBi + surgeDirect + surgeBi + windDirect + windBi);
            if (T.SignBits(claimed) == 0)
            {
                continue;
            }

            claimedAny = true;

            var (property, bi, flood, surge, wind) = cover.Apply(floodDirect, floodBi, surgeDirect, surgeBi, windDirect, windBi);
            var physical = T.Load(in physicalRow, at);
            T.Store(T.Select(claimed, property, zero), ref insuredPropertyRow, at);
            T.Store(T.Select(claimed, bi, zero), ref insuredBiRow, at);
            T.Store(T.Select(claimed, flood, zero), ref insuredFloodRow, at);
            T.Store(T.Select(claimed, surge, zero), ref insuredSurgeRow, at);
            T.Store(T.Select(claimed, wind, zero), ref insuredWindRow, at);
            T.Store(T.Select(claimed, physical - property - bi, physical), ref retainedRow, at);
        }

        return claimedAny;
    }

    /// <summary>
    /// Poisson quantiles by sequential search from p(0) (PoissonQuantile's recurrence, lane by
    /// lane): the count where λ ∈ (0, 30] and u &gt; 0, 0 elsewhere (λ &gt; 30 is finished from the mode).
    /// </summary>
    /// <remarks>
    /// Every lane steps the same j = 1, 2, … together; a lane's count stops growing once F(k) ≥ u
    /// (or p(k) = 0), and its pmf and CDF beyond that are never read, so they run on unmasked.
    /// The ratio λ/j is the correctly rounded quotient, as the scalar <c>lambda / k</c> gives it,
    /// without a vector division (the loop's bottleneck): q = ○(λ·y) with y = ○(1/j) from a table,
    /// then one Markstein correction q + ○(λ − j·q)·y with fused multiply–adds (λ − j·q is exact
    /// in a fused multiply–add). Markstein's theorem (Markstein 1990, IBM J. Res. Dev. 34(1);
    /// Muller et al., "Handbook of Floating-Point Arithmetic", 2nd ed. 2018, Thm. 4.10): with y
    /// within ½ ulp of 1/j and q within 1 ulp of λ/j, the corrected quotient is ○(λ/j), barring
    /// underflow — λ ∈ (0, 30] and j ≤ <see cref="MaxPoissonStep"/> keep every term normal.
    /// So the counts are bit for bit those of the division loop (checked in PathKernelTests
    /// against <see cref="PoissonQuantile"/> over λ and u).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Poisson<T>(T lambda, T pmf0, T u, T valid, T limit)
        where T : struct, ILanes<T>
    {
        var zero = T.Create(0.0);
        var one = T.Create(1.0);
        var pmf = pmf0;
        var cdf = pmf0;
        var k = zero;
        var active = T.And(T.And(valid, T.LessThan(zero, lambda)), T.And(T.LessThan(zero, u), T.LessThanOrEqual(lambda, limit)));
        active = T.And(active, T.LessThan(cdf, u));
        ref var reciprocal = ref Row(StepReciprocal);
        for (var j = 1; T.Any(active); j++)
        {
            if (j > MaxPoissonStep)
            {
                return PoissonByDivision(lambda, pmf, cdf, k, u, active, j);
            }

            k += T.And(active, one);
            var y = T.Create(Unsafe.Add(ref reciprocal, j));
            var step = T.Create(j);
            var q = lambda * y;
            var ratio = T.FusedMultiplyAdd(T.FusedMultiplyAdd(-q, step, lambda), y, q);
            pmf *= ratio;

            // p(k) = 0: F(k) is 1 to machine precision; the search stops at k.
            active = T.Select(T.Equals(pmf, zero), zero, active);
            cdf += pmf;
            active = T.And(active, T.LessThan(cdf, u));
        }

        return k;
    }

    /// <summary>
    /// Two independent <see cref="Poisson{T}"/> searches (the heat and the drought count of the same
    /// paths), each lane's count bit for bit <see cref="PoissonQuantile"/>'s: the first
    /// <see cref="UnrolledPoissonSteps"/> steps without masks or exit branches, the rest (rare)
    /// by the masked loop <see cref="Poisson2From{T}"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The counts at the bundled rates are small (mean 0.6 hot and 1.0 restricted days; a
    /// register of 8 paths needed 3.1 steps of the masked loop on average, and every step paid a
    /// mask update and a data-dependent exit branch). The CDF of the recurrence never decreases
    /// (p(k) ≥ 0), so the search's count is the number of k with F(k) &lt; u, and the first
    /// steps need no masks: every lane computes p(1..4), F(1..4) unmasked, and the count is the
    /// number of F(0..3) below u, kept as an integer (a set mask is −1) and converted at the end.
    /// The ratios λ/1, λ/2, λ/4 are exact products (λ·1, λ·½, λ·¼; λ ≥ 1.1e−16 wherever F(0) &lt; u,
    /// so no underflow), λ/3 is the corrected quotient of <see cref="Poisson{T}"/>: the same
    /// ○(λ/k), so the same p(k) and F(k) bits as the division loop.
    /// </para>
    /// <para>
    /// Lanes with F(4) &lt; u go on in the masked loop from step 5 with those p(4), F(4) and the
    /// count 4. The division loop stops early where p(k) = 0; that cannot happen within four steps
    /// for λ ≥ 1.1e−16 (p(4) ≥ 6e−66), but if a lane still has p(4) = 0 and F(4) &lt; u the
    /// register is searched again from the start by the masked loop, so the count stays right
    /// whatever the input.
    /// </para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static (T A, T B) Poisson2<T>(T lambdaA, T pmf0A, T uA, T lambdaB, T pmf0B, T uB, T valid, T limit)
        where T : struct, ILanes<T>
    {
        var zero = T.Create(0.0);
        var half = T.Create(0.5);
        var quarter = T.Create(0.25);
        var third = T.Create(StepReciprocal[3]);
        var three = T.Create(3.0);
        var eligibleA = T.And(T.And(valid, T.LessThan(zero, lambdaA)), T.And(T.LessThan(zero, uA), T.LessThanOrEqual(lambdaA, limit)));
        var eligibleB = T.And(T.And(valid, T.LessThan(zero, lambdaB)), T.And(T.LessThan(zero, uB), T.LessThanOrEqual(lambdaB, limit)));

        // Counts as 64-bit integers: subtracting a set mask (−1) adds one.
        var nA = T.SubtractInt64(zero, T.LessThan(pmf0A, uA));
        var nB = T.SubtractInt64(zero, T.LessThan(pmf0B, uB));

        var pmfA = pmf0A * lambdaA;
        var pmfB = pmf0B * lambdaB;
        var cdfA = pmf0A + pmfA;
        var cdfB = pmf0B + pmfB;
        nA = T.SubtractInt64(nA, T.LessThan(cdfA, uA));
        nB = T.SubtractInt64(nB, T.LessThan(cdfB, uB));

        pmfA *= lambdaA * half;
        pmfB *= lambdaB * half;
        cdfA += pmfA;
        cdfB += pmfB;
        nA = T.SubtractInt64(nA, T.LessThan(cdfA, uA));
        nB = T.SubtractInt64(nB, T.LessThan(cdfB, uB));

        var qA = lambdaA * third;
        var qB = lambdaB * third;
        pmfA *= T.FusedMultiplyAdd(T.FusedMultiplyAdd(-qA, three, lambdaA), third, qA);
        pmfB *= T.FusedMultiplyAdd(T.FusedMultiplyAdd(-qB, three, lambdaB), third, qB);
        cdfA += pmfA;
        cdfB += pmfB;
        nA = T.SubtractInt64(nA, T.LessThan(cdfA, uA));
        nB = T.SubtractInt64(nB, T.LessThan(cdfB, uB));

        pmfA *= lambdaA * quarter;
        pmfB *= lambdaB * quarter;
        cdfA += pmfA;
        cdfB += pmfB;

        // 2^52 + n as bits is the double 2^52 + n: the integer count as a double in two operations.
        var twoTo52 = T.Create(TwoTo52);
        var kA = T.Select(eligibleA, T.AddInt64(nA, twoTo52) - twoTo52, zero);
        var kB = T.Select(eligibleB, T.AddInt64(nB, twoTo52) - twoTo52, zero);
        var activeA = T.And(eligibleA, T.LessThan(cdfA, uA));
        var activeB = T.And(eligibleB, T.LessThan(cdfB, uB));
        var running = T.Or(activeA, activeB);
        if (!T.Any(running))
        {
            return (kA, kB);
        }

        if (T.Any(T.And(running, T.Or(T.Equals(pmfA, zero), T.Equals(pmfB, zero)))))
        {
            // Cannot happen for λ ≥ 1.1e−16 (see remarks); the masked loop from the start stops where p(k) = 0.
            return Poisson2From(
                lambdaA, pmf0A, pmf0A, zero, uA, T.And(eligibleA, T.LessThan(pmf0A, uA)),
                lambdaB, pmf0B, pmf0B, zero, uB, T.And(eligibleB, T.LessThan(pmf0B, uB)),
                1);
        }

        return Poisson2From(lambdaA, pmfA, cdfA, kA, uA, activeA, lambdaB, pmfB, cdfB, kB, uB, activeB, UnrolledPoissonSteps + 1);
    }

    /// <summary>
    /// The first <see cref="UnrolledPoissonSteps"/> steps of <see cref="Poisson2{T}"/> for one
    /// search: the count where it is at most that many (<see cref="PoissonQuantile"/>'s, bit for
    /// bit), one more where the search goes on (F(4) &lt; u: the caller searches that register
    /// again with <see cref="Poisson2{T}"/>), 0 where the lane is not eligible (λ or u not
    /// positive, λ above <paramref name="limit"/>, or not <paramref name="valid"/>).
    /// </summary>
    /// <remarks>
    /// The same operations as <see cref="Poisson2{T}"/>'s first steps, so the same F(0..3); a
    /// count returned as at most 4 is its count. <see cref="Poisson2{T}"/> keeps its own copy of
    /// these steps because it needs their p(4) and F(4) to go on: sending the long registers
    /// straight into the masked loop from step 1 instead cost about 1 % of a one-worker run
    /// (<c>Poisson2From</c> 0.88 → 2.0 % of the samples; docs/performance.md, twenty-fourth session). One value returned, not a pair: the pair came
    /// back through the stack (a 128-byte tuple copied four times a register, the hottest
    /// instructions of <c>Counts</c> in an AOT profile; docs/performance.md, twenty-fourth session).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T PoissonUnrolled<T>(T lambda, T pmf0, T u, T valid, T limit)
        where T : struct, ILanes<T>
    {
        var zero = T.Create(0.0);
        var eligible = T.And(T.And(valid, T.LessThan(zero, lambda)), T.And(T.LessThan(zero, u), T.LessThanOrEqual(lambda, limit)));

        // Counts as 64-bit integers: subtracting a set mask (−1) adds one.
        var n = T.SubtractInt64(zero, T.LessThan(pmf0, u));
        var pmf = pmf0 * lambda;
        var cdf = pmf0 + pmf;
        n = T.SubtractInt64(n, T.LessThan(cdf, u));
        pmf *= lambda * T.Create(0.5);
        cdf += pmf;
        n = T.SubtractInt64(n, T.LessThan(cdf, u));
        var third = T.Create(StepReciprocal[3]);
        var q = lambda * third;
        pmf *= T.FusedMultiplyAdd(T.FusedMultiplyAdd(-q, T.Create(3.0), lambda), third, q);
        cdf += pmf;
        n = T.SubtractInt64(n, T.LessThan(cdf, u));
        pmf *= lambda * T.Create(0.25);
        cdf += pmf;
        n = T.SubtractInt64(n, T.LessThan(cdf, u));
        var twoTo52 = T.Create(TwoTo52);
        return T.Select(eligible, T.AddInt64(n, twoTo52) - twoTo52, zero);
    }

    /// <summary>Steps <see cref="Poisson2{T}"/> takes for every lane before it masks.</summary>
    internal const int UnrolledPoissonSteps = 4;

    private const double TwoTo52 = 4503599627370496.0;

    /// <summary>
    /// The masked loop of <see cref="Poisson2{T}"/> from step <paramref name="j"/> with p(j − 1),
    /// F(j − 1) and the counts so far: each lane of each search takes exactly the steps it would
    /// alone (same operations, same order, so the same counts — <c>PathKernelPoissonTests</c>);
    /// one loop to the larger of the two counts.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static (T A, T B) Poisson2From<T>(T lambdaA, T pmfA, T cdfA, T kA, T uA, T activeA, T lambdaB, T pmfB, T cdfB, T kB, T uB, T activeB, int j)
        where T : struct, ILanes<T>
    {
        var zero = T.Create(0.0);
        var one = T.Create(1.0);
        ref var reciprocal = ref Row(StepReciprocal);
        for (; T.Any(T.Or(activeA, activeB)); j++)
        {
            if (j > MaxPoissonStep)
            {
                return (PoissonByDivision(lambdaA, pmfA, cdfA, kA, uA, activeA, j), PoissonByDivision(lambdaB, pmfB, cdfB, kB, uB, activeB, j));
            }

            var y = T.Create(Unsafe.Add(ref reciprocal, j));
            var step = T.Create(j);

            kA += T.And(activeA, one);
            var qA = lambdaA * y;
            pmfA *= T.FusedMultiplyAdd(T.FusedMultiplyAdd(-qA, step, lambdaA), y, qA);
            activeA = T.Select(T.Equals(pmfA, zero), zero, activeA);
            cdfA += pmfA;
            activeA = T.And(activeA, T.LessThan(cdfA, uA));

            kB += T.And(activeB, one);
            var qB = lambdaB * y;
            pmfB *= T.FusedMultiplyAdd(T.FusedMultiplyAdd(-qB, step, lambdaB), y, qB);
            activeB = T.Select(T.Equals(pmfB, zero), zero, activeB);
            cdfB += pmfB;
            activeB = T.And(activeB, T.LessThan(cdfB, uB));
        }

        return (kA, kB);
    }

    /// <summary>
    /// The rest of <see cref="Poisson{T}"/>'s search from step <paramref name="j"/> on, with the
    /// division (u within 1e−13 of 1, where the CDF saturates below u and the search runs on until
    /// p(k) underflows).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T PoissonByDivision<T>(T lambda, T pmf, T cdf, T k, T u, T active, int j)
        where T : struct, ILanes<T>
    {
        var zero = T.Create(0.0);
        var one = T.Create(1.0);
        for (; T.Any(active); j++)
        {
            k += T.And(active, one);
            pmf *= lambda / T.Create(j);
            active = T.Select(T.Equals(pmf, zero), zero, active);
            cdf += pmf;
            active = T.And(active, T.LessThan(cdf, u));
        }

        return k;
    }

    /// <summary>Steps of the Poisson search done with tabulated reciprocals; beyond, the division.</summary>
    internal const int MaxPoissonStep = 255;

    /// <summary>○(1/j), j = 0..<see cref="MaxPoissonStep"/> (entry 0 unused).</summary>
    internal static readonly double[] StepReciprocal = Enumerable.Range(0, MaxPoissonStep + 1).Select(j => 1.0 / j).ToArray();

    /// <summary>
    /// <see cref="Climate.PueCurve.Lookup"/> lane by lane, the same operations in the same order
    /// (so the same bits): position (Δ − Δ_min)/step, table[0] at or below 0 (and for NaN), the
    /// last entry at or beyond it, else t[i] + w·(t[i+1] − t[i]) with i = ⌊position⌋, w = position − i.
    /// Out-of-range lanes gather at index 0 and are replaced.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T PueLookup<T>(double[] table, T deltaC)
        where T : struct, ILanes<T>
    {
        var zero = T.Create(0.0);
        var lastIndex = table.Length - 1;
        var last = T.Create(lastIndex);
        var position = (deltaC - T.Create(Climate.PueCurve.MinDeltaC)) / T.Create(Climate.PueCurve.StepC);
        var inside = T.And(T.LessThan(zero, position), T.LessThan(position, last));
        var index = T.Truncate(T.Select(inside, position, zero));
        var interpolated = T.InterpolateNeighbours(in Row(table), index, position - index);
        var ends = T.Select(T.LessThanOrEqual(last, position), T.Create(table[lastIndex]), T.Create(table[0]));
        return T.Select(inside, interpolated, ends);
    }

    /// <summary>max(a, b) for the kernel's finite values, as <see cref="Math.Max(double, double)"/> picks them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Max<T>(T a, T b)
        where T : struct, ILanes<T>
        => T.Select(T.LessThan(a, b), b, a);

    /// <summary>Bits of the lanes i + k &lt; count of the register starting at i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ValidBits<T>(int i, int count)
        where T : struct, ILanes<T>
        => count - i >= T.Count ? (1u << T.Count) - 1 : (1u << (count - i)) - 1;

    /// <summary>Appends i + k for every set bit k of <paramref name="bits"/> to the list; returns its new length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Append(uint bits, int i, int[] list, int length)
    {
        while (bits != 0)
        {
            list[length++] = i + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }

        return length;
    }

    /// <summary>
    /// <see cref="Append"/> without a loop over the set bits where AVX-512 runs: i + k for every set
    /// bit k of an 8-lane register compressed to the bottom of a register and stored whole (the
    /// same list in the same order; the loop's exit was a data-dependent branch per listed path,
    /// and the heat list takes about a third of all paths). The whole-register store writes 8
    /// entries, so it is used while they fit in the list (what lies past the new length is
    /// overwritten by the next append or never read); near the end, and at other widths,
    /// <see cref="Append"/>. Not the compress store to memory: on Zen 4 it is microcoded and slow.
    /// On four lanes the packed lane numbers of each of the 16 masks come from a table
    /// (<see cref="PackedLanes4"/>): one load, an add and a 16-byte store.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int AppendPacked<T>(uint bits, int i, int[] list, int length)
        where T : struct, ILanes<T>
    {
        if (T.Count == 4 && Vector128.IsHardwareAccelerated && length <= list.Length - 4)
        {
            ref var row = ref Unsafe.Add(ref MemoryMarshal.GetReference(PackedLanes4), (int)(bits * 4));
            (Vector128.Create(i) + Vector128.LoadUnsafe(ref row)).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(list), (nuint)length);
            return length + BitOperations.PopCount(bits);
        }

        if (T.Count != 8 || !Avx512F.VL.IsSupported || length > list.Length - 8)
        {
            return Append(bits, i, list, length);
        }

        var laneBits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
        var mask = Vector256.Equals(Vector256.Create((int)bits) & laneBits, laneBits);
        var indices = Vector256.Create(i) + Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        Avx512F.VL.Compress(indices, mask, indices).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(list), (nuint)length);
        return length + BitOperations.PopCount(bits);
    }

    /// <summary>
    /// Row m: the set bits of the 4-bit mask m in increasing order, then zeros (past the count,
    /// overwritten or never read). <see cref="Statistics.Internal.Compress4"/> holds the same rows
    /// as dword pairs (2l, 2l + 1) for its permute; each table is the form its loop uses as loaded.
    /// </summary>
    private static ReadOnlySpan<int> PackedLanes4 =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0,
        2, 0, 0, 0, 0, 2, 0, 0, 1, 2, 0, 0, 0, 1, 2, 0,
        3, 0, 0, 0, 0, 3, 0, 0, 1, 3, 0, 0, 0, 1, 3, 0,
        2, 3, 0, 0, 0, 2, 3, 0, 1, 2, 3, 0, 0, 1, 2, 3,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double Row(double[] row) => ref MemoryMarshal.GetArrayDataReference(row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double Row(Span<double> row) => ref MemoryMarshal.GetReference(row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref double MetricRow(ref double metrics, Metric metric) => ref Unsafe.Add(ref metrics, (int)metric * BlockSize);

    private static void Fill(ref double row, int count, double value) => MemoryMarshal.CreateSpan(ref row, count).Fill(value);

    /// <summary>
    /// The metric rows that hold one value on every path of any block of <paramref name="plan"/>'s
    /// site, whatever the draws, as bits by metric: the water rows (<c>Chronic</c> fills them with
    /// the year's constants) and the rows of what the site is not exposed to, which stay +0 — wind
    /// without a wind hazard (<c>Chronic</c> fills them and returns), flood without a depth above 0
    /// at any return period and surge without a coast (zeroed in <c>Chronic</c>; only the listed
    /// inundations write them, and <c>ListInundations</c> lists none), the drought-restriction
    /// energy of a site that is not water-cooled and its BI without a short storage
    /// (<c>Totals</c> stores +0). <c>StoreEntity</c> marks such a row from its first value instead of
    /// reading all of them, which is what the look found (PathKernelOutputTests checks each claim
    /// on the kernel's own rows).
    /// </summary>
    internal static ulong RepeatedRows(SitePlan plan)
    {
        var site = plan.Site;
        var rows = MetricBit(Metric.WaterM3) | MetricBit(Metric.WaterCostCny);
        if (site.Wind is null)
        {
            rows |= MetricBit(Metric.WindDirectCny) | MetricBit(Metric.WindBiCny);
        }

        if (site.Flood is null || plan.FirstPositiveDepth < 0)
        {
            rows |= MetricBit(Metric.FloodDirectCny) | MetricBit(Metric.FloodBiCny);
        }

        if (site.Surge is null)
        {
            rows |= MetricBit(Metric.SurgeDirectCny) | MetricBit(Metric.SurgeBiCny);
        }

        if (!plan.IsWaterCooled)
        {
            rows |= MetricBit(Metric.DroughtEnergyCny);
        }

        if (!plan.IsWaterCooled || !HasShortStorage(site))
        {
            rows |= MetricBit(Metric.DroughtBiCny);
        }

        return rows;
    }

    /// <summary>Metric <paramref name="metric"/>'s bit in a mask of rows (<see cref="RepeatedRows(SitePlan)"/>, <see cref="RowsStillZero"/>, <see cref="SummedRows"/>).</summary>
    private static ulong MetricBit(Metric metric) => 1UL << (int)metric;

    /// <summary>§9: a restriction stops a water-cooled site's IT load (drought BI) only where its water storage lasts less than <see cref="StorageNeededH"/>.</summary>
    private static bool HasShortStorage(Site site) => site.WaterStorageH < StorageNeededH;

    /// <summary>Rows written as zero in the first pass and set for the listed paths later.</summary>
    private static readonly Metric[] LaterMetrics =
    [
        Metric.FloodDirectCny, Metric.FloodBiCny, Metric.SurgeDirectCny, Metric.SurgeBiCny, Metric.HeatBiCny,
        Metric.InsuredPropertyCny, Metric.InsuredBiCny, Metric.InsuredFloodCny, Metric.InsuredSurgeCny, Metric.InsuredWindCny,
    ];

    /// <summary><see cref="LaterMetrics"/> as bits by metric (after it: static fields start in the order they are written).</summary>
    private static readonly ulong LaterMetricsMask = LaterMetrics.Aggregate(0UL, (mask, metric) => mask | MetricBit(metric));

    /// <summary>The wind rows, which <see cref="Chronic{T}"/> zeroes at a site without wind.</summary>
    private static readonly ulong WindRowsMask = MetricBit(Metric.WindDirectCny) | MetricBit(Metric.WindBiCny);

    /// <summary>Every row <see cref="Chronic{T}"/> zeroes (after the two it joins).</summary>
    private static readonly ulong ZeroFilledMask = LaterMetricsMask | WindRowsMask;
}
