namespace ClimateRisk.Core.Model;

/// <summary>Water stress (MODEL §9).</summary>
public sealed record DroughtExposure
{
    /// <summary>λ_d: expected water-restriction days per year in today's climate.</summary>
    public required double RestrictionDaysPerYear { get; init; }

    /// <summary>ΔPUE_dry: PUE penalty on a restricted day for a water-cooled site.</summary>
    public required double DryPuePenalty { get; init; }
}
