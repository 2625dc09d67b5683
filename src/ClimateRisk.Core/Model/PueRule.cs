namespace ClimateRisk.Core.Model;

/// <summary>
/// An efficiency regulation in force from a year on: a PUE limit and tiered surcharges on the
/// energy above it (MODEL §10; e.g. Beijing's existing-data-centre plan 2024–2027).
/// </summary>
public sealed record PueRule
{
    /// <summary>Jurisdiction key.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>First year in force.</summary>
    public required int FromYear { get; init; }

    /// <summary>PUE limit L.</summary>
    public required double LimitPue { get; init; }

    /// <summary>Surcharge on E_IT·(PUE − L) while PUE ≤ L·(1 + tier-2 excess), CNY/kWh.</summary>
    public required double SurchargeCnyPerKwh { get; init; }

    /// <summary>Excess fraction above which the tier-2 rate applies (1.0 = PUE more than 100 % above L).</summary>
    public required double Tier2ExcessFraction { get; init; }

    /// <summary>Tier-2 surcharge rate, CNY/kWh.</summary>
    public required double Tier2SurchargeCnyPerKwh { get; init; }

    /// <summary>
    /// True when the limit is our assumption (data column <c>basis</c> = <c>assumed</c>) because no
    /// published rule sets it; false for a published rule (<c>basis</c> = <c>published</c>). Every
    /// place that shows a limit or counts sites above it should mark an assumed one.
    /// </summary>
    public bool IsAssumed { get; init; }

    /// <summary>Where the rule comes from (the <c>source</c> column): the citation, or the reasoning of an assumption.</summary>
    public string Source { get; init; } = string.Empty;
}
