namespace ClimateRisk.Core.Model;

/// <summary>Extreme heat: when the cooling plant falls short (MODEL §5).</summary>
public sealed record HeatShortfall
{
    /// <summary>Design ambient limit T_crit, °C.</summary>
    public required double TCritC { get; init; }

    /// <summary>Probability q that a hot day causes a shortfall.</summary>
    public required double ShortfallProbability { get; init; }

    /// <summary>Share f of IT load throttled during a shortfall.</summary>
    public required double ThrottleFraction { get; init; }

    /// <summary>Hours H of throttling per shortfall.</summary>
    public required double ThrottleHours { get; init; }
}
