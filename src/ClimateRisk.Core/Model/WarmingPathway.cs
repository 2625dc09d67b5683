namespace ClimateRisk.Core.Model;

/// <summary>
/// Global surface warming above 1850–1900 for one SSP: median and 5–95 % range by year,
/// linear between anchor years (AR6 WG1 Table SPM.1; MODEL §3).
/// </summary>
public sealed record WarmingPathway
{
    /// <summary>SSP key.</summary>
    public required string Ssp { get; init; }

    /// <summary>Median ΔT_g by year, °C.</summary>
    public required YearCurve MedianC { get; init; }

    /// <summary>5th percentile by year, °C.</summary>
    public required YearCurve Q05C { get; init; }

    /// <summary>95th percentile by year, °C.</summary>
    public required YearCurve Q95C { get; init; }

    /// <summary>σ(t) = (q95 − q05) / 3.29.</summary>
    public double SigmaC(int year) => (Q95C.At(year) - Q05C.At(year)) / 3.29;
}
