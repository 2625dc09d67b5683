using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Memory for the path buffers — arrays of tens to thousands of megabytes, written by the kernel
/// and read by the reduction, year after year — and for the kernel's and the reduction's work
/// arrays, each starting on a 64-byte line. On Linux the pages inside each large array are
/// advised as transparent-huge-page candidates (<c>madvise(MADV_HUGEPAGE)</c>) before their
/// first touch.
/// </summary>
/// <remarks>
/// Why: every first touch of a 4 KiB page is a fault, and in a virtual machine a fault is
/// expensive — 25,000 faults took about 0.17 s of a 3.7 s one-worker run of 20,000 paths here
/// (<c>perf stat -e page-faults</c> and the samples under <c>exc_page_fault</c>), 4 % of the run,
/// most of them the path buffers' first year. A 2 MiB page is one fault for 512 of them. With
/// transparent huge pages set to <c>madvise</c> (the Debian and Ubuntu default) nothing else in
/// the process is affected; with <c>never</c>, or off Linux, the advice is not given or is
/// ignored and the arrays are ordinary arrays. Each array is pinned (never moved by the GC, so
/// the advised range and the line boundary stay its own) and cleared after the advice, so its
/// contents are zero as with <c>new double[]</c>.
/// </remarks>
internal static partial class PathMemory
{
    /// <summary>Below this the advice would cover no whole huge page or gain nothing.</summary>
    private const long MinimumAdvisedBytes = 8L << 20;

    private const long HugePageBytes = 2L << 20;

    /// <summary>MADV_HUGEPAGE in linux/mman-common.h.</summary>
    private const int AdviseHugePage = 14;

    private static bool _adviceUnavailable;

    /// <summary>
    /// <paramref name="length"/> zeroed doubles starting on a 64-byte line, in a pinned array,
    /// huge-page backed where the system allows.
    /// </summary>
    /// <remarks>
    /// A .NET array's elements start 16 bytes past an 8-byte-aligned object, so anywhere in a
    /// line (56 bytes in, for the standard workload's buffers). Then every block's row segment
    /// (2 KiB) begins and ends inside a line: those two lines are stored through the cache (a
    /// read of each from memory first) beside the non-temporal stores, and every 64-byte
    /// vector load of the reduction's passes spans two lines. The segment starts at the
    /// array's first line boundary instead (the array is up to 7 doubles longer); the array is
    /// pinned, so the boundary stays where it is.
    /// </remarks>
    /// <param name="length">Doubles.</param>
    /// <param name="workers">
    /// Threads that clear it (at most): the clear is the first touch, and in this VM the host
    /// backs fresh memory at about 0.45 s per 260 MB, partly in parallel — two threads took
    /// 0.34–0.43 s against 0.45–0.48 s for one (docs/performance.md, sixth session).
    /// </param>
    public static unsafe ArraySegment<double> Allocate(int length, int workers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        const int lineDoubles = 64 / sizeof(double);
        var array = GC.AllocateUninitializedArray<double>(checked(length + lineDoubles - 1), pinned: true);
        int start;
        fixed (double* p = array)
        {
            start = (int)(((64 - ((nuint)p & 63)) & 63) / sizeof(double));
        }

        var bytes = (long)array.Length * sizeof(double);
        if (bytes >= MinimumAdvisedBytes && OperatingSystem.IsLinux() && !Volatile.Read(ref _adviceUnavailable))
        {
            Advise(array, bytes);
        }

        Clear(array, workers);
        return new ArraySegment<double>(array, start, length);
    }

    /// <summary>
    /// The span of <paramref name="segment"/> (empty for the default segment), made from its
    /// array's data reference: the same span as the implicit conversion, which the
    /// ahead-of-time build does not inline — a call each time the kernel took one of its
    /// scratch rows or path buffers, 0.57–0.63 % of a one-worker run's samples (docs/performance.md,
    /// twentieth session). The segment's bounds were checked when it was made.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Span<double> Span(ArraySegment<double> segment)
        => segment.Array is { } array
            ? MemoryMarshal.CreateSpan(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), segment.Offset), segment.Count)
            : default;

    /// <summary>Zeroes <paramref name="array"/> in 2 MiB pieces on up to <paramref name="workers"/> threads.</summary>
    internal static void Clear(double[] array, int workers)
    {
        var chunk = (int)(HugePageBytes / sizeof(double));
        var chunks = (array.Length + chunk - 1) / chunk;
        if (workers <= 1 || chunks < 2)
        {
            Array.Clear(array);
            return;
        }

        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = workers }, c => array.AsSpan(c * chunk, Math.Min(chunk, array.Length - (c * chunk))).Clear());
    }

    private static unsafe void Advise(double[] array, long bytes)
    {
        fixed (double* p = array)
        {
            var start = ((long)p + HugePageBytes - 1) & ~(HugePageBytes - 1);
            var end = ((long)p + bytes) & ~(HugePageBytes - 1);
            if (end <= start)
            {
                return;
            }

            try
            {
                // A refusal (EINVAL where THP is compiled out) leaves ordinary pages: nothing to report.
                _ = Madvise((nint)start, (nuint)(end - start), AdviseHugePage);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                Volatile.Write(ref _adviceUnavailable, true);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Madvise(nint address, nuint length, int advice);
}
