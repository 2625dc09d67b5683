namespace ClimateRisk.Core.Model;

/// <summary>A climate scenario: its physical pathway (SSP) and its transition drivers (MODEL §3, §10).</summary>
public sealed record Scenario
{
    /// <summary>Slug, unique in a run.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>AR6 pathway key for warming and sea level, e.g. <c>SSP2-4.5</c>.</summary>
    public required string Ssp { get; init; }

    /// <summary>Typhoon intensity change per °C of global warming (MODEL §8).</summary>
    public double TyphoonIntensityPerC { get; init; } = 0.025;

    /// <summary>Copula correlation lengths, km (MODEL §2).</summary>
    public CorrelationLengths CorrelationLengthsKm { get; init; } = new();

    /// <summary>Discount rate for NPV.</summary>
    public double DiscountRate { get; init; } = 0.06;

    /// <summary>Median carbon price path_k(t), CNY/t.</summary>
    public required YearCurve CarbonPriceCnyPerT { get; init; }

    /// <summary>Log-s.d. of the carbon price σ_c.</summary>
    public double CarbonPriceSigma { get; init; } = 0.3;

    /// <summary>Coverage of the site's emissions by carbon pricing coverage_k(t), 0–1.</summary>
    public required YearCurve CarbonCoverage { get; init; }

    /// <summary>
    /// Constant annual decline rate r_k of the grid emission factor: multiplier (1 − r_k)^(t − t0).
    /// Null when the scenario gives <see cref="GridFactorIndex"/> instead (exactly one of the two is set).
    /// </summary>
    public double? GridDeclineRate { get; init; }

    /// <summary>
    /// Year-keyed multiplier g_k,grid(t) of a site's base-year grid factor EF_s(t0), linear between
    /// the given years and flat outside (MODEL §10): by grid key, with <see cref="DefaultGridKey"/>
    /// for every grid not named. Null when the constant <see cref="GridDeclineRate"/> is used.
    /// </summary>
    public IReadOnlyDictionary<string, YearCurve>? GridFactorIndex { get; init; }

    /// <summary>Key of <see cref="GridFactorIndex"/> that applies to grids without their own path.</summary>
    public const string DefaultGridKey = "default";

    /// <summary>
    /// The grid-factor multiplier of grid <paramref name="grid"/> in <paramref name="year"/>
    /// relative to the base year t0 = 2023: g_k,grid(t) from <see cref="GridFactorIndex"/>, or
    /// (1 − r_k)^(t − t0) from <see cref="GridDeclineRate"/>. Dimensionless, &gt; 0.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither or both of the two forms are set, or the index has no path for the grid and no default.</exception>
    public double GridFactorMultiplier(string grid, int year)
    {
        ArgumentNullException.ThrowIfNull(grid);
        switch (GridDeclineRate, GridFactorIndex)
        {
            case ({ } rate, null):
                return Math.Pow(1 - rate, year - Simulation.SimulationSettings.BaseYear);
            case (null, { } index):
                return index.TryGetValue(grid, out var curve) || index.TryGetValue(DefaultGridKey, out curve)
                    ? curve.At(year)
                    : throw new InvalidOperationException($"Scenario {Id}: grid_factor_index has no path for grid '{grid}' and no '{DefaultGridKey}' path.");
            default:
                throw new InvalidOperationException($"Scenario {Id}: give exactly one of grid_decline_rate and grid_factor_index.");
        }
    }

    /// <summary>Log-s.d. of the grid factor σ_g.</summary>
    public double GridSigma { get; init; } = 0.1;

    /// <summary>Real electricity price escalation esc_k(t) relative to the base year.</summary>
    public required YearCurve ElectricityEscalation { get; init; }

    /// <summary>Log-s.d. of the annual electricity price shock σ_e.</summary>
    public double ElectricitySigma { get; init; } = 0.1;

    /// <summary>Share pass_k of the carbon cost of generation passed into the electricity price.</summary>
    public double CarbonPassThrough { get; init; }

    /// <summary>Green-power premium premium_k(t), CNY/MWh.</summary>
    public required YearCurve RenewablePremiumCnyPerMwh { get; init; }
}
