namespace ClimateRisk.Core.Planning;

/// <summary>An adaptation measure: parameter changes at one site from a year on, with its costs (MODEL §14).</summary>
public sealed record AdaptationMeasure
{
    /// <summary>Identifier.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Site it applies to.</summary>
    public required string SiteId { get; init; }

    /// <summary>First year the changes are in force; capex is spent in this year.</summary>
    public required int YearInForce { get; init; }

    /// <summary>Up-front cost, CNY.</summary>
    public required double CapexCny { get; init; }

    /// <summary>Running cost per year in force, CNY.</summary>
    public required double OpexCnyPerYear { get; init; }

    /// <summary>The parameter changes.</summary>
    public required SiteChange Change { get; init; }
}
