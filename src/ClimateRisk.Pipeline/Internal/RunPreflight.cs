using System.Globalization;
using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Pipeline.Internal;

/// <summary>
/// The checks of <c>run</c>'s options that need the inputs (the site count) but nothing
/// simulated: that the path buffers fit in .NET arrays and in the memory available, and that
/// every shard gets enough paths. Each problem is one <c>error:</c> line naming the option, what
/// is needed and the largest value that works.
/// </summary>
internal static class RunPreflight
{
    /// <summary>A shard needs at least this many paths: its cells carry a standard error.</summary>
    public const int MinimumShardPaths = 2;

    /// <summary>The memory the process may use: the machine's available memory, or the GC heap limit of a container or DOTNET_GCHeapHardLimit.</summary>
    public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The first problem with simulating <paramref name="settings"/> for <paramref name="sites"/> sites, or null.</summary>
    /// <param name="settings">The run's settings (a shard's are those of the whole run).</param>
    /// <param name="shard">The shard this process simulates, or null.</param>
    /// <param name="sites">Sites of the portfolio.</param>
    /// <param name="availableBytes">Memory the process may use (<see cref="AvailableBytes"/>).</param>
    public static string? Problem(SimulationSettings settings, ShardSpec? shard, int sites, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var inv = CultureInfo.InvariantCulture;
        var paths = settings.Paths;
        if (shard is { } s)
        {
            var smallest = paths / s.Count;
            if (smallest < MinimumShardPaths)
            {
                return string.Create(inv, $"error: --paths {paths} over --shard {s}: a shard would get {smallest} path{(smallest == 1 ? string.Empty : "s")}; each of the {s.Count} shards needs at least {MinimumShardPaths} (for its standard error): give --paths {MinimumShardPaths * s.Count} or more, or at most {Math.Max(1, paths / MinimumShardPaths)} shards.");
            }

            // This process holds only its own shard's paths.
            paths = s.Range(paths).Length;
        }

        var what = shard is null ? "--paths" : "--paths per shard";
        var maxPaths = SimulationMemory.MaxPaths(sites);
        if (paths > maxPaths)
        {
            return string.Create(inv, $"error: {what} {paths:N0}: a path buffer of {MetricNames.Count} metrics × {sites + 1} sites and portfolio × {paths:N0} paths does not fit in one .NET array (at most {Array.MaxLength:N0} values); the largest --paths for {sites} sites is {maxPaths:N0}{ShardHint(shard, maxPaths)}.");
        }

        var threads = settings.EffectiveWorkers;
        var needed = SimulationMemory.WorkingSetBytes(sites, paths, threads);
        if (needed > availableBytes)
        {
            var perPath = SimulationMemory.WorkingSetBytes(sites, 1, threads);
            var largest = availableBytes / perPath;
            return string.Create(inv, $"error: {what} {paths:N0}: the path buffers of {sites} sites on {threads} workers need {Gib(needed)} of memory, {Gib(availableBytes)} is available; the largest --paths that fits is {largest:N0}{ShardHint(shard, largest)}.");
        }

        return null;
    }

    /// <summary>
    /// The first problem with comparing candidates or measures at <paramref name="settings"/>'s
    /// path count, or null: each evaluation holds one site and its portfolio row per path buffer
    /// (so a larger bound than a run's), and the work spaces of every worker plus
    /// <paramref name="evaluationsHeld"/> per-path NPV rows must fit in memory
    /// (<see cref="SimulationMemory.ComparisonBytes"/>).
    /// </summary>
    /// <param name="settings">The comparison's settings.</param>
    /// <param name="what">What is compared, for the message (e.g. "12 candidates").</param>
    /// <param name="evaluationsHeld">Per-path NPV rows held at once.</param>
    /// <param name="availableBytes">Memory the process may use (<see cref="AvailableBytes"/>).</param>
    public static string? CompareProblem(SimulationSettings settings, string what, int evaluationsHeld, long availableBytes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var inv = CultureInfo.InvariantCulture;
        var paths = settings.Paths;
        var maxPaths = SimulationMemory.MaxPaths(1);
        if (paths > maxPaths)
        {
            return string.Create(inv, $"error: --paths {paths:N0}: a path buffer of {MetricNames.Count} metrics × 2 (the site and its portfolio row) × {paths:N0} paths does not fit in one .NET array (at most {Array.MaxLength:N0} values); the largest --paths for compare is {maxPaths:N0}.");
        }

        var threads = settings.EffectiveWorkers;
        var needed = SimulationMemory.ComparisonBytes(evaluationsHeld, paths, threads);
        if (needed > availableBytes)
        {
            var largest = availableBytes / SimulationMemory.ComparisonBytes(evaluationsHeld, 1, threads);
            return string.Create(inv, $"error: --paths {paths:N0}: comparing {what} on {threads} workers needs {Gib(needed)} of memory, {Gib(availableBytes)} is available; the largest --paths that fits is {largest:N0} (or compare fewer at a time).");
        }

        return null;
    }

    private static string ShardHint(ShardSpec? shard, long largest)
        => shard is { } s ? string.Create(CultureInfo.InvariantCulture, $" per shard (--paths {largest * s.Count:N0} over {s.Count} shards), or use more shards") : " (split a larger run with --shard)";

    private static string Gib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB");
}
