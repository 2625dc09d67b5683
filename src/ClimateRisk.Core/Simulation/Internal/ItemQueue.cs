namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Items [0, count) on the run's workers, which take consecutive chunks from the two ends of
/// what is left — even-numbered workers from the front, odd-numbered ones from the back — each
/// chunk 1/(2 × workers) of what is left (guided self-scheduling), at most
/// <see cref="MaxChunk"/> and at least one item, so the phase ends on single items where the
/// ends meet.
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
/// From both ends rather than from one counter: the kernel's two workers then write their
/// blocks' rows far apart instead of 16 blocks apart, and the standard workload's kernel took
/// 0.08–0.12 s less at two workers (8 of 9 pairs lower, the wall 0.11 s; docs/performance.md,
/// "Twenty-first session"). One worker takes from the front, as before.
/// </para>
/// <para>
/// The workers are the calling thread and the <see cref="WorkerGang"/>'s helpers, which stay
/// awake between phases; <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/>
/// runs the phase when the gang is busy with another caller's. With the thread pool a phase's
/// second worker started 0.15–0.4 ms after the first (temporary probe: 97–148 ms over the
/// 361 phases a standard run then had); with the gang the standard workload's wall was 0.12–0.27 s
/// lower (JIT, 8 of 8 pairs) and 10,000 paths' 0.06 s (AOT, 5 of 5; docs/performance.md,
/// twenty-first session).
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
        var left = Left(count);
        var stop = 0;
        void Work(int worker)
        {
            TLocal local;
            try
            {
                local = localInit();
            }
            catch
            {
                Volatile.Write(ref stop, 1);
                throw;
            }

            try
            {
                while (Volatile.Read(ref stop) == 0 && !options.CancellationToken.IsCancellationRequested)
                {
                    var (first, end) = Take(ref left, count, workers, fromBack: (worker & 1) == 1);
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
            catch
            {
                // The other workers stop before their next chunk.
                Volatile.Write(ref stop, 1);
                throw;
            }
            finally
            {
                localFinally(local);
            }
        }

        if (workers > 1 && WorkerGang.TryRun(workers, Work, out var thrown))
        {
            // As Parallel.For reports them: the workers' exceptions together, else the cancellation.
            if (thrown.Count > 0)
            {
                throw new AggregateException(thrown);
            }

            options.CancellationToken.ThrowIfCancellationRequested();
            return;
        }

        Parallel.For(0, workers, options, Work);
    }

    /// <summary>The items [0, <paramref name="count"/>) all left, as <see cref="Take"/> reads them: the front in the low 32 bits, the back in the high.</summary>
    internal static long Left(int count) => (long)count << 32;

    /// <summary>
    /// The next chunk [first, end) from the front or the back of the items <paramref name="left"/>
    /// (<see cref="Left"/>; both ends change in one compare-exchange); first ≥ count when none is left.
    /// </summary>
    internal static (int First, int End) Take(ref long left, int count, int workers, bool fromBack)
    {
        while (true)
        {
            var seen = Volatile.Read(ref left);
            var front = (int)(uint)seen;
            var back = (int)(seen >> 32);
            if (front >= back)
            {
                return (count, count);
            }

            var size = Math.Clamp((back - front) / (2 * workers), 1, MaxChunk);
            var (first, end) = fromBack ? (back - size, back) : (front, front + size);
            var next = fromBack ? ((long)first << 32) | (uint)front : ((long)back << 32) | (uint)end;
            if (Interlocked.CompareExchange(ref left, next, seen) == seen)
            {
                return (first, end);
            }
        }
    }
}
