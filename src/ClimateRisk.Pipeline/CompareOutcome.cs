using ClimateRisk.Core.Planning;
using ClimateRisk.IO;

namespace ClimateRisk.Pipeline;

/// <summary>What <see cref="ComparePipeline.Run"/> wrote.</summary>
public sealed record CompareOutcome
{
    /// <summary>The committed output directory.</summary>
    public required string OutPath { get; init; }

    /// <summary>The manifest written.</summary>
    public required RunManifest Manifest { get; init; }

    /// <summary>Candidate sites, ranked (empty without candidates).</summary>
    public required IReadOnlyList<CandidateResult> Ranking { get; init; }

    /// <summary>Adaptation measures evaluated (empty without measures).</summary>
    public required IReadOnlyList<MeasureResult> Measures { get; init; }

    /// <summary>Wall-clock time of the simulation and writing.</summary>
    public required TimeSpan Elapsed { get; init; }
}
