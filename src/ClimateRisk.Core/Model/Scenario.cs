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

    /// <summary>Annual decline rate of the grid emission factor r_k.</summary>
    public required double GridDeclineRate { get; init; }

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
