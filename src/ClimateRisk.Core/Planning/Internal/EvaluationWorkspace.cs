using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Planning.Internal;

/// <summary>
/// One thread's work space for <see cref="SiteEvaluation"/>: the running NPVs of one site, the
/// kernel scratch, and two per-path arrays for the summaries (a sample and the work space of
/// <see cref="Statistics.SampleSummary.Summarize"/>). Reused evaluation after evaluation;
/// <see cref="SiteEvaluation"/> clears what the kernel accumulates before each evaluation.
/// </summary>
internal sealed class EvaluationWorkspace
{
    public EvaluationWorkspace(int paths)
    {
        Buffers = new PathBuffers(1, paths, npvOnly: true);
        Kernel = new KernelScratch(1);
        Sample = new double[paths];
        Scratch = new double[paths];
        Sums = new PathOrderSums(SiteEvaluation.MeanMetrics);
        PathDraws = new PathDrawCache(paths);
    }

    public PathBuffers Buffers { get; }

    public KernelScratch Kernel { get; }

    /// <summary>A per-path sample built by the caller (e.g. a measure's benefit).</summary>
    public double[] Sample { get; }

    /// <summary>Work space of the summaries.</summary>
    public double[] Scratch { get; }

    /// <summary>The yearly sums behind an evaluation's means.</summary>
    public PathOrderSums Sums { get; }

    /// <summary>The year-independent path draws, reused across an evaluation's years (it empties itself for another scenario).</summary>
    public PathDrawCache PathDraws { get; }
}
