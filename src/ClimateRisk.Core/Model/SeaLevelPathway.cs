namespace ClimateRisk.Core.Model;

/// <summary>
/// Global mean sea level above 1995–2014 for one SSP: median and likely (17–83 %) range by
/// year (AR6 WG1 Table 9.9; MODEL §3).
/// </summary>
public sealed record SeaLevelPathway
{
    /// <summary>SSP key.</summary>
    public required string Ssp { get; init; }

    /// <summary>Median, m.</summary>
    public required YearCurve MedianM { get; init; }

    /// <summary>Likely range lower bound, m.</summary>
    public required YearCurve LikelyLowM { get; init; }

    /// <summary>Likely range upper bound, m.</summary>
    public required YearCurve LikelyHighM { get; init; }

    /// <summary>σ_sl(t) = (likely_hi − likely_lo) / 1.35.</summary>
    public double SigmaM(int year) => (LikelyHighM.At(year) - LikelyLowM.At(year)) / 1.35;
}
