using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Pipeline;

/// <summary>What <see cref="MergePipeline.Run"/> wrote.</summary>
public sealed record MergeOutcome
{
    /// <summary>The committed output directory.</summary>
    public required string OutPath { get; init; }

    /// <summary>The manifest written.</summary>
    public required RunManifest Manifest { get; init; }

    /// <summary>The merged result of the whole run.</summary>
    public required SimulationResult Result { get; init; }

    /// <summary>Number of shards merged.</summary>
    public required int Shards { get; init; }

    /// <summary>Wall-clock time of the merge.</summary>
    public required TimeSpan Elapsed { get; init; }
}
