namespace ClimateRisk.Core.Model;

/// <summary>Coastal flood: annual-maximum still-water level and defences (MODEL §7). Heights share one local datum, m.</summary>
public sealed record SurgeExposure
{
    /// <summary>GEV location μ, m.</summary>
    public required double GevLocationM { get; init; }

    /// <summary>GEV scale σ, m.</summary>
    public required double GevScaleM { get; init; }

    /// <summary>GEV shape ξ (ξ &gt; 0: heavy tail).</summary>
    public required double GevShape { get; init; }

    /// <summary>Ground elevation of the site, m.</summary>
    public required double GroundElevationM { get; init; }

    /// <summary>Defence crest H_def, m.</summary>
    public required double DefenceCrestM { get; init; }

    /// <summary>Land subsidence, m per year (positive = sinking).</summary>
    public required double SubsidenceMPerYear { get; init; }
}
