namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Per-thread work space of the kernel, allocated once per thread and reused for every block:
/// the block's draws and per-path drivers as structure-of-arrays, one row of
/// <see cref="PathKernel.BlockSize"/> values per quantity (and per site where it varies by site).
/// Nothing is allocated per path or per block.
/// </summary>
internal sealed class KernelScratch
{
    private const int B = PathKernel.BlockSize;

    public KernelScratch(int sites)
    {
        Independent = new double[sites];
        Heat = new double[sites];
        Flood = new double[sites];
        Surge = new double[sites];
        Wind = new double[sites];
        IndependentBlock = new double[sites * B];
        HeatBlock = new double[sites * B];
        FloodBlock = new double[sites * B];
        SurgeBlock = new double[sites * B];
        WindBlock = new double[sites * B];
        InundationEnd = new int[sites];
        InundationDirectAt = new int[sites * 2 * B];
        InundationBiAt = new int[sites * 2 * B];
        InundationMean = new double[sites * 2 * B];
        InundationSd = new double[sites * 2 * B];
        InundationRatio = new double[sites * 2 * B];
    }

    // Scalar reference kernel (one path): the correlated normals by site.
    public double[] Independent { get; }

    public double[] Heat { get; }

    public double[] Flood { get; }

    public double[] Surge { get; }

    public double[] Wind { get; }

    // Block kernel: [site · B + path in block].
    public double[] IndependentBlock { get; }

    public double[] HeatBlock { get; }

    public double[] FloodBlock { get; }

    public double[] SurgeBlock { get; }

    public double[] WindBlock { get; }

    // Block kernel: path-level drivers, [path in block].
    public double[] GlobalWarmingC { get; } = new double[B];

    public double[] SeaLevelRiseM { get; } = new double[B];

    /// <summary>The carbon-price shock exp(σ_c z − σ_c²/2); the median path multiplies it per site.</summary>
    public double[] CarbonShock { get; } = new double[B];

    /// <summary>The grid-factor shock exp(σ_g z − σ_g²/2); the grid's multiplier path multiplies it per site.</summary>
    public double[] GridShock { get; } = new double[B];

    public double[] PriceFactor { get; } = new double[B];

    public double[] FrequencyMultiplier { get; } = new double[B];

    public double[] WindIntensity { get; } = new double[B];

    // Block kernel: one site's transformed draws, reused site after site.
    public double[] HotDayProbability { get; } = new double[B];

    public double[] HotDaysU { get; } = new double[B];

    public double[] ShortfallU { get; } = new double[B];

    public double[] DroughtU { get; } = new double[B];

    public double[] FloodExceedance { get; } = new double[B];

    /// <summary>e^(−λ) of the hot-day count.</summary>
    public double[] HotDaysPmf0 { get; } = new double[B];

    /// <summary>e^(−λ) of the drought-restriction count.</summary>
    public double[] DroughtPmf0 { get; } = new double[B];

    /// <summary>The GEV quantile of the surge draw (m), before sea-level rise and subsidence.</summary>
    public double[] SurgeQuantileM { get; } = new double[B];

    /// <summary>The Gumbel quantile of the gust draw (m/s), before the intensity factor.</summary>
    public double[] GustQuantileMs { get; } = new double[B];

    /// <summary>The site's heat anomaly (its row of <see cref="HeatBlock"/>, or the scalar kernel's one path).</summary>
    public double[] SiteHeatAnomaly { get; } = new double[B];

    // The site arithmetic (PathKernel.Lanes): intermediate rows, the metric rows and the lists
    // of paths finished one at a time.

    /// <summary>A_s(Δ): the PUE curve at the path's local shift.</summary>
    public double[] ClimatePue { get; } = new double[B];

    /// <summary>The electricity price with carbon pass-through, CNY/MWh.</summary>
    public double[] PriceCnyPerMwh { get; } = new double[B];

    public double[] HotDays { get; } = new double[B];

    public double[] RestrictedDays { get; } = new double[B];

    /// <summary>The surge's still-water level against the crest, m.</summary>
    public double[] SurgeLevelM { get; } = new double[B];

    public double[] SiteOccurrenceCny { get; } = new double[B];

    /// <summary>The paths of a block whose flood, surge or wind draw is transformed (<see cref="PathKernel"/>'s tail bounds).</summary>
    public int[] TailList { get; } = new int[B];

    /// <summary>Those paths' draws, gathered, then their transforms.</summary>
    public double[] TailDraws { get; } = new double[B];

    /// <summary>[metric · B + path in block]: one site's metrics.</summary>
    public double[] SiteMetrics { get; } = new double[MetricNames.Count * B];

    /// <summary>[metric · B + path in block]: the portfolio's metrics, summed over the sites.</summary>
    public double[] PortfolioMetrics { get; } = new double[MetricNames.Count * B];

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
    public double[] InundationMean { get; }

    /// <summary>Per entry, the damage curve's s.d. at the depth above the floor.</summary>
    public double[] InundationSd { get; }

    /// <summary>Per entry, the damage draw's uniform, then (solved in place) its damage ratio.</summary>
    public double[] InundationRatio { get; }

    // Block kernel: per-path portfolio accumulators.
    public double[] DriftEnergyMwh { get; } = new double[B];

    public double[] MaxSiteLossCny { get; } = new double[B];

    public double[] AnyBreach { get; } = new double[B];
}
