using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// A physical peril as charted: its metrics (direct damage + BI, or energy + BI) and its fill,
/// Paul Tol's "muted" colours with a hatching per peril so stacks read in grey print.
/// </summary>
/// <param name="Key">Short key, used in element ids.</param>
/// <param name="Name">Legend label.</param>
/// <param name="Metrics">Metrics summed into the peril's loss.</param>
/// <param name="Colour">Base colour.</param>
/// <param name="Hatch">Hatch kind: <c>none</c>, <c>horizontal</c>, <c>diagonal</c>, <c>cross</c>, <c>dots</c>.</param>
public sealed record Peril(string Key, string Name, IReadOnlyList<Metric> Metrics, string Colour, string Hatch)
{
    /// <summary>The perils of MODEL §5–§9 in stacking order.</summary>
    public static IReadOnlyList<Peril> All { get; } =
    [
        new("flood", "River / pluvial flood", [Metric.FloodDirectCny, Metric.FloodBiCny], "#332288", "horizontal"),
        new("surge", "Coastal flood", [Metric.SurgeDirectCny, Metric.SurgeBiCny], "#88CCEE", "dots"),
        new("wind", "Typhoon wind", [Metric.WindDirectCny, Metric.WindBiCny], "#44AA99", "diagonal"),
        new("heat", "Extreme heat", [Metric.HeatBiCny], "#CC6677", "cross"),
        new("drought", "Water stress", [Metric.DroughtEnergyCny, Metric.DroughtBiCny], "#DDCC77", "none"),
    ];

    /// <summary>The metric names joined by '+', as written into <c>data-metric</c>.</summary>
    public string MetricKey => string.Join('+', Metrics.Select(m => m.Name()));
}
