namespace ClimateRisk.IO.Internal;

#pragma warning disable CA1812, CA2227 // instantiated and filled by YamlDotNet

/// <summary>The YAML shape of a scenario file (docs/data.md).</summary>
internal sealed class ScenarioDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public PhysicalDocument? Physical { get; set; }

    public TransitionDocument? Transition { get; set; }

    public Dictionary<string, string>? Sources { get; set; }
}

internal sealed class PhysicalDocument
{
    public string? Ssp { get; set; }

    public double? TyphoonIntensityPerC { get; set; }

    public Dictionary<string, double>? CorrelationLengthKm { get; set; }
}

internal sealed class TransitionDocument
{
    public double? DiscountRate { get; set; }

    public Dictionary<int, double>? CarbonPriceCnyPerT { get; set; }

    public double? CarbonPriceSigma { get; set; }

    public Dictionary<int, double>? CarbonCoverage { get; set; }

    public double? GridDeclineRate { get; set; }

    public double? GridSigma { get; set; }

    public Dictionary<int, double>? ElectricityEscalation { get; set; }

    public double? ElectricitySigma { get; set; }

    public double? CarbonPassThrough { get; set; }

    public Dictionary<int, double>? RenewablePremiumCnyPerMwh { get; set; }
}
