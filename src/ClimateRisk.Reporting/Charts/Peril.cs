using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// A physical peril as charted: its metrics (direct damage + BI, or energy + BI) and its fill,
/// Paul Tol's "muted" colours, plain fills: hatch patterns cost 2–6 MB per printed PDF page.
/// </summary>
/// <param name="Key">Short key, used in element ids.</param>
/// <param name="Name">Legend label.</param>
/// <param name="Metrics">Metrics summed into the peril's loss.</param>
/// <param name="Colour">Base colour.</param>
public sealed record Peril(string Key, string Name, IReadOnlyList<Metric> Metrics, string Colour)
{
    /// <summary>The perils of MODEL §5–§9 in stacking order.</summary>
    public static IReadOnlyList<Peril> All { get; } =
    [
        new("flood", "River / pluvial flood", [Metric.FloodDirectCny, Metric.FloodBiCny], "#332288"),
        new("surge", "Coastal flood", [Metric.SurgeDirectCny, Metric.SurgeBiCny], "#88CCEE"),
        new("wind", "Typhoon wind", [Metric.WindDirectCny, Metric.WindBiCny], "#44AA99"),
        new("heat", "Extreme heat", [Metric.HeatBiCny], "#CC6677"),
        new("drought", "Water stress", [Metric.DroughtEnergyCny, Metric.DroughtBiCny], "#DDCC77"),
    ];

    /// <summary>The metric names joined by '+', as written into <c>data-metric</c>.</summary>
    public string MetricKey => string.Join('+', Metrics.Select(m => m.Name()));
}
