namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Items [0, count) on the run's workers, which take consecutive chunks from one shared
/// counter, each chunk 1/(2 × workers) of what is left (guided self-scheduling), at most
/// <see cref="MaxChunk"/> and at least one item, so the phase ends on single items.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> gives each worker half of
/// the range and hands it chunks of up to 16 items from its half until the halves run out, so a
/// phase could end with one worker still on 16 blocks of the kernel (about 2 ms) or 16 cells of
/// the reduction while the other waited at the barrier. In the standard workload at two
/// workers (temporary stopwatches around each item and each phase) the kernel's idle time
/// (2 × wall − the items' time) went from 0.18–0.24 s to 0.06–0.12 s and the year cells' from
/// 0.19–0.29 s to 0.07–0.12 s.
/// </para>
/// <para>
/// Chunks, not single items: handing the kernel's blocks out one at a time, so the two
/// workers' blocks alternate, made the kernel's own time 8 % larger (10.1–10.2 s of items
/// against 9.3–9.45 s with chunks of up to 16, three runs each); chunks of up to 64 or of half
/// the remainder were no different from 16. See docs/performance.md, "Eleventh session".
/// </para>
/// <para>
/// Every item writes only its own slots, so which worker takes it changes no bit of the
/// results.
/// </para>
/// </remarks>
internal static class ItemQueue
{
    /// <summary>The largest chunk a worker takes at once (<see cref="Parallel"/>'s own largest).</summary>
    internal const int MaxChunk = 16;

    /// <summary>body(item) for every item; see the class summary.</summary>
    public static void For(int count, ParallelOptions options, Action<int> body) =>
        For(count, options, static () => 0, (item, local) =>
        {
            body(item);
            return local;
        }, static _ => { });

    /// <summary>
    /// local = body(item, local) for every item, with one local state per worker from
    /// <paramref name="localInit"/>, handed to <paramref name="localFinally"/> when that worker
    /// finds no item left (also after an exception). An exception or cancellation stops the
    /// other workers before their next item and is thrown as
    /// <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> throws it.
    /// </summary>
    public static void For<TLocal>(int count, ParallelOptions options, Func<TLocal> localInit, Func<int, TLocal, TLocal> body, Action<TLocal> localFinally)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var workers = Math.Min(options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount, count);
        var next = 0;
        Parallel.For(0, workers, options, (_, state) =>
        {
            var local = localInit();
            try
            {
                while (!state.ShouldExitCurrentIteration && !options.CancellationToken.IsCancellationRequested)
                {
                    var (first, end) = Take(ref next, count, workers);
                    if (first >= count)
                    {
                        break;
                    }

                    for (var item = first; item < end; item++)
                    {
                        local = body(item, local);
                    }
                }
            }
            finally
            {
                localFinally(local);
            }
        });
    }

    /// <summary>The next chunk [first, end) of the counter; first ≥ count when none is left.</summary>
    internal static (int First, int End) Take(ref int next, int count, int workers)
    {
        while (true)
        {
            var first = Volatile.Read(ref next);
            if (first >= count)
            {
                return (first, first);
            }

            var end = first + Math.Clamp((count - first) / (2 * workers), 1, MaxChunk);
            if (Interlocked.CompareExchange(ref next, end, first) == first)
            {
                return (first, end);
            }
        }
    }
}
