namespace ClimateRisk.Core.Model;

/// <summary>Correlation lengths L of the Gaussian copula, ρ = exp(−d/L), km (MODEL §2).</summary>
public sealed record CorrelationLengths
{
    /// <summary>Interannual temperature anomaly.</summary>
    public double HeatKm { get; init; } = 1000;

    /// <summary>River/pluvial flood.</summary>
    public double FloodKm { get; init; } = 250;

    /// <summary>Storm surge.</summary>
    public double SurgeKm { get; init; } = 300;

    /// <summary>Typhoon wind.</summary>
    public double WindKm { get; init; } = 400;
}
