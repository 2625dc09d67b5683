using ClimateRisk.IO;

namespace ClimateRisk.Pipeline;

/// <summary>What <c>climaterisk run</c> was asked to do.</summary>
public sealed record RunRequest : SimulationRequest
{
    /// <summary>The default <see cref="MaxPaths"/>.</summary>
    public const int DefaultMaxPaths = 1_000_000;

    /// <summary>Simulate only this shard of the paths: <c>i/n</c> or <c>auto</c> (<c>--shard</c>).</summary>
    public string? Shard { get; init; }

    /// <summary>The run directory of an interrupted run to continue (<c>--resume</c>).</summary>
    public string? Resume { get; init; }

    /// <summary>A manifest.json to reproduce (<c>--replay</c>).</summary>
    public string? Replay { get; init; }

    /// <summary>Target relative standard error of the headline metrics (<c>--target-rse</c>).</summary>
    public double? TargetRse { get; init; }

    /// <summary>Path cap of the doubling (<c>--max-paths</c>).</summary>
    public int MaxPaths { get; init; } = DefaultMaxPaths;

    /// <summary>Paths per scenario taken from a replayed manifest (no doubling then), by scenario id.</summary>
    public IReadOnlyDictionary<string, ScenarioConvergence>? FixedPaths { get; init; }

    /// <summary>
    /// Compute the Sobol indices of the headlines (<c>--sensitivity on|off</c>); null: on from
    /// <see cref="Core.Sensitivity.SensitivityAnalysis.DefaultFromPaths"/> paths.
    /// </summary>
    public bool? Sensitivity { get; init; }

    /// <summary>Whether this request computes the sensitivity indices (before the shard rule: a shard never does).</summary>
    public bool SensitivityOn => Sensitivity ?? Paths >= Core.Sensitivity.SensitivityAnalysis.DefaultFromPaths;

    /// <summary>
    /// Whether to print <c>board-pack.pdf</c> with headless Chromium after the report (the CLI's
    /// <c>run</c> does unless <c>--no-pdf</c>; off by default for library callers and tests, as
    /// printing the pack takes tens of seconds). Without Chromium the run says so and goes on.
    /// </summary>
    public bool PrintPdf { get; init; }

    /// <summary>The manifest this request was made from, for the new manifest's <c>replay_of</c>.</summary>
    public string? ReplayOf { get; init; }
}
