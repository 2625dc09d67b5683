namespace ClimateRisk.Core.Model;

/// <summary>River / pluvial flood hazard and defences of a site (MODEL §6).</summary>
public sealed record FloodExposure
{
    /// <summary>Return periods of the hazard curve, years, increasing.</summary>
    public required IReadOnlyList<double> ReturnPeriodsY { get; init; }

    /// <summary>Inundation depth at each return period, m, non-decreasing.</summary>
    public required IReadOnlyList<double> DepthsM { get; init; }

    /// <summary>Defence standard R_prot in years (0 = no defence).</summary>
    public required double ProtectionRpY { get; init; }

    /// <summary>Floor height above grade, m.</summary>
    public required double FloorHeightM { get; init; }

    /// <summary>Share of direct damage avoided by hardening, 0–1.</summary>
    public required double Hardening { get; init; }

    /// <summary>JRC vulnerability class (<c>industrial</c>, <c>commercial</c>, <c>residential</c>).</summary>
    public required string VulnerabilityClass { get; init; }
}
