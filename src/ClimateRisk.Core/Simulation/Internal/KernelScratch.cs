namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Per-thread work space of the kernel, allocated once per thread and reused for every block:
/// the block's draws and per-path drivers as structure-of-arrays, one row of
/// <see cref="PathKernel.BlockSize"/> values per quantity (and per site where it varies by site).
/// Nothing is allocated per path or per block. The block rows start on 64-byte lines
/// (<see cref="PathMemory.Allocate"/>), so a register's load or store never spans two.
/// </summary>
internal sealed class KernelScratch
{
    private const int B = PathKernel.BlockSize;

    private readonly ArraySegment<double> _globalWarmingC = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _seaLevelRiseM = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _carbonShock = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _gridShock = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _priceFactor = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _frequencyMultiplier = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _windIntensity = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _hotDayProbability = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _hotDaysU = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _shortfallU = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _droughtU = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _floodExceedance = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _hotDaysPmf0 = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _droughtPmf0 = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _surgeQuantileM = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _gustQuantileMs = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _siteHeatAnomaly = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _climatePue = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _priceCnyPerMwh = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _hotDays = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _restrictedDays = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _surgeLevelM = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _siteOccurrenceCny = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _tailDraws = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _siteMetrics = PathMemory.Allocate(MetricNames.Count * B);
    private readonly ArraySegment<double> _portfolioMetrics = PathMemory.Allocate(MetricNames.Count * B);
    private readonly ArraySegment<double> _driftEnergyMwh = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _maxSiteLossCny = PathMemory.Allocate(B);
    private readonly ArraySegment<double> _anyBreach = PathMemory.Allocate(B);
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
        Independent = new double[sites];
        Heat = new double[sites];
        Flood = new double[sites];
        Surge = new double[sites];
        Wind = new double[sites];
        _independentBlock = PathMemory.Allocate(sites * B);
        _heatBlock = PathMemory.Allocate(sites * B);
        _floodBlock = PathMemory.Allocate(sites * B);
        _surgeBlock = PathMemory.Allocate(sites * B);
        _windBlock = PathMemory.Allocate(sites * B);
        InundationEnd = new int[sites];
        InundationDirectAt = new int[sites * 2 * B];
        InundationBiAt = new int[sites * 2 * B];
        _inundationMean = PathMemory.Allocate(sites * 2 * B);
        _inundationSd = PathMemory.Allocate(sites * 2 * B);
        _inundationRatio = PathMemory.Allocate(sites * 2 * B);
    }

    // Scalar reference kernel (one path): the correlated normals by site.
    public double[] Independent { get; }

    public double[] Heat { get; }

    public double[] Flood { get; }

    public double[] Surge { get; }

    public double[] Wind { get; }

    // Block kernel: [site · B + path in block].
    public Span<double> IndependentBlock => _independentBlock;

    public Span<double> HeatBlock => _heatBlock;

    public Span<double> FloodBlock => _floodBlock;

    public Span<double> SurgeBlock => _surgeBlock;

    public Span<double> WindBlock => _windBlock;

    // Block kernel: path-level drivers, [path in block].
    public Span<double> GlobalWarmingC => _globalWarmingC;

    public Span<double> SeaLevelRiseM => _seaLevelRiseM;

    /// <summary>The carbon-price shock exp(σ_c z − σ_c²/2); the median path multiplies it per site.</summary>
    public Span<double> CarbonShock => _carbonShock;

    /// <summary>The grid-factor shock exp(σ_g z − σ_g²/2); the grid's multiplier path multiplies it per site.</summary>
    public Span<double> GridShock => _gridShock;

    public Span<double> PriceFactor => _priceFactor;

    public Span<double> FrequencyMultiplier => _frequencyMultiplier;

    public Span<double> WindIntensity => _windIntensity;

    // Block kernel: one site's transformed draws, reused site after site.
    public Span<double> HotDayProbability => _hotDayProbability;

    public Span<double> HotDaysU => _hotDaysU;

    public Span<double> ShortfallU => _shortfallU;

    public Span<double> DroughtU => _droughtU;

    public Span<double> FloodExceedance => _floodExceedance;

    /// <summary>e^(−λ) of the hot-day count.</summary>
    public Span<double> HotDaysPmf0 => _hotDaysPmf0;

    /// <summary>e^(−λ) of the drought-restriction count.</summary>
    public Span<double> DroughtPmf0 => _droughtPmf0;

    /// <summary>The GEV quantile of the surge draw (m), before sea-level rise and subsidence.</summary>
    public Span<double> SurgeQuantileM => _surgeQuantileM;

    /// <summary>The Gumbel quantile of the gust draw (m/s), before the intensity factor.</summary>
    public Span<double> GustQuantileMs => _gustQuantileMs;

    /// <summary>The site's heat anomaly (its row of <see cref="HeatBlock"/>, or the scalar kernel's one path).</summary>
    public Span<double> SiteHeatAnomaly => _siteHeatAnomaly;

    // The site arithmetic (PathKernel.Lanes): intermediate rows, the metric rows and the lists
    // of paths finished one at a time.

    /// <summary>A_s(Δ): the PUE curve at the path's local shift.</summary>
    public Span<double> ClimatePue => _climatePue;

    /// <summary>The electricity price with carbon pass-through, CNY/MWh.</summary>
    public Span<double> PriceCnyPerMwh => _priceCnyPerMwh;

    public Span<double> HotDays => _hotDays;

    public Span<double> RestrictedDays => _restrictedDays;

    /// <summary>The surge's still-water level against the crest, m.</summary>
    public Span<double> SurgeLevelM => _surgeLevelM;

    public Span<double> SiteOccurrenceCny => _siteOccurrenceCny;

    /// <summary>The paths of a block whose flood, surge or wind draw is transformed (<see cref="PathKernel"/>'s tail bounds).</summary>
    public int[] TailList { get; } = new int[B];

    /// <summary>Those paths' draws, gathered, then their transforms.</summary>
    public Span<double> TailDraws => _tailDraws;

    /// <summary>[metric · B + path in block]: one site's metrics.</summary>
    public Span<double> SiteMetrics => _siteMetrics;

    /// <summary>[metric · B + path in block]: the portfolio's metrics, summed over the sites.</summary>
    public Span<double> PortfolioMetrics => _portfolioMetrics;

    public int[] HeatList { get; } = new int[B];

    public int[] DroughtList { get; } = new int[B];

    public int[] FloodList { get; } = new int[B];

    public int[] SurgeList { get; } = new int[B];

    // The block's flood and surge damage draws of every site (MODEL §6–7), listed site by site
    // so that they are solved in one call: site s holds entries [InundationEnd[s − 1], InundationEnd[s]).

    /// <summary>The end of each site's entries in the inundation lists.</summary>
    public int[] InundationEnd { get; }

    /// <summary>Per entry, the index of its direct loss in <see cref="SiteMetrics"/>.</summary>
    public int[] InundationDirectAt { get; }

    /// <summary>Per entry, the index of its BI loss in <see cref="SiteMetrics"/>.</summary>
    public int[] InundationBiAt { get; }

    /// <summary>Per entry, the damage curve's mean damage ratio at the depth above the floor (while a site is listed, the depth itself).</summary>
    public Span<double> InundationMean => _inundationMean;

    /// <summary>Per entry, the damage curve's s.d. at the depth above the floor.</summary>
    public Span<double> InundationSd => _inundationSd;

    /// <summary>Per entry, the damage draw's uniform, then (solved in place) its damage ratio.</summary>
    public Span<double> InundationRatio => _inundationRatio;

    // Block kernel: per-path portfolio accumulators.
    public Span<double> DriftEnergyMwh => _driftEnergyMwh;

    public Span<double> MaxSiteLossCny => _maxSiteLossCny;

    public Span<double> AnyBreach => _anyBreach;
}
