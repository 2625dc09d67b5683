namespace ClimateRisk.Core.Model;

/// <summary>Everything a run reads: the portfolio, the scenarios and the shared tables.</summary>
public sealed record ModelInputs
{
    /// <summary>The sites, in reporting order.</summary>
    public required IReadOnlyList<Site> Sites { get; init; }

    /// <summary>The scenarios, in reporting order.</summary>
    public required IReadOnlyList<Scenario> Scenarios { get; init; }

    /// <summary>Warming pathways by SSP key.</summary>
    public required IReadOnlyDictionary<string, WarmingPathway> Warming { get; init; }

    /// <summary>Sea-level pathways by SSP key.</summary>
    public required IReadOnlyDictionary<string, SeaLevelPathway> SeaLevel { get; init; }

    /// <summary>Frequency multiplier of the 10-year heavy-precipitation event vs warming (AR6 SPM.6).</summary>
    public required PiecewiseLinear HeavyPrecipitationMultiplier { get; init; }

    /// <summary>Depth–damage curves by class.</summary>
    public required IReadOnlyDictionary<string, DamageCurve> DamageCurves { get; init; }

    /// <summary>PUE rules by jurisdiction, each list ordered by <see cref="PueRule.FromYear"/>.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<PueRule>> PueRules { get; init; }

    /// <summary>
    /// Regional pilot emissions-trading schemes by jurisdiction key (<see cref="Site.CarbonPilot"/>);
    /// empty when none applies.
    /// </summary>
    public IReadOnlyDictionary<string, CarbonPilot> CarbonPilots { get; init; } = new Dictionary<string, CarbonPilot>();

    /// <summary>Cooling technologies by key (for measures that change a site's cooling).</summary>
    public IReadOnlyDictionary<string, CoolingType> CoolingTypes { get; init; } = new Dictionary<string, CoolingType>();

    /// <summary>Materiality thresholds.</summary>
    public required IReadOnlyList<MaterialityThreshold> Thresholds { get; init; }
}
