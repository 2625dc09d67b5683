using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ClimateRisk.Core.Statistics.Internal;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The tail sort the reduction used until the fifteenth session (then
/// <c>RadixSelect.SortAscending</c>), kept here only as <see cref="TailSumBenchmarks"/>'
/// baseline: TVaR99 added the values above x₍ₙ₋ₖ₎ in ascending order; it now takes their exact
/// sum, correctly rounded, which needs no order. Up to 32 values by insertion; fewer than 512 by
/// <see cref="MemoryExtensions.Sort{T}(Span{T})"/>; more by one counting pass over their own
/// key range, a scatter in bucket order, and insertion (or a sort) inside the buckets.
/// </summary>
internal static class AscendingTailSum
{
    private const int RadixBits = 11;
    private const int SmallSort = 32;
    private const int BucketSortFrom = 512;

    /// <summary>The values (no NaN) sorted ascending (in <paramref name="values"/> or <paramref name="work"/>), then added in that order.</summary>
    public static double Sum(Span<double> values, Span<double> work)
    {
        var sum = 0.0;
        foreach (var v in SortAscending(values, work))
        {
            sum += v;
        }

        return sum;
    }

    /// <summary>Sorts <paramref name="values"/> (no NaN) ascending; returns <paramref name="values"/> or <paramref name="work"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Span<double> SortAscending(Span<double> values, Span<double> work)
    {
        var n = values.Length;
        if (n <= SmallSort)
        {
            InsertionSort(values);
            return values;
        }

        if (n < BucketSortFrom)
        {
            values.Sort();
            return values;
        }

        var (minKey, maxKey) = RadixSelect.KeyRange(values);
        if (minKey == maxKey)
        {
            return values;
        }

        var bits = Math.Clamp(BitOperations.Log2((uint)n), 4, RadixBits);
        var shift = Math.Max(0, 64 - BitOperations.LeadingZeroCount(maxKey - minKey) - bits);
        var buckets = 1 << bits;
        Span<int> start = stackalloc int[buckets + 1];
        start.Clear();
        ref var s = ref MemoryMarshal.GetReference(start);
        ref var x = ref MemoryMarshal.GetReference(values);
        for (var i = 0; i < n; i++)
        {
            Unsafe.Add(ref s, (int)((RadixSelect.Key(Unsafe.Add(ref x, i)) - minKey) >> shift) + 1)++;
        }

        var largest = 0;
        for (var b = 1; b <= buckets; b++)
        {
            largest = Math.Max(largest, Unsafe.Add(ref s, b));
            Unsafe.Add(ref s, b) += Unsafe.Add(ref s, b - 1);
        }

        // start[b] is now the first slot of bucket b; it moves to the next bucket's first as
        // bucket b is filled, so afterwards start[b] is bucket b's end.
        ref var d = ref MemoryMarshal.GetReference(work);
        for (var i = 0; i < n; i++)
        {
            var v = Unsafe.Add(ref x, i);
            Unsafe.Add(ref d, Unsafe.Add(ref s, (int)((RadixSelect.Key(v) - minKey) >> shift))++) = v;
        }

        var sorted = work[..n];
        if (largest <= SmallSort)
        {
            // Only values within a bucket are out of order, so one insertion pass over the
            // whole span costs a step per value and a shift per inversion.
            InsertionSort(sorted);
        }
        else
        {
            var from = 0;
            for (var b = 0; b < buckets; b++)
            {
                var to = start[b];
                if (to - from > SmallSort)
                {
                    sorted[from..to].Sort();
                }
                else if (to - from > 1)
                {
                    InsertionSort(sorted[from..to]);
                }

                from = to;
            }
        }

        return sorted;
    }

    /// <summary>Insertion sort by <c>&lt;</c> (no NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InsertionSort(Span<double> values)
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        for (var i = 1; i < values.Length; i++)
        {
            var v = Unsafe.Add(ref x, i);
            var j = i - 1;
            while (j >= 0 && Unsafe.Add(ref x, j) > v)
            {
                Unsafe.Add(ref x, j + 1) = Unsafe.Add(ref x, j);
                j--;
            }

            Unsafe.Add(ref x, j + 1) = v;
        }
    }
}
