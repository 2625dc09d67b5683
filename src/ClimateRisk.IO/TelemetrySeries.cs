namespace ClimateRisk.IO;

/// <summary>One site's BMS/DCIM readings, in time order (read by <see cref="TelemetryLoader"/>).</summary>
public sealed record TelemetrySeries
{
    /// <summary>The site's id.</summary>
    public required string SiteId { get; init; }

    /// <summary>Reading times, strictly increasing (the offset as written; none means UTC).</summary>
    public required IReadOnlyList<DateTimeOffset> Timestamps { get; init; }

    /// <summary>Outdoor dry-bulb temperature, °C.</summary>
    public required IReadOnlyList<double> OutdoorTempC { get; init; }

    /// <summary>IT power, kW.</summary>
    public required IReadOnlyList<double> ItKw { get; init; }

    /// <summary>Facility (total) power, kW.</summary>
    public required IReadOnlyList<double> FacilityKw { get; init; }

    /// <summary>Number of readings.</summary>
    public int Count => Timestamps.Count;
}
