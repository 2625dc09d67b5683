namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Per-thread work space of the kernel, allocated once per thread and reused for every block:
/// the block's draws and per-path drivers as structure-of-arrays, one row of
/// <see cref="PathKernel.BlockSize"/> values per quantity (and per site where it varies by site).
/// Nothing is allocated per path or per block. The block rows lie in one allocation
/// (<see cref="PathMemory.Allocate"/>) and start on 64-byte lines, so a register's load or
/// store never spans two.
/// </summary>
internal sealed class KernelScratch
{
    private const int B = PathKernel.BlockSize;

    /// <summary>128 bytes of slack before and after a worker's rows.</summary>
    private const int SlabGuardDoubles = 16;

    private readonly ArraySegment<double> _globalWarmingC;
    private readonly ArraySegment<double> _seaLevelRiseM;
    private readonly ArraySegment<double> _carbonShock;
    private readonly ArraySegment<double> _gridShock;
    private readonly ArraySegment<double> _priceFactor;
    private readonly ArraySegment<double> _frequencyMultiplier;
    private readonly ArraySegment<double> _windIntensity;
    private readonly ArraySegment<double> _hotDayProbability;
    private readonly ArraySegment<double> _hotDaysU;
    private readonly ArraySegment<double> _shortfallU;
    private readonly ArraySegment<double> _droughtU;
    private readonly ArraySegment<double> _floodExceedance;
    private readonly ArraySegment<double> _hotDaysPmf0;
    private readonly ArraySegment<double> _droughtPmf0;
    private readonly ArraySegment<double> _surgeQuantileM;
    private readonly ArraySegment<double> _gustQuantileMs;
    private readonly ArraySegment<double> _siteHeatAnomaly;
    private readonly ArraySegment<double> _climatePue;
    private readonly ArraySegment<double> _priceCnyPerMwh;
    private readonly ArraySegment<double> _hotDays;
    private readonly ArraySegment<double> _restrictedDays;
    private readonly ArraySegment<double> _surgeLevelM;
    private readonly ArraySegment<double> _siteOccurrenceCny;
    private readonly ArraySegment<double> _tailDraws;
    private readonly ArraySegment<double> _siteMetrics;
    private readonly ArraySegment<double> _portfolioMetrics;
    private readonly ArraySegment<double> _driftEnergyMwh;
    private readonly ArraySegment<double> _maxSiteLossCny;
    private readonly ArraySegment<double> _anyBreach;
    private readonly ArraySegment<double> _independentBlock;
    private readonly ArraySegment<double> _heatBlock;
    private readonly ArraySegment<double> _floodBlock;
    private readonly ArraySegment<double> _surgeBlock;
    private readonly ArraySegment<double> _windBlock;
    private readonly ArraySegment<double> _inundationMean;
    private readonly ArraySegment<double> _inundationSd;
    private readonly ArraySegment<double> _inundationRatio;

    public KernelScratch(int sites)
    {
        // One slab for all of a worker's block rows. Allocated one by one, the two workers' rows
        // (made at the same moment) came out side by side on the pinned heap and the two-worker
        // kernel was a tenth slower (docs/performance.md, tenth session); in one slab each
        // worker's rows are its own, and the guards keep a neighbouring allocation's lines off
        // this one's 128-byte pairs. Its rows:
        // 27 of one block, the site's and the portfolio's metric rows, and per site the five
        // correlated draws and the three inundation lists of two blocks; checked below.
        var slab = PathMemory.Allocate(((27 + (2 * MetricNames.Count) + (11 * sites)) * B) + (2 * SlabGuardDoubles));
        var used = SlabGuardDoubles;
        _globalWarmingC = Take(slab, ref used, B);
        _seaLevelRiseM = Take(slab, ref used, B);
        _carbonShock = Take(slab, ref used, B);
        _gridShock = Take(slab, ref used, B);
        _priceFactor = Take(slab, ref used, B);
        _frequencyMultiplier = Take(slab, ref used, B);
        _windIntensity = Take(slab, ref used, B);
        _hotDayProbability = Take(slab, ref used, B);
        _hotDaysU = Take(slab, ref used, B);
        _shortfallU = Take(slab, ref used, B);
        _droughtU = Take(slab, ref used, B);
        _floodExceedance = Take(slab, ref used, B);
        _hotDaysPmf0 = Take(slab, ref used, B);
        _droughtPmf0 = Take(slab, ref used, B);
        _surgeQuantileM = Take(slab, ref used, B);
        _gustQuantileMs = Take(slab, ref used, B);
        _siteHeatAnomaly = Take(slab, ref used, B);
        _climatePue = Take(slab, ref used, B);
        _priceCnyPerMwh = Take(slab, ref used, B);
        _hotDays = Take(slab, ref used, B);
        _restrictedDays = Take(slab, ref used, B);
        _surgeLevelM = Take(slab, ref used, B);
        _siteOccurrenceCny = Take(slab, ref used, B);
        _tailDraws = Take(slab, ref used, B);
        _siteMetrics = Take(slab, ref used, MetricNames.Count * B);
        _portfolioMetrics = Take(slab, ref used, MetricNames.Count * B);
        _driftEnergyMwh = Take(slab, ref used, B);
        _maxSiteLossCny = Take(slab, ref used, B);
        _anyBreach = Take(slab, ref used, B);
        _independentBlock = Take(slab, ref used, sites * B);
        _heatBlock = Take(slab, ref used, sites * B);
        _floodBlock = Take(slab, ref used, sites * B);
        _surgeBlock = Take(slab, ref used, sites * B);
        _windBlock = Take(slab, ref used, sites * B);
        _inundationMean = Take(slab, ref used, sites * 2 * B);
        _inundationSd = Take(slab, ref used, sites * 2 * B);
        _inundationRatio = Take(slab, ref used, sites * 2 * B);
        if (used + SlabGuardDoubles != slab.Count)
        {
            throw new InvalidOperationException("The slab's size does not match its rows.");
        }

        Independent = new double[sites];
        Heat = new double[sites];
        Flood = new double[sites];
        Surge = new double[sites];
        Wind = new double[sites];
        InundationEnd = new int[sites];
        InundationDirectAt = new int[sites * 2 * B];
        InundationBiAt = new int[sites * 2 * B];
    }

