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
    /// the portfolio, plus the largest occurrence and the running NPV of each — and one path-length
    /// reduction work array per worker and one more as a margin. For the bundled 8 sites, 1,000,000 paths and
    /// 2 workers: (9 · (24 + 2) + 2 + 1) · 10⁶ · 8 B = 1,896,000,000 B (about 1.9 GB).
    /// </summary>
    /// <param name="sites">Sites simulated (the portfolio comes on top).</param>
    /// <param name="paths">Paths held at once.</param>
    /// <param name="threads">Worker threads (<see cref="SimulationSettings.EffectiveWorkers"/>).</param>
    public static long WorkingSetBytes(int sites, int paths, int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sites);
        ArgumentOutOfRangeException.ThrowIfNegative(paths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        // PathBuffers: Values (every metric per entity), Occurrence and Npv (one row per entity).
        var pathBufferRows = (sites + 1L) * (MetricNames.Count + 2);
        var reductionRows = threads + 1L;
        return (pathBufferRows + reductionRows) * paths * sizeof(double);
    }
}
