namespace ClimateRisk.Core.Model;

/// <summary>
/// A cooling technology's hourly PUE response to outdoor dry-bulb temperature (MODEL §4):
/// PUE_h(T) = P_floor + β·w·softplus((T − T_knee)/w).
/// </summary>
public sealed record CoolingType
{
    /// <summary>Key, e.g. <c>chiller_water_economizer</c>.</summary>
    public required string Id { get; init; }

    /// <summary>β: PUE points per °C above the knee (asymptotic slope).</summary>
    public required double BetaPuePerC { get; init; }

    /// <summary>T_knee in °C: where mechanical cooling starts to dominate.</summary>
    public required double KneeC { get; init; }

    /// <summary>w in °C: width of the soft transition around the knee.</summary>
    public required double WidthC { get; init; }

    /// <summary>Design ambient limit of the plant in °C (default T_crit of MODEL §5).</summary>
    public required double TCritC { get; init; }
}