    // Scalar reference kernel (one path): the correlated normals by site.
    public double[] Independent { get; }

    public double[] Heat { get; }

    public double[] Flood { get; }

    public double[] Surge { get; }

    public double[] Wind { get; }

    // Block kernel: [site · B + path in block].
    public Span<double> IndependentBlock => PathMemory.Span(_independentBlock);

    public Span<double> HeatBlock => PathMemory.Span(_heatBlock);

    public Span<double> FloodBlock => PathMemory.Span(_floodBlock);

    public Span<double> SurgeBlock => PathMemory.Span(_surgeBlock);

    public Span<double> WindBlock => PathMemory.Span(_windBlock);

    // Block kernel: path-level drivers, [path in block].
    public Span<double> GlobalWarmingC => PathMemory.Span(_globalWarmingC);

    public Span<double> SeaLevelRiseM => PathMemory.Span(_seaLevelRiseM);

    /// <summary>The carbon-price shock exp(σ_c z − σ_c²/2); the median path multiplies it per site.</summary>
    public Span<double> CarbonShock => PathMemory.Span(_carbonShock);

    /// <summary>The grid-factor shock exp(σ_g z − σ_g²/2); the grid's multiplier path multiplies it per site.</summary>
    public Span<double> GridShock => PathMemory.Span(_gridShock);

    public Span<double> PriceFactor => PathMemory.Span(_priceFactor);

    public Span<double> FrequencyMultiplier => PathMemory.Span(_frequencyMultiplier);

    public Span<double> WindIntensity => PathMemory.Span(_windIntensity);

    // Block kernel: one site's transformed draws, reused site after site.
    public Span<double> HotDayProbability => PathMemory.Span(_hotDayProbability);

    public Span<double> HotDaysU => PathMemory.Span(_hotDaysU);

    /// <summary>The shortfall uniforms of the heat list's paths, at their index in <see cref="HeatList"/> (not by path).</summary>
    public Span<double> ShortfallU => PathMemory.Span(_shortfallU);

    public Span<double> DroughtU => PathMemory.Span(_droughtU);

    public Span<double> FloodExceedance => PathMemory.Span(_floodExceedance);

    /// <summary>e^(−λ) of the hot-day count.</summary>
    public Span<double> HotDaysPmf0 => PathMemory.Span(_hotDaysPmf0);

    /// <summary>e^(−λ) of the drought-restriction count.</summary>
    public Span<double> DroughtPmf0 => PathMemory.Span(_droughtPmf0);

    /// <summary>The GEV quantile of the surge draw (m), before sea-level rise and subsidence.</summary>
    public Span<double> SurgeQuantileM => PathMemory.Span(_surgeQuantileM);

    /// <summary>The Gumbel quantile of the gust draw (m/s), before the intensity factor.</summary>
    public Span<double> GustQuantileMs => PathMemory.Span(_gustQuantileMs);

