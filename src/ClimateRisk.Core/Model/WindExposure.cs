namespace ClimateRisk.Core.Model;

/// <summary>Typhoon wind hazard and vulnerability (MODEL §8).</summary>
public sealed record WindExposure
{
    /// <summary>Gumbel location μ_w of the annual-maximum 3-s gust, m/s.</summary>
    public required double GumbelLocationMs { get; init; }

    /// <summary>Gumbel scale β_w, m/s.</summary>
    public required double GumbelScaleMs { get; init; }

    /// <summary>Emanuel (2011) V_half, m/s: gust at which half the value is lost.</summary>
    public required double VHalfMs { get; init; }

    /// <summary>Gust above which operations are interrupted, m/s.</summary>
    public required double VBiMs { get; init; }

    /// <summary>Hours of interruption when the BI gust is exceeded.</summary>
    public required double BiHours { get; init; }
}
