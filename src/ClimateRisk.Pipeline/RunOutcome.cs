using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Pipeline;

/// <summary>What a finished <see cref="RunPipeline"/> wrote.</summary>
public sealed record RunOutcome
{
    /// <summary>The committed run directory.</summary>
    public required string OutPath { get; init; }

    /// <summary>The manifest written (its <see cref="RunManifest.Outputs"/> lists the files).</summary>
    public required RunManifest Manifest { get; init; }

    /// <summary>The scenarios simulated by this process (all unless some were resumed); null for a shard or when every scenario was resumed.</summary>
    public required SimulationResult? Simulated { get; init; }

    /// <summary>Wall-clock time of <see cref="RunPipeline.Execute"/>.</summary>
    public required TimeSpan Elapsed { get; init; }
}