    /// <summary>The scalar reference kernel's heat anomaly of its one path and site (the block kernel reads the site's row of <see cref="HeatBlock"/>).</summary>
    public Span<double> SiteHeatAnomaly => PathMemory.Span(_siteHeatAnomaly);

    // The site arithmetic (PathKernel.Lanes): intermediate rows, the metric rows and the lists
    // of paths finished one at a time.

    /// <summary>A_s(Δ): the PUE curve at the path's local shift.</summary>
    public Span<double> ClimatePue => PathMemory.Span(_climatePue);

    /// <summary>The electricity price with carbon pass-through, CNY/MWh.</summary>
    public Span<double> PriceCnyPerMwh => PathMemory.Span(_priceCnyPerMwh);

    public Span<double> HotDays => PathMemory.Span(_hotDays);

    public Span<double> RestrictedDays => PathMemory.Span(_restrictedDays);

    /// <summary>The surge's still-water level against the crest, m.</summary>
    public Span<double> SurgeLevelM => PathMemory.Span(_surgeLevelM);

    public Span<double> SiteOccurrenceCny => PathMemory.Span(_siteOccurrenceCny);

    /// <summary>The paths of a block whose flood, surge or wind draw is transformed (<see cref="PathKernel"/>'s tail bounds).</summary>
    public int[] TailList { get; } = new int[B];

    /// <summary>Those paths' draws, gathered, then their transforms.</summary>
    public Span<double> TailDraws => PathMemory.Span(_tailDraws);

    /// <summary>[metric · B + path in block]: one site's metrics.</summary>
    public Span<double> SiteMetrics => PathMemory.Span(_siteMetrics);

    /// <summary>[metric · B + path in block]: the portfolio's metrics, summed over the sites.</summary>
    public Span<double> PortfolioMetrics => PathMemory.Span(_portfolioMetrics);

    public int[] HeatList { get; } = new int[B];

    public int[] DroughtList { get; } = new int[B];

    /// <summary>The first paths of the registers whose Poisson counts need more than the unrolled steps (<c>PathKernel.Counts</c>).</summary>
    public int[] LongCountList { get; } = new int[B];

    public int[] FloodList { get; } = new int[B];

    public int[] SurgeList { get; } = new int[B];

    // The block's flood and surge damage draws of every site (MODEL §6–7), listed site by site
    // so that they are solved in one call: site s holds entries [InundationEnd[s − 1], InundationEnd[s]).

    /// <summary>The end of each site's entries in the inundation lists.</summary>
    public int[] InundationEnd { get; }

    /// <summary>The current site's rows that are +0 on every path of the block because nothing wrote them (<c>PathKernel.RowsStillZero</c>), as bits by metric.</summary>
    public ulong RowsStillZero { get; set; }

    /// <summary>The paths [0, this) over which <see cref="RowsStillZero"/> holds (the last block's count; 0 while a site's rows are being made).</summary>
    public int RowsStillZeroPaths { get; set; }

    /// <summary>The first of site <paramref name="site"/>'s entries in the inundation lists: the previous site's end.</summary>
    public int InundationStart(int site) => site == 0 ? 0 : InundationEnd[site - 1];

    /// <summary>Per entry, the index of its direct loss in <see cref="SiteMetrics"/>.</summary>
    public int[] InundationDirectAt { get; }

    /// <summary>Per entry, the index of its BI loss in <see cref="SiteMetrics"/>.</summary>
    public int[] InundationBiAt { get; }

    /// <summary>Per entry, the damage curve's mean damage ratio at the depth above the floor (while a site is listed, the depth itself).</summary>
    public Span<double> InundationMean => PathMemory.Span(_inundationMean);

    /// <summary>Per entry, the damage curve's s.d. at the depth above the floor.</summary>
    public Span<double> InundationSd => PathMemory.Span(_inundationSd);

    /// <summary>Per entry, the damage draw's uniform, then (solved in place) its damage ratio.</summary>
    public Span<double> InundationRatio => PathMemory.Span(_inundationRatio);

    // Block kernel: per-path portfolio accumulators.
    public Span<double> DriftEnergyMwh => PathMemory.Span(_driftEnergyMwh);

    public Span<double> MaxSiteLossCny => PathMemory.Span(_maxSiteLossCny);

    public Span<double> AnyBreach => PathMemory.Span(_anyBreach);

    /// <summary>The next <paramref name="length"/> doubles of the slab (a multiple of 8, so every row starts on a line).</summary>
    private static ArraySegment<double> Take(ArraySegment<double> slab, ref int used, int length)
    {
        var row = slab.Slice(used, length);
        used += length;
        return row;
    }
}
