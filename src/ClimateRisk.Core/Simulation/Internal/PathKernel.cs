using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Numerics.Internal;
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
/// (<see cref="PhiloxBatch"/>), the normal transforms, exponentials and quantiles over spans
/// (<see cref="VectorNormal"/>, <see cref="VectorMath"/>, <see cref="VectorQuantiles"/>), then
/// each site's arithmetic on registers of paths (<see cref="SiteRows"/>, PathKernel.Lanes.cs).
/// <see cref="Evaluate"/> is the scalar reference, one path at a time with one generator call
/// and one scalar transform per draw, then the same site code on rows holding its one path;
/// both produce the same bits (tested), because every span routine is bit-identical to its
/// scalar form (the same generic code on one lane).
/// </remarks>
internal sealed partial class PathKernel
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

    /// <summary>
    /// Damage ratio above which an event's direct damage is an impairment (the asset is written
    /// off and replaced) rather than a repair: the "substantial damage" line of 50 % of the
    /// structure's value (US NFIP, 44 CFR 59.1), above which rebuilding to current standards is
    /// required (docs/model.md §15).
    /// </summary>
    private const double ImpairmentDamageRatio = 0.5;

    private readonly SitePlan[] _sites;
    private readonly ScenarioPlan _scenario;
    private readonly PiecewiseLinear _heavyPrecipitation;
    private readonly double[]? _heavyPrecipitationKnots;
    private readonly CounterRng _rng;
    private readonly PathBuffers _buffers;
    private readonly bool _accumulateFinancialNpv;
    private readonly SiteRowsSink? _siteRows;

    private readonly PathDrawCache? _pathDraws;

    /// <summary>Per site, then the portfolio: <see cref="RepeatedRows(SitePlan)"/>, the rows stored without a look at their values.</summary>
    private readonly ulong[] _repeatedRows;

    /// <summary>
    /// [year index · sites + site]: each site's constants of each year the plans hold, made once
    /// (a grid's multipliers are looked up by name: per site and block that was 0.2 ns a site-year).
    /// </summary>
    private readonly SiteYear[] _siteYears;

    /// <remarks>
    /// With <c>accumulateFinancialNpv</c>, <see cref="EvaluateBlock"/> adds each path's discounted statement effects to
    /// <see cref="PathBuffers.FinancialNpv"/> (<see cref="FinancialSeries.AccumulateBlock"/>), from the
    /// block's metric rows while they are in cache; only a full run reports them.
    /// With <c>siteRows</c>, each site's metric rows go to it as they are made instead of into
    /// <see cref="PathBuffers.Values"/>, and no portfolio is formed (its rows, occurrence and NPV
    /// are left as they were): for a one-site evaluation that only needs its means, which it can
    /// sum from the rows in cache in path order (<see cref="EvaluateBlock"/> runs on one thread there).
    /// The running NPV is kept either way.
    /// With <c>pathDraws</c>, the path-level draws that do not depend on the year are kept per
    /// block after the first year and reused (<see cref="PathDrawCache"/>): the same numbers
    /// without drawing them again, for a kernel that evaluates the same aligned blocks year after year.
    /// </remarks>
    public PathKernel(SitePlan[] sites, ScenarioPlan scenario, PiecewiseLinear heavyPrecipitation, CounterRng rng, PathBuffers buffers, bool accumulateFinancialNpv = false, SiteRowsSink? siteRows = null, PathDrawCache? pathDraws = null)
    {
        if (pathDraws is not null && pathDraws.Capacity < buffers.Paths)
        {
            throw new ArgumentException($"The path-draw cache holds {pathDraws.Capacity} paths, the buffers {buffers.Paths}.", nameof(pathDraws));
        }

        _pathDraws = pathDraws;
        pathDraws?.Bind(scenario, rng);

        _sites = sites;
        _scenario = scenario;
        _heavyPrecipitation = heavyPrecipitation;
        _heavyPrecipitationKnots = Knots16(heavyPrecipitation);
        _rng = rng;
        _buffers = buffers;
        _accumulateFinancialNpv = accumulateFinancialNpv;
        _siteRows = siteRows;
        var years = sites.Aggregate(scenario.Discount.Length, (shortest, plan) => Math.Min(shortest, plan.ItEnergyMwh.Length));
        _siteYears = new SiteYear[years * sites.Length];
        for (var t = 0; t < years; t++)
        {
            for (var s = 0; s < sites.Length; s++)
            {
                _siteYears[(t * sites.Length) + s] = new SiteYear(sites[s], scenario, t);
            }
        }

        // The portfolio's summed rows are sums of the sites' in a fixed order, the same on every
        // path where every site's row is one value repeated.
        _repeatedRows = new ulong[sites.Length + 1];
        var portfolio = SummedRows;
        for (var s = 0; s < sites.Length; s++)
        {
            _repeatedRows[s] = RepeatedRows(sites[s]);
            portfolio &= _repeatedRows[s];
        }

        _repeatedRows[sites.Length] = portfolio;
    }

    /// <summary>Receives site <paramref name="site"/>'s metric rows of a block: value(metric, path) = rows[metric · <see cref="BlockSize"/> + path], path &lt; <paramref name="count"/>.</summary>
    public delegate void SiteRowsSink(int site, ReadOnlySpan<double> rows, int count);

    /// <summary>
    /// Evaluates paths [<paramref name="firstPath"/>, <paramref name="firstPath"/> + <paramref name="count"/>)
    /// into buffer columns [<paramref name="firstIndex"/>, <paramref name="firstIndex"/> + <paramref name="count"/>);
    /// <paramref name="count"/> ≤ <see cref="BlockSize"/>. Same values as <see cref="Evaluate"/> path by path.
    /// </summary>
    /// <remarks>
    /// With <c>skipRepeatedRows</c>, a metric row of the block whose values are all one value (not
    /// NaN) is not written but marked in <see cref="PathBuffers.SkippedBlocks"/> with its value:
    /// +0.0 for a peril the site is not exposed to or a cover it lacks, the year's water use and
    /// cost, which do not vary by path — about a quarter of all rows. The reduction settles a cell
    /// skipped in every block with one value without reading it and fills the rest
    /// (<see cref="PathBuffers.FillSkipped"/>).
    /// Skipping needs blocks that start on multiples of <see cref="BlockSize"/> columns.
    /// Without <c>storeOccurrence</c> the occurrence losses (<see cref="PathBuffers.Occurrence"/>),
    /// which only the horizons' OEP curves read, are not written.
    /// With <c>mapRows</c>, each site's climate PUE goes to <see cref="PathBuffers.ClimatePue"/>
    /// and its six PUE rows (<see cref="PueRows"/>, functions of it) and its Scope 2 market row
    /// (<see cref="Scope2Rows"/>, a function of the location-based row, which is written) are not
    /// written at all, nor marked: the caller must not read those cells but make them from the
    /// climate PUE and the location-based row.
    /// With <c>startNpvs</c>, the block's running NPVs (<see cref="PathBuffers.Npv"/> and, when
    /// accumulated, <see cref="PathBuffers.FinancialNpv"/>) are set to +0 plus this year's
    /// discounted values instead of having them added: the bits of an add to cleared NPVs, for a
    /// scenario's first year, so the caller need not clear them — nor the kernel read them.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EvaluateBlock(int firstIndex, long firstPath, int count, int yearIndex, int year, KernelScratch scratch, bool skipRepeatedRows = false, bool storeOccurrence = true, bool mapRows = false, bool startNpvs = false)
    {
        if ((uint)count > BlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"A block holds at most {BlockSize} paths.");
        }

        if (count == 0)
        {
            return;
        }

        // Every write lands in columns [firstIndex, firstIndex + count) of rows that exist:
        // checked once here, so the per-path stores go without bounds checks.
        if (firstIndex < 0 || firstIndex + count > _buffers.Paths)
        {
            throw new ArgumentOutOfRangeException(nameof(firstIndex), firstIndex, $"Columns {firstIndex}..{firstIndex + count} lie outside the {_buffers.Paths} paths of the buffers.");
        }

        if (mapRows && _buffers.ClimatePue.Length == 0)
        {
            throw new InvalidOperationException("The buffers have no room for the climate PUE.");
        }

        if (skipRepeatedRows && firstIndex % BlockSize != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(firstIndex), firstIndex, $"Skipping rows needs blocks that start on multiples of {BlockSize} columns.");
        }

        // Each stream's key comes from the generator, which may re-key some streams for a
        // sensitivity design (CounterRng.Rekeyed); for a plain run every key is the seed.
        var rng = _rng;

        // Path-level climate and transition state (year 0, site 0: shared by all years and sites),
        // drawn for the whole block, then turned into drivers in place.
        var warming = scratch.GlobalWarmingC.Slice(0, count);
        var seaLevel = scratch.SeaLevelRiseM.Slice(0, count);
        var carbon = scratch.CarbonShock.Slice(0, count);
        var grid = scratch.GridShock.Slice(0, count);
        var priceFactors = scratch.PriceFactor.Slice(0, count);
        var frequency = scratch.FrequencyMultiplier.Slice(0, count);
        var windIntensities = scratch.WindIntensity.Slice(0, count);
        var scenario = _scenario.Scenario;
        var cache = firstIndex % BlockSize == 0 ? _pathDraws : null;
        PhiloxBatch.Normals(rng.KeyFor(RandomStreamId.PowerPrice), RandomStreamId.PowerPrice, firstPath, year, 0, 0, priceFactors);
        LogNormalFactors(scenario.ElectricitySigma, priceFactors);
        if (cache is not null && cache.TryGet(firstIndex, firstPath, count, out var cached))
        {
            // The warming and sea-level normals are read where they are kept; the shocks pass through.
            cached.Slice(2 * BlockSize, count).CopyTo(carbon);
            cached.Slice(3 * BlockSize, count).CopyTo(grid);
            DriversBlock(yearIndex, cached.Slice(0, count), cached.Slice(BlockSize, count), warming, seaLevel, carbon, grid, priceFactors, frequency, windIntensities, cached.Slice(4 * BlockSize, count), default);
        }
        else
        {
            PhiloxBatch.Normals(rng.KeyFor(RandomStreamId.Warming), RandomStreamId.Warming, firstPath, 0, 0, 0, warming);
            PhiloxBatch.Normals(rng.KeyFor(RandomStreamId.SeaLevel), RandomStreamId.SeaLevel, firstPath, 0, 0, 0, seaLevel);
            PhiloxBatch.Normals(rng.KeyFor(RandomStreamId.Carbon), RandomStreamId.Carbon, firstPath, 0, 0, 0, carbon);
            PhiloxBatch.Normals(rng.KeyFor(RandomStreamId.Grid), RandomStreamId.Grid, firstPath, 0, 0, 0, grid);
            LogNormalFactors(scenario.CarbonPriceSigma, carbon);
            LogNormalFactors(scenario.GridSigma, grid);
            Span<double> keptBase = default;
            if (cache is not null)
            {
                var rows = cache.RowsFor(firstIndex);
                warming.CopyTo(rows);
                seaLevel.CopyTo(rows.Slice(BlockSize));
                carbon.CopyTo(rows.Slice(2 * BlockSize));
                grid.CopyTo(rows.Slice(3 * BlockSize));
                keptBase = rows.Slice(4 * BlockSize, count);
                cache.MarkFilled(firstIndex, firstPath, count);
            }

            DriversBlock(yearIndex, warming, seaLevel, warming, seaLevel, carbon, grid, priceFactors, frequency, windIntensities, default, keptBase);
        }

        CorrelateBlock(RandomStreamId.HeatAnomaly, firstPath, count, year, _scenario.Heat, scratch.IndependentBlock, scratch.HeatBlock);
        CorrelateBlock(RandomStreamId.Flood, firstPath, count, year, _scenario.Flood, scratch.IndependentBlock, scratch.FloodBlock);
        CorrelateBlock(RandomStreamId.Surge, firstPath, count, year, _scenario.Surge, scratch.IndependentBlock, scratch.SurgeBlock);
        CorrelateBlock(RandomStreamId.Wind, firstPath, count, year, _scenario.Wind, scratch.IndependentBlock, scratch.WindBlock);

        var b = _buffers;
        var portfolio = _sites.Length;
        var discount = _scenario.Discount[yearIndex];

        // The portfolio's rows are summed in scratch (in cache) and stored once like a site's.
        // A summed row is started by the first site row added to it (+0 + 1 · x, unread: the
        // bits of an add to a cleared row) and cleared after the sites only if none was.
        var portfolioRows = scratch.PortfolioMetrics;
        var formPortfolio = _siteRows is null;
        var portfolioStarted = 0UL;

        var driftEnergy = scratch.DriftEnergyMwh.Slice(0, count);
        var maxSiteLoss = scratch.MaxSiteLossCny.Slice(0, count);
        var anyBreach = scratch.AnyBreach.Slice(0, count);
        driftEnergy.Clear();
        maxSiteLoss.Clear();
        anyBreach.Clear();
        double sumItEnergy = 0;

        var hotDayProbability = scratch.HotDayProbability.Slice(0, count);
        var hotDaysPmf0 = scratch.HotDaysPmf0.Slice(0, count);
        var droughtPmf0 = scratch.DroughtPmf0.Slice(0, count);
        var hotDaysU = scratch.HotDaysU.Slice(0, count);
        var droughtU = scratch.DroughtU.Slice(0, count);
        var floodExceedance = scratch.FloodExceedance.Slice(0, count);
        var surgeQuantile = scratch.SurgeQuantileM.Slice(0, count);
        var gustQuantile = scratch.GustQuantileMs.Slice(0, count);

        // Flood exceedance Φ(−z) and the surge quantile of Φ(z): only for the paths that can reach
        // damage (PathKernel.Tails.cs); the others get a stand-in with the same outcome. Every
        // site's damage draws are listed first and solved in one call.
        // The drivers' extremes the bounds need are the block's, the same for every site.
        var largestFrequency = LargestPositive(frequency);
        var highestSeaLevel = Range(seaLevel).Largest;
        var intensityRange = Range(windIntensities);
        var inundations = 0;
        for (var s = 0; s < _sites.Length; s++)
        {
            var plan = _sites[s];
            if (plan.Site.Flood is not null)
            {
                TailTransform(scratch.FloodBlock.Slice(s * BlockSize, count), -1, FloodTailFrom(plan, largestFrequency), double.PositiveInfinity, floodExceedance, scratch, default(NoTransform));
            }

            if (plan.Site.Surge is { } surge)
            {
                TailTransform(scratch.SurgeBlock.Slice(s * BlockSize, count), 1, SurgeTailFrom(plan.SurgeLevels, surge.DefenceCrestM, SubsidenceM(surge, year), highestSeaLevel), double.NegativeInfinity, surgeQuantile, scratch, new GevTransform(surge));
            }

            inundations = ListInundations(s, year, firstPath, count, scratch, inundations);
        }

        SolveInundations(0, inundations, scratch);

        for (var s = 0; s < _sites.Length; s++)
        {
            var plan = _sites[s];
            var site = plan.Site;
            var key = plan.Key;
            var heatAnomaly = scratch.HeatBlock.Slice(s * BlockSize, count);

            // The batched transforms of this site's draws.
            SiteTransformsBlock(site, warming, heatAnomaly, hotDayProbability, droughtPmf0);
            VectorNormal.Cdf(hotDayProbability, hotDayProbability);

            // The Poisson searches start from p(0) = e^(−λ), exponentiated for the whole block.
            LaneLoop.Multiply(SummerDays, hotDayProbability, hotDaysPmf0);

            VectorQuantiles.ExpNegative(hotDaysPmf0, hotDaysPmf0);
            PhiloxBatch.Uniforms(rng.KeyFor(RandomStreamId.HotDays), RandomStreamId.HotDays, firstPath, year, key, 0, hotDaysU);
            if (plan.IsWaterCooled)
            {
                VectorQuantiles.ExpNegative(droughtPmf0, droughtPmf0);
                PhiloxBatch.Uniforms(rng.KeyFor(RandomStreamId.Drought), RandomStreamId.Drought, firstPath, year, key, 0, droughtU);
            }
            else
            {
                // Restricted days cost only a water-cooled site (Totals) and nothing else reads
                // them, so no draw: p(0) = 1 makes every count 0 (the stream is counter-based, so
                // no other draw moves).
                droughtPmf0.Fill(1);
                droughtU.Fill(0.5);
            }
            // The gust quantile of Φ(z), likewise only above the tail bound.
            if (site.Wind is { } wind)
            {
                TailTransform(scratch.WindBlock.Slice(s * BlockSize, count), 1, WindTailFrom(plan.Gusts, wind.VBiMs, intensityRange), 0, gustQuantile, scratch, new GumbelTransform(wind));
            }

            ref readonly var constants = ref SiteYearOf(s, yearIndex);
            sumItEnergy += constants.ItEnergyMwh;
            SiteRows(s, constants, count, scratch, firstPath, year, drawShortfallUniforms: true, scratch.HeatBlock.Slice(s * BlockSize, BlockSize));
            if (!formPortfolio)
            {
                _siteRows!(s, scratch.SiteMetrics, count);
                MultiplyAdd(discount, scratch.SiteMetrics.Slice((int)Metric.TotalClimateCostCny * BlockSize, count), b.Npv.Slice((s * b.Paths) + firstIndex, count), startNpvs);
                continue;
            }

            StoreEntity(s, scratch.SiteMetrics, scratch.SiteOccurrenceCny, firstIndex, count, discount, skipRepeatedRows, storeOccurrence, startNpvs, _repeatedRows[s] | scratch.RowsStillZero, ref portfolioStarted, mapRows, portfolioRows);
            if (mapRows)
            {
                StreamRow(scratch.ClimatePue.Slice(0, count), b.ClimatePue.Slice((s * b.Paths) + firstIndex, count));
            }
        }

        if (!formPortfolio)
        {
            return;
        }

        for (var unstarted = SummedRows & ~portfolioStarted; unstarted != 0; unstarted &= unstarted - 1)
        {
            portfolioRows.Slice(BitOperations.TrailingZeroCount(unstarted) * BlockSize, count).Clear();
        }

        // Portfolio: per-path sums across sites, so cross-site correlation shows; PUE and drift
        // are IT-energy weighted, the breach indicator is "any site in breach".
        var portfolioPue = portfolioRows.Slice((int)Metric.Pue * BlockSize, count);
        var portfolioEnergy = portfolioRows.Slice((int)Metric.FacilityEnergyMwh * BlockSize, count);
        var portfolioDrift = portfolioRows.Slice((int)Metric.PueDrift * BlockSize, count);
        anyBreach.CopyTo(portfolioRows.Slice((int)Metric.PueLimitBreach * BlockSize, count));
        LaneLoop.Divide(portfolioEnergy, sumItEnergy, portfolioPue);
        LaneLoop.Divide(driftEnergy, sumItEnergy, portfolioDrift);

        StoreEntity(portfolio, portfolioRows, scratch.MaxSiteLossCny, firstIndex, count, discount, skipRepeatedRows, storeOccurrence, startNpvs, _repeatedRows[portfolio], ref portfolioStarted);

        // The rows went out by non-temporal stores (StreamRow), which are weakly ordered.
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            System.Runtime.Intrinsics.X86.Sse.StoreFence();
        }
    }

    /// <summary>
    /// The scalar reference of <see cref="EvaluateBlock"/>: one path, one generator call and one
    /// Φ, Φ⁻¹, exp or quantile per draw. It shares the model arithmetic (<see cref="Drivers"/>,
    /// <see cref="SiteRows"/> on rows holding this one path) with the block kernel, so comparing
    /// the two checks the vector draws, the batched transforms and the block bookkeeping.
    /// </summary>
    public void Evaluate(int pathIndex, long path, int yearIndex, int year, KernelScratch scratch)
    {
        var b = _buffers;
        if ((uint)pathIndex >= (uint)b.Paths)
        {
            throw new ArgumentOutOfRangeException(nameof(pathIndex), pathIndex, $"Column {pathIndex} lies outside the {b.Paths} paths of the buffers.");
        }

        var rng = _rng;
        var scenario = _scenario.Scenario;
        var drivers = Drivers(
            yearIndex,
            rng.Normal(RandomStreamId.Warming, path, 0, 0, 0),
            rng.Normal(RandomStreamId.SeaLevel, path, 0, 0, 0),
            LogNormalFactor(scenario.CarbonPriceSigma, rng.Normal(RandomStreamId.Carbon, path, 0, 0, 0)),
            LogNormalFactor(scenario.GridSigma, rng.Normal(RandomStreamId.Grid, path, 0, 0, 0)),
            LogNormalFactor(scenario.ElectricitySigma, rng.Normal(RandomStreamId.PowerPrice, path, year, 0, 0)));

        Correlate(RandomStreamId.HeatAnomaly, path, year, _scenario.Heat, scratch.Independent, scratch.Heat);
        Correlate(RandomStreamId.Flood, path, year, _scenario.Flood, scratch.Independent, scratch.Flood);
        Correlate(RandomStreamId.Surge, path, year, _scenario.Surge, scratch.Independent, scratch.Surge);
        Correlate(RandomStreamId.Wind, path, year, _scenario.Wind, scratch.Independent, scratch.Wind);

        var values = b.Values;
        var portfolio = _sites.Length;
        var discount = _scenario.Discount[yearIndex];
        // The site arithmetic is the block kernel's, on rows holding this one path.
        scratch.GlobalWarmingC[0] = drivers.GlobalWarmingC;
        scratch.SeaLevelRiseM[0] = drivers.SeaLevelRiseM;
        scratch.CarbonShock[0] = drivers.CarbonShock;
        scratch.GridShock[0] = drivers.GridShock;
        scratch.PriceFactor[0] = drivers.PriceFactor;
        scratch.FrequencyMultiplier[0] = drivers.FrequencyMultiplier;
        scratch.WindIntensity[0] = drivers.WindIntensity;
        scratch.DriftEnergyMwh[0] = 0;
        scratch.MaxSiteLossCny[0] = 0;
        scratch.AnyBreach[0] = 0;
        double sumItEnergy = 0;
        for (var s = 0; s < _sites.Length; s++)
        {
            var plan = _sites[s];
            var site = plan.Site;
            var key = plan.Key;
            var hotDayProbability = VectorNormal.Cdf(HotDayZ(site, drivers.GlobalWarmingC, scratch.Heat[s]));
            scratch.SiteHeatAnomaly[0] = scratch.Heat[s];
            scratch.HotDayProbability[0] = hotDayProbability;
            scratch.HotDaysPmf0[0] = VectorQuantiles.ExpNegative(SummerDays * hotDayProbability);
            scratch.HotDaysU[0] = rng.Uniform(RandomStreamId.HotDays, path, year, key, 0);
            scratch.ShortfallU[0] = rng.Uniform(RandomStreamId.HotDays, path, year, key, 1);
            scratch.DroughtPmf0[0] = VectorQuantiles.ExpNegative(DroughtRate(site, drivers.GlobalWarmingC));
            scratch.DroughtU[0] = rng.Uniform(RandomStreamId.Drought, path, year, key, 0);
            scratch.FloodExceedance[0] = site.Flood is null ? 0 : VectorNormal.Cdf(-scratch.Flood[s]);
            scratch.SurgeQuantileM[0] = site.Surge is { } surge ? VectorQuantiles.Gev(surge.GevLocationM, surge.GevScaleM, surge.GevShape, VectorNormal.Cdf(scratch.Surge[s])) : 0;
            var firstInundation = scratch.InundationStart(s);
            SolveInundations(firstInundation, ListInundations(s, year, path, 1, scratch, firstInundation), scratch);
            scratch.GustQuantileMs[0] = site.Wind is { } wind ? VectorQuantiles.Gumbel(wind.GumbelLocationMs, wind.GumbelScaleMs, VectorNormal.Cdf(scratch.Wind[s])) : 0;
            var constants = new SiteYear(plan, _scenario, yearIndex);
            sumItEnergy += constants.ItEnergyMwh;
            SiteRows(s, constants, 1, scratch, path, year, drawShortfallUniforms: false, scratch.SiteHeatAnomaly);
            var noPortfolio = 0UL;
            StoreEntity(s, scratch.SiteMetrics, scratch.SiteOccurrenceCny, pathIndex, 1, discount, skipRepeatedRows: false, storeOccurrence: true, startNpvs: false, repeatedRows: 0, ref noPortfolio);
        }

        var sumDriftEnergy = scratch.DriftEnergyMwh[0];
        var maxSiteLoss = scratch.MaxSiteLossCny[0];
        var anyBreach = scratch.AnyBreach[0];

        // Portfolio: per-path sums across sites in site order, so cross-site correlation shows;
        // PUE and drift are IT-energy weighted, the breach indicator is "any site in breach".
        for (var m = 0; m < MetricNames.Count; m++)
        {
            var sum = 0.0;
            for (var s = 0; s < _sites.Length; s++)
            {
                sum += values[b.Offset((Metric)m, s) + pathIndex];
            }

            values[b.Offset((Metric)m, portfolio) + pathIndex] = sum;
        }

        values[b.Offset(Metric.Pue, portfolio) + pathIndex] = values[b.Offset(Metric.FacilityEnergyMwh, portfolio) + pathIndex] / sumItEnergy;
        values[b.Offset(Metric.PueDrift, portfolio) + pathIndex] = sumDriftEnergy / sumItEnergy;
        values[b.Offset(Metric.PueLimitBreach, portfolio) + pathIndex] = anyBreach;
        b.Occurrence[(portfolio * b.Paths) + pathIndex] = maxSiteLoss;
        b.Npv[(portfolio * b.Paths) + pathIndex] += values[b.Offset(Metric.TotalClimateCostCny, portfolio) + pathIndex] * discount;
    }

    /// <summary>The standardised summer maximum against the site's critical temperature, whose Φ is the hot-day probability (MODEL §5).</summary>
    private static double HotDayZ(Site site, double globalWarmingC, double heatAnomaly)
    {
        var climate = site.Climate;
        var shift = (site.LandAmplification * globalWarmingC) + (climate.InterannualSdC * heatAnomaly);
        return (climate.SummerTmaxMeanC + shift - site.Heat.TCritC) / climate.SummerTmaxSdC;
    }

    /// <summary>
    /// The path's climate and transition drivers for the year (MODEL §3, §10), from its
    /// path-level standard normal draws of warming and sea level and its mean-one lognormal
    /// shocks (<see cref="LogNormalFactor"/>) of carbon price, grid factor and power price.
    /// </summary>
    private PathDrivers Drivers(int yearIndex, double zWarming, double zSeaLevel, double carbonShock, double gridShock, double priceShock)
    {
        var sp = _scenario;
        var scenario = sp.Scenario;
        var warmingNow = sp.GsatMedian[yearIndex] + (zWarming * sp.GsatSigma[yearIndex]);
        var warmingBase = sp.GsatMedian0 + (zWarming * sp.GsatSigma0);
        var globalWarmingSinceBase = warmingNow - warmingBase;
        return new PathDrivers(
            globalWarmingSinceBase,
            sp.SlrMedianDelta[yearIndex] + (zSeaLevel * sp.SlrSigmaDelta[yearIndex]),
            carbonShock,
            gridShock,
            sp.Escalation[yearIndex] * priceShock,
            Math.Max(_heavyPrecipitation.At(warmingNow), 1e-9) / BaseMultiplier(zWarming),
            1 + (scenario.TyphoonIntensityPerC * globalWarmingSinceBase));
    }

    /// <summary>
    /// Copies entity <paramref name="entity"/>'s metric rows (<paramref name="rows"/>, [metric · B + path
    /// in block]) and occurrence loss into buffer columns [<paramref name="firstIndex"/>, + <paramref name="count"/>),
    /// adds its discounted total to the running NPV and, when asked, its statement effects to the
    /// financial NPVs. With <paramref name="skipRepeatedRows"/> a row of one value repeated is not
    /// copied but marked (see <see cref="EvaluateBlock"/>); otherwise its mark is cleared. The rows
    /// in <paramref name="repeatedRows"/> (bits by metric) are known to be one value repeated
    /// (<see cref="RepeatedRows(SitePlan)"/>, <see cref="RowsStillZero"/>) and marked from their first value.
    /// </summary>
    /// <remarks>
    /// For a site, <c>portfolio</c> holds the portfolio's rows of the block ([metric · B + path in
    /// block]), and each of the site's <see cref="SummedRows"/> is added to it right after it is
    /// stored, while it is still in the first-level cache (the 31 rows of a block, 62 KB, are
    /// twice that cache: added after all of them were stored, each came back from the second
    /// level) — no faster measured, but one pass over the block's rows fewer (docs/performance.md,
    /// seventeenth session, item 3). Empty for the portfolio itself. <paramref name="portfolioStarted"/>
    /// marks (bits by metric) the portfolio rows a site has started: the first site row added to a
    /// portfolio row sets it to +0 + x without reading it, the bits of an add to a cleared row.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StoreEntity(int entity, ReadOnlySpan<double> rows, ReadOnlySpan<double> occurrence, int firstIndex, int count, double discount, bool skipRepeatedRows, bool storeOccurrence, bool startNpvs, ulong repeatedRows, ref ulong portfolioStarted, bool mapRows = false, Span<double> portfolio = default)
    {
        var b = _buffers;
        var n = b.Paths;
        var block = firstIndex / BlockSize;
        for (var m = 0; m < MetricNames.Count; m++)
        {
            var bit = MetricBit((Metric)m);
            var row = rows.Slice(m * BlockSize, count);
            var zero = false;
            if (!mapRows || !(PueRows.Holds((Metric)m) || Scope2Rows.Derived((Metric)m)))
            {
                var flag = b.BlockFlag((Metric)m, entity, block);
                var skip = skipRepeatedRows && ((repeatedRows & bit) != 0
                    ? FirstOfRepeated(row, out b.SkippedBits[flag])
                    : RepeatedValue.TryGetBits(row, out b.SkippedBits[flag]));
                b.SkippedBlocks[flag] = skip;
                if (!skip)
                {
                    StreamRow(row, b.Values.Slice(b.Offset((Metric)m, entity) + firstIndex, count));
                }
                else
                {
                    zero = b.SkippedBits[flag] == 0;
                }
            }

            // Sites are added in site order, as the scalar kernel adds them path by path
            // (1 · x is exact, so this is a plain add). A row of +0 adds nothing: the sums
            // start at +0 and a sum is −0 only when both terms are, so p + (+0) is p's bits.
            // About a quarter of the site rows are +0 (perils a site is not exposed to or that
            // missed the block, covers it lacks).
            if (!portfolio.IsEmpty && !zero && (SummedRows & bit) != 0)
            {
                MultiplyAdd(1, row, portfolio.Slice(m * BlockSize, count), start: (portfolioStarted & bit) == 0);
                portfolioStarted |= bit;
            }
        }

        if (storeOccurrence)
        {
            occurrence[..count].CopyTo(b.Occurrence.Slice((entity * n) + firstIndex, count));
        }

        // Prefetched when started too: a store to a line not in cache waits for the line as a load does.
        MultiplyAdd(discount, rows.Slice((int)Metric.TotalClimateCostCny * BlockSize, count), b.Npv.Slice((entity * n) + firstIndex, count), startNpvs);
        PrefetchNextBlock(b.Npv, (entity * n) + firstIndex + BlockSize, Math.Min(BlockSize, n - firstIndex - BlockSize));

        if (_accumulateFinancialNpv)
        {
            FinancialSeries.AccumulateBlock(rows, BlockSize, count, discount, b.FinancialNpv, b.Entities, entity, firstIndex, startNpvs);
        }
    }

    /// <summary>
    /// What <see cref="RepeatedValue.TryGetBits"/> returns for a row known to be one value
    /// repeated (<see cref="RepeatedRows(SitePlan)"/>), from its first value alone: its bits, and
    /// false for NaN as there.
    /// </summary>
    private static bool FirstOfRepeated(ReadOnlySpan<double> row, out long valueBits)
    {
        valueBits = BitConverter.DoubleToInt64Bits(row[0]);
        return !double.IsNaN(row[0]);
    }

    /// <summary>
    /// The metric rows whose portfolio value is the sum over sites; the portfolio's PUE, PUE
    /// drift and breach indicator are made afterwards from IT-energy weights and "any site".
    /// </summary>
    private static readonly ulong SummedRows = ((1UL << MetricNames.Count) - 1)
        & ~(MetricBit(Metric.Pue) | MetricBit(Metric.PueDrift) | MetricBit(Metric.PueLimitBreach));

    /// <summary>
    /// Asks for the lines of <paramref name="values"/>[<paramref name="start"/>, + <paramref name="count"/>)
    /// to be brought into the second-level cache (x86; nothing elsewhere or for count ≤ 0).
    /// </summary>
    /// <remarks>
    /// Why: the running NPV (<see cref="PathBuffers.Npv"/>, [entity][path]) is read and written
    /// back by every block, 2 KB per entity in rows 0.8 MB apart, so each block's slice came
    /// from memory on demand; the worker's next block is usually the next slice.
    /// </remarks>
    private static unsafe void PrefetchNextBlock(Span<double> values, int start, int count)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported || count <= 0)
        {
            return;
        }

        fixed (double* first = values.Slice(start, count))
        {
            for (var i = 0; i < count; i += 64 / sizeof(double))
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch1(first + i);
            }
        }
    }

    /// <summary>
    /// Copies a row into the path buffers with non-temporal stores: the buffers (223 MB a year at
    /// 100,000 paths) are read back only by the reduction, after every block is written, so
    /// caching them on the way only costs a read of each line before it is overwritten. The
    /// caller fences (<see cref="System.Runtime.Intrinsics.X86.Sse.StoreFence"/>) before the
    /// values are read on another thread. Rows shorter than 64 values, or without AVX, are
    /// copied as usual.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void StreamRow(ReadOnlySpan<double> row, Span<double> destination)
    {
        var n = row.Length;
        if (destination.Length < n)
        {
            throw new ArgumentException("The destination is shorter than the row.", nameof(destination));
        }

        var avx512 = System.Runtime.Intrinsics.X86.Avx512F.IsSupported;
        if (!(avx512 || System.Runtime.Intrinsics.X86.Avx.IsSupported) || n < 64)
        {
            row.CopyTo(destination);
            return;
        }

        fixed (double* s = row)
        fixed (double* d = destination)
        {
            // Plain stores up to the first 64-byte line boundary, then whole aligned lines.
            var head = (int)((64 - ((nuint)d & 63)) & 63) / sizeof(double);
            var i = 0;
            for (; i < head; i++)
            {
                d[i] = s[i];
            }

            if (avx512)
            {
                for (; i <= n - 8; i += 8)
                {
                    System.Runtime.Intrinsics.X86.Avx512F.StoreAlignedNonTemporal(d + i, System.Runtime.Intrinsics.X86.Avx512F.LoadVector512(s + i));
                }
            }
            else
            {
                // A line in two 32-byte halves: without AVX-512 the rows went through the caches
                // by memmove (a Zen 3: its largest kernel leaf after Philox).
                for (; i <= n - 8; i += 8)
                {
                    System.Runtime.Intrinsics.X86.Avx.StoreAlignedNonTemporal(d + i, System.Runtime.Intrinsics.X86.Avx.LoadVector256(s + i));
                    System.Runtime.Intrinsics.X86.Avx.StoreAlignedNonTemporal(d + i + 4, System.Runtime.Intrinsics.X86.Avx.LoadVector256(s + i + 4));
                }
            }

            for (; i < n; i++)
            {
                d[i] = s[i];
            }
        }
    }

    /// <summary>exp(σz − σ²/2): a mean-one lognormal factor (the vector exp, as <see cref="LogNormalFactors"/>).</summary>
    private static double LogNormalFactor(double sigma, double z) => VectorMath.Exp((sigma * z) - (0.5 * sigma * sigma));

    /// <summary>z[p] ← exp(σz[p] − σ²/2) over a block, bit for bit <see cref="LogNormalFactor"/>.</summary>
    private static void LogNormalFactors(double sigma, Span<double> z)
    {
        for (var p = 0; p < z.Length; p++)
        {
            z[p] = (sigma * z[p]) - (0.5 * sigma * sigma);
        }

        VectorMath.Exp(z, z);
    }

    /// <summary>λ of the year's drought-restriction days (MODEL §9): the site's base rate raised by 10 % per °C of local warming.</summary>
    private static double DroughtRate(Site site, double globalWarmingC)
        => site.Drought.RestrictionDaysPerYear * Math.Max(0, 1 + (DroughtWarmingSensitivity * (site.LandAmplification * globalWarmingC)));

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CorrelateBlock(RandomStreamId stream, long firstPath, int count, int year, Copula copula, Span<double> independent, Span<double> correlated)
    {
        var members = copula.Members;
        var cholesky = copula.Factor;
        var n = members.Length;
        for (var i = 0; i < n; i++)
        {
            PhiloxBatch.Normals(_rng.KeyFor(stream), stream, firstPath, year, _sites[members[i]].Key, 0, independent.Slice(i * BlockSize, count));
        }

        for (var i = 0; i < n; i++)
        {
            // The first term starts the sum (+0 + L_i0 · x_0, unread) where a clear and an add
            // did the same: the same bits, one pass over the row fewer.
            var y = correlated.Slice(members[i] * BlockSize, count);
            var row = i * n;
            for (var j = 0; j <= i; j++)
            {
                MultiplyAdd(cholesky[row + j], independent.Slice(j * BlockSize, count), y, start: j == 0);
            }
        }
    }

    /// <summary>
    /// destination[p] += a · x[p], or with <paramref name="start"/> destination[p] = +0 + a · x[p]
    /// without reading it (<see cref="IAccumulation"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAdd(double a, ReadOnlySpan<double> x, Span<double> destination, bool start)
    {
        if (start)
        {
            MultiplyInto<IAccumulation.Start>(a, x, destination);
        }
        else
        {
            MultiplyInto<IAccumulation.Add>(a, x, destination);
        }
    }

    /// <summary>destination[p] += a · x[p].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MultiplyAdd(double a, ReadOnlySpan<double> x, Span<double> destination) => MultiplyInto<IAccumulation.Add>(a, x, destination);

    /// <summary>
    /// destination[p] += a · x[p] (<typeparamref name="TStep"/> <see cref="IAccumulation.Add"/>) or
    /// = +0 + a · x[p] unread (<see cref="IAccumulation.Start"/>), as a multiply then an add (never
    /// fused, so each lane rounds exactly as the scalar <c>sum += a * x</c>); Vector512, then
    /// Vector256 body with a scalar tail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void MultiplyInto<TStep>(double a, ReadOnlySpan<double> x, Span<double> destination)
        where TStep : struct, IAccumulation
    {
        if (destination.Length < x.Length)
        {
            throw new ArgumentException("The destination is shorter than x.", nameof(destination));
        }

        ref readonly var xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref var dr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var va = Vector512.Create(a);
            for (; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var sum = TStep.Starts ? Vector512<double>.Zero : Vector512.LoadUnsafe(ref dr, (nuint)i);
                (sum + (va * Vector512.LoadUnsafe(in xr, (nuint)i))).StoreUnsafe(ref dr, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(a);
            for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var sum = TStep.Starts ? Vector256<double>.Zero : Vector256.LoadUnsafe(ref dr, (nuint)i);
                (sum + (va * Vector256.LoadUnsafe(in xr, (nuint)i))).StoreUnsafe(ref dr, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            destination[i] = (TStep.Starts ? 0.0 : destination[i]) + (a * x[i]);
        }
    }

    /// <summary>A path's drivers for one year (see <see cref="Drivers"/>).</summary>
    private readonly record struct PathDrivers(
        double GlobalWarmingC,
        double SeaLevelRiseM,
        double CarbonShock,
        double GridShock,
        double PriceFactor,
        double FrequencyMultiplier,
        double WindIntensity);

    /// <summary>Site <paramref name="s"/>'s constants of year <paramref name="yearIndex"/>, from <see cref="_siteYears"/>.</summary>
    private ref readonly SiteYear SiteYearOf(int s, int yearIndex) => ref _siteYears[(yearIndex * _sites.Length) + s];

    /// <summary>A site's constants for one year, read once per site and block rather than per path.</summary>
    private readonly struct SiteYear(SitePlan plan, ScenarioPlan scenario, int yearIndex)
    {
        public double ItEnergyMwh { get; } = plan.ItEnergyMwh[yearIndex];

        public double PlannedPueChange { get; } = plan.PlannedChange[yearIndex];

        public double RenewableShare { get; } = plan.RenewableShare[yearIndex];

        public double LimitPue { get; } = plan.LimitPue[yearIndex];

        public double Tier2Pue { get; } = plan.Tier2Pue[yearIndex];

        public double RateCnyPerMwh { get; } = plan.RateCnyPerMwh[yearIndex];

        public double Tier2RateCnyPerMwh { get; } = plan.Tier2RateCnyPerMwh[yearIndex];

        public double CarbonCoverage { get; } = scenario.Coverage[yearIndex];

        public double CarbonPriceCnyPerT { get; } = scenario.CarbonPrice[yearIndex];

        public double GridMultiplier { get; } = scenario.GridMultiplier(plan.Site.Grid)[yearIndex];

        /// <summary>(1 − coverage_k(t)) · cov_j(t) · P_j(t): the pilot prices what the national scheme does not yet cover.</summary>
        public double PilotCarbonCnyPerT { get; } = (1 - scenario.Coverage[yearIndex]) * plan.PilotCarbonCnyPerT[yearIndex];

        public double PremiumCnyPerMwh { get; } = scenario.Premium[yearIndex];

        public double BiCnyPerDay { get; } = plan.Site.BiCnyPerDay * (1 - plan.Site.Failover);
    }
}
