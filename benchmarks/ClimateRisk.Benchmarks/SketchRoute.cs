using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The two forms of issue 10's second reduction route (quantiles from a mergeable sketch, no
/// path buffers) measured in the fourteenth session, written only to be measured: a sketch
/// accumulated in the kernel (<see cref="Push"/>: each block's row counted into its cell's
/// bucket table) and a sketch counted later (<see cref="StoreIndices"/> in the kernel: the
/// row's bucket indices, 2 bytes a value instead of the value's 8; <see cref="CountIndices"/>
/// in the reduction, one cell's table at a time). Buckets are the double's exponent and top 7
/// mantissa bits (128 a binade, relative value error ≤ 1/257 = 0.39 %, within MODEL §11's
/// 0.5 %), so the index is a shift; magnitudes below 1e-9 count as zero (index 0), a negative
/// value's index is moved up by 2¹⁴. Not used by the engine: see docs/performance.md,
/// "Fourteenth session".
/// </summary>
internal sealed class SketchRoute
{
    /// <summary>Buckets a sign: 128 binades from 2⁻³⁰ up, 128 buckets each.</summary>
    public const int Slots = 1 << 14;

    private const long Bias = (1023L - 30) * 128;

    private readonly int[] _counts;
    private readonly int[] _base;
    private readonly int _window;

    /// <summary>Tables for <paramref name="cells"/> cells, each a window of <paramref name="window"/> buckets placed at the cell's first value.</summary>
    public SketchRoute(int cells, int window)
    {
        _window = window;
        _counts = new int[cells * window];
        _base = new int[cells];
        Array.Fill(_base, int.MinValue);
    }

    /// <summary>
    /// Counts <paramref name="row"/> (at most 256 values, a multiple of 8: a kernel block) into cell
    /// <paramref name="cell"/>'s table; an index outside the cell's window is counted at its edge,
    /// which costs the same as a wider table and keeps the measurement's tables at a fixed size.
    /// </summary>
    /// <remarks>
    /// The indices of the non-zero values are compressed into a stack list; a row whose indices
    /// span fewer than 64 buckets (a continuous cell: every value in a few buckets) is counted
    /// into an 8-way interleaved local table first, so a run of equal indices does not wait on
    /// one counter, then added to the cell's table; a wider row goes to the cell's table directly.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    public void Push(ReadOnlySpan<double> row, int cell)
    {
        Span<long> indices = stackalloc long[264];
        var count = Indices(row, indices, out var lowest, out var highest);
        if (count == 0)
        {
            return;
        }

        var window = _window;
        var origin = _base[cell];
        if (origin == int.MinValue)
        {
            origin = _base[cell] = (int)lowest - (window / 2);
        }

        ref var table = ref _counts[cell * window];
        if (highest - lowest < 64)
        {
            Span<int> local = stackalloc int[64 * 8];
            local.Clear();
            ref var slot = ref MemoryMarshal.GetReference(local);
            for (var k = 0; k < count; k++)
            {
                Unsafe.Add(ref slot, (nint)(((indices[k] - lowest) * 8) + (k & 7)))++;
            }

            for (var b = 0; b <= highest - lowest; b++)
            {
                var sum = 0;
                for (var l = 0; l < 8; l++)
                {
                    sum += local[(b * 8) + l];
                }

                Unsafe.Add(ref table, (nint)Math.Clamp((int)lowest - origin + b, 0, window - 1)) += sum;
            }

            return;
        }

        for (var k = 0; k < count; k++)
        {
            Unsafe.Add(ref table, (nint)Math.Clamp((int)indices[k] - origin, 0, window - 1))++;
        }
    }

    /// <summary>destination[i] = the bucket index of row[i] (0 for a zero), 32 values a step; a shorter tail gets 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void StoreIndices(ReadOnlySpan<double> row, Span<ushort> destination)
    {
        ref var source = ref MemoryMarshal.GetReference(row);
        ref var target = ref MemoryMarshal.GetReference(destination[..row.Length]);
        var i = 0;
        for (; i <= row.Length - 32; i += 32)
        {
            var a = Index(Vector512.LoadUnsafe(ref source, (nuint)i));
            var b = Index(Vector512.LoadUnsafe(ref source, (nuint)(i + 8)));
            var c = Index(Vector512.LoadUnsafe(ref source, (nuint)(i + 16)));
            var d = Index(Vector512.LoadUnsafe(ref source, (nuint)(i + 24)));
            var indices = Vector512.Narrow(Vector512.Narrow(a, b).AsInt32(), Vector512.Narrow(c, d).AsInt32());
            indices.AsUInt16().StoreUnsafe(ref target, (nuint)i);
        }

        for (; i < row.Length; i++)
        {
            Unsafe.Add(ref target, i) = 0;
        }
    }

