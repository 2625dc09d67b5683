namespace ClimateRisk.Core.Model;

/// <summary>
/// A depth–damage curve with its uncertainty: mean damage ratio and its s.d. by water depth
/// (JRC global curves, Huizinga, de Moel &amp; Szewczyk 2017, EUR 28552 EN; MODEL §6).
/// </summary>
public sealed record DamageCurve
{
    /// <summary>Vulnerability class key.</summary>
    public required string Class { get; init; }

    /// <summary>Mean damage ratio by depth (m), linear in between, flat beyond the last depth.</summary>
    public required PiecewiseLinear Mean { get; init; }

    /// <summary>S.d. of the damage ratio by depth (m).</summary>
    public required PiecewiseLinear Sd { get; init; }
}
