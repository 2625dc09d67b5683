namespace ClimateRisk.Core.Simulation;

/// <summary>
/// What a simulation keeps in memory, for choosing a path count that fits. Follows the layout
/// of the internal PathBuffers (tested against it).
/// </summary>
public static class SimulationMemory
{
    /// <summary>
    /// Bytes of the per-path arrays <see cref="Simulator"/> keeps while it runs
    /// <paramref name="sites"/> sites × <paramref name="paths"/> paths on <paramref name="threads"/>
    /// worker threads: the path buffers of a (scenario, year) — every metric of every site and of
    /// the portfolio, plus the largest occurrence and the running NPV of each, and each site's
    /// climate PUE — the kernel's
    /// cache of the year-independent path draws (5 rows), two path-length reduction arrays per
    /// worker (a value row and a work array, the financial items and curves are reduced in
    /// parallel) and one more as a margin. For the bundled 8 sites, 1,000,000 paths and
    /// 2 workers: (9 · (31 + 2 + 5) + 8 + 5 + 2 · 2 + 1) · 10⁶ · 8 B = 2,880,000,000 B (about 2.9 GB).
    /// A shard keeps no climate PUE, so for it this is 8 B per site and path more than it uses.
    /// </summary>
    /// <param name="sites">Sites simulated (the portfolio comes on top).</param>
    /// <param name="paths">Paths held at once.</param>
    /// <param name="threads">Worker threads (<see cref="SimulationSettings.EffectiveWorkers"/>).</param>
    public static long WorkingSetBytes(int sites, int paths, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sites);
        ArgumentOutOfRangeException.ThrowIfNegative(paths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        // PathBuffers: Values (every metric per entity), Occurrence and Npv (one row per entity),
        // the financial NPVs (FinancialSeries.NpvRows per entity) and the climate PUE (one row per site).
        var pathBufferRows = ((sites + 1L) * (MetricNames.Count + 2 + Internal.FinancialSeries.NpvRows)) + sites;
        var reductionRows = (2L * threads) + 1;
        return (pathBufferRows + Internal.PathDrawCache.Rows + reductionRows) * paths * sizeof(double);
    }

    /// <summary>
    /// Bytes that comparing candidates or measures (<c>CandidateComparison</c>) keeps while it
    /// runs: every worker's work space — the running NPV of one site and of its (unused)
    /// portfolio row, the cache of year-independent path draws (5 rows), a sample row and a
    /// reduction row; the means are summed from the kernel's rows, so no metric row is kept —
    /// and <paramref name="evaluationsHeld"/> per-path NPV rows kept across workers (every
    /// candidate of a scenario, or every measure site's baseline per scenario plus one evaluation
    /// per worker). For 2 workers, 12 candidates and 1,000,000 paths:
    /// (2 · (2 + 5 + 2) + 12) · 10⁶ · 8 B = 240,000,000 B.
    /// </summary>
    /// <param name="evaluationsHeld">Per-path NPV rows held at once.</param>
    /// <param name="paths">Paths per evaluation.</param>
    /// <param name="threads">Worker threads, each with its own work space.</param>
    public static long ComparisonBytes(int evaluationsHeld, int paths, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(evaluationsHeld);
        ArgumentOutOfRangeException.ThrowIfNegative(paths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        var workspaceRows = 2L + Internal.PathDrawCache.Rows + 2;
        return ((threads * workspaceRows) + evaluationsHeld) * paths * sizeof(double);
    }

    /// <summary>
    /// The largest path count whose path buffers fit in .NET arrays for <paramref name="sites"/>
    /// sites: the largest buffer holds every metric of every site and the portfolio, so
    /// MetricNames.Count · (sites + 1) · paths ≤ <see cref="Array.MaxLength"/>
    /// (for 8 sites: 2,147,483,591 / (31 · 9) = 7,697,073 paths).
    /// </summary>
    public static int MaxPaths(int sites)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sites);
        return (int)(Array.MaxLength / ((long)MetricNames.Count * (sites + 1)));
    }
}