    /// <summary>
    /// Counts a cell's stored indices: their range first (one vector pass), then every index
    /// into one of eight interleaved tables over that range (<paramref name="tables"/>, at least
    /// 8 × range long); returns Σ count · bucket so the work cannot be dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long CountIndices(ReadOnlySpan<ushort> indices, int[] tables)
    {
        ref var source = ref MemoryMarshal.GetReference(indices);
        var lowestLanes = Vector512.Create(ushort.MaxValue);
        var highestLanes = Vector512<ushort>.Zero;
        var i = 0;
        for (; i <= indices.Length - 32; i += 32)
        {
            var v = Vector512.LoadUnsafe(ref source, (nuint)i);
            lowestLanes = Vector512.Min(lowestLanes, v);
            highestLanes = Vector512.Max(highestLanes, v);
        }

        int lowest = ushort.MaxValue, highest = 0;
        for (var lane = 0; lane < Vector512<ushort>.Count; lane++)
        {
            lowest = Math.Min(lowest, lowestLanes.GetElement(lane));
            highest = Math.Max(highest, highestLanes.GetElement(lane));
        }

        for (; i < indices.Length; i++)
        {
            lowest = Math.Min(lowest, indices[i]);
            highest = Math.Max(highest, indices[i]);
        }

        var width = highest - lowest + 1;
        var counts = tables.AsSpan(0, 8 * width);
        counts.Clear();
        ref var table = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(tables), -8 * lowest);
        var k = 0;
        for (; k <= indices.Length - 8; k += 8)
        {
            for (var l = 0; l < 8; l++)
            {
                Unsafe.Add(ref table, (8 * Unsafe.Add(ref source, k + l)) + l)++;
            }
        }

        for (; k < indices.Length; k++)
        {
            Unsafe.Add(ref table, 8 * Unsafe.Add(ref source, k))++;
        }

        long total = 0;
        for (var w = 0; w < width; w++)
        {
            long sum = 0;
            for (var l = 0; l < 8; l++)
            {
                sum += counts[(8 * w) + l];
            }

            total += sum * (w + lowest);
        }

        return total;
    }

    /// <summary>
    /// A row's (at most 256 values, a multiple of 8) Σx, Σ(x − x̄)² about its own mean x̄ and count
    /// above <paramref name="threshold"/>, two passes on eight lanes; returns their sum so the work
    /// cannot be dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double BlockMoments(ReadOnlySpan<double> row, double threshold)
    {
        ref var source = ref MemoryMarshal.GetReference(row);
        var sum = Vector512<double>.Zero;
        var above = Vector512<long>.Zero;
        var t = Vector512.Create(threshold);
        for (var i = 0; i <= row.Length - 8; i += 8)
        {
            var v = Vector512.LoadUnsafe(ref source, (nuint)i);
            sum += v;
            above -= Vector512.GreaterThan(v, t).AsInt64();
        }

        var total = Vector512.Sum(sum);
        var mean = Vector512.Create(total / row.Length);
        var squares = Vector512<double>.Zero;
        for (var i = 0; i <= row.Length - 8; i += 8)
        {
            var d = Vector512.LoadUnsafe(ref source, (nuint)i) - mean;
            squares += d * d;
        }

        return total + Vector512.Sum(squares) + Vector512.Sum(above);
    }

    /// <summary>The bucket indices of a register (0 for |x| &lt; 1e-9).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Index(Vector512<double> v)
    {
        var bits = v.AsInt64();
        var magnitude = bits & Vector512.Create(long.MaxValue);
        var keep = Vector512.GreaterThanOrEqual(magnitude.AsDouble(), Vector512.Create(1e-9)).AsInt64();
        var index = Vector512.Min(Vector512.Max(Vector512.ShiftRightLogical(magnitude, 45) - Vector512.Create(Bias), Vector512<long>.One), Vector512.Create((long)Slots - 1));
        return (index | (Vector512.ShiftRightArithmetic(bits, 63) & Vector512.Create((long)Slots))) & keep;
    }

    /// <summary>The non-zero values' indices compressed into <paramref name="indices"/>; their count, smallest and largest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Indices(ReadOnlySpan<double> row, Span<long> indices, out long lowest, out long highest)
    {
        ref var source = ref MemoryMarshal.GetReference(row);
        ref var target = ref MemoryMarshal.GetReference(indices);
        var lowestLanes = Vector512.Create(long.MaxValue);
        var highestLanes = Vector512.Create(long.MinValue);
        var count = 0;
        for (var i = 0; i <= row.Length - 8; i += 8)
        {
            var index = Index(Vector512.LoadUnsafe(ref source, (nuint)i));
            var keep = ~Vector512.Equals(index, Vector512<long>.Zero);
            lowestLanes = Vector512.Min(lowestLanes, Vector512.ConditionalSelect(keep, index, Vector512.Create(long.MaxValue)));
            highestLanes = Vector512.Max(highestLanes, Vector512.ConditionalSelect(keep, index, Vector512.Create(long.MinValue)));
            Avx512F.Compress(Vector512<long>.Zero, keep, index).StoreUnsafe(ref target, (nuint)count);
            count += System.Numerics.BitOperations.PopCount(keep.ExtractMostSignificantBits());
        }

        lowest = long.MaxValue;
        highest = long.MinValue;
        for (var lane = 0; lane < Vector512<long>.Count; lane++)
        {
            lowest = Math.Min(lowest, lowestLanes.GetElement(lane));
            highest = Math.Max(highest, highestLanes.GetElement(lane));
        }

        return count;
    }
}
