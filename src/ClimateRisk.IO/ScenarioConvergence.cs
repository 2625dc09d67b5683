namespace ClimateRisk.IO;

/// <summary>
/// How one scenario's paths were chosen (manifest.json, <c>convergence</c>): the paths used and,
/// with <c>--target-rse</c>, whether every headline RSE reached the target, the worst one, and
/// what stopped the doubling when it did not.
/// </summary>
public sealed record ScenarioConvergence
{
    /// <summary>Scenario id.</summary>
    public required string Scenario { get; init; }

    /// <summary>Paths of the run whose results were written.</summary>
    public required int Paths { get; init; }

    /// <summary>Whether every headline RSE is at most the target; null without a target.</summary>
    public bool? Converged { get; init; }

    /// <summary>The largest headline RSE.</summary>
    public required double WorstRse { get; init; }

    /// <summary>Metric and horizon of the largest RSE, e.g. <c>physical_loss_cny 2030</c>.</summary>
    public required string WorstMetric { get; init; }

    /// <summary>Why the doubling stopped short of the target: <c>max_paths</c> or <c>memory</c>; null when converged or without a target.</summary>
    public string? CapReason { get; init; }
}
