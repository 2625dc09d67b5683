namespace ClimateRisk.IO;

/// <summary>
/// A control an operator discloses for a climate risk (data/register/controls.csv), quoted from
/// its report, as the register's "controls in force" (MODEL §13).
/// </summary>
public sealed record DisclosedControl
{
    /// <summary>Operator, as in the sites file's <c>operator</c> column.</summary>
    public required string Operator { get; init; }

    /// <summary>The site it applies to, or empty when it applies to every site of the operator.</summary>
    public required string SiteId { get; init; }

    /// <summary>Register risk key (e.g. <c>flood</c>, <c>carbon_price</c>).</summary>
    public required string Risk { get; init; }

    /// <summary>The control as the operator states it, in the report's language.</summary>
    public required string Quote { get; init; }

    /// <summary>An English gloss of <see cref="Quote"/>.</summary>
    public required string English { get; init; }

    /// <summary>Where it is stated, e.g. <c>seed:kingsoft l.1092</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Whether the control applies to <paramref name="siteId"/> of <paramref name="siteOperator"/>.</summary>
    public bool AppliesTo(string siteId, string siteOperator)
        => Operator == siteOperator && (SiteId.Length == 0 || SiteId == siteId);
}
