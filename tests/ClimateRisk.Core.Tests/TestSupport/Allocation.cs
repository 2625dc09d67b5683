namespace ClimateRisk.Core.Tests.TestSupport;

/// <summary>Bytes a piece of code allocates on the calling thread.</summary>
internal static class Allocation
{
    /// <summary>
    /// Runs <paramref name="action"/> once to warm up, then <paramref name="runs"/> times, and
    /// returns the fewest bytes any measured run allocated. The runtime itself occasionally
    /// allocates on the thread while it swaps in re-jitted code (tiered compilation, on-stack
    /// replacement), which has made a single measurement flaky here (7,208 bytes once, 0 on
    /// rerun); code that allocates per call allocates on every run, so the minimum still catches it.
    /// </summary>
    public static long LeastOf(int runs, Action action)
    {
        action();
        var least = long.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
