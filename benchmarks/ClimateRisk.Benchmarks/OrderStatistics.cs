using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClimateRisk.Benchmarks;

/// <summary>Selection of several order statistics at once, without a full sort (the baseline <see cref="SelectionSummary"/>'s, moved here from Core).</summary>
internal static class OrderStatistics
{
    /// <summary>Segments at most this long are finished with a sort.</summary>
    private const int SortThreshold = 32;

    /// <summary>
    /// Rearranges <paramref name="values"/>[lo..hi) so that for every rank t in
    /// <paramref name="ranks"/> (ascending, each in [lo, hi)) values[t] is the t-th smallest of
    /// the whole span (0-based), everything before it ≤ and everything after it ≥. The segment
    /// must already hold exactly the order statistics lo..hi−1 of the span (true for the whole
    /// span, and for each side after a partition). Deterministic: the same input gives the same
    /// arrangement. Not defined for NaN.
    /// </summary>
    /// <remarks>
    /// Multiple quickselect (Hoare's FIND generalised to a sorted set of ranks; e.g. Kaligosi,
    /// Mehlhorn, Munro, Sanders 2005, "Towards optimal multiple selection"): partition, then
    /// continue only into the parts that hold a wanted rank. Partitions are branch-free Lomuto
    /// passes: on random data a compare-and-branch partition mispredicts about every other
    /// element, which made the previous Hoare quickselect cost as much as a full sort. Ties are
    /// handled by a second pass that splits off the block equal to the pivot when the pivot is
    /// the segment's minimum, so a point mass (the zeros of a loss distribution) is settled in
    /// one step. Pivot: median of three, or of three medians of three (Tukey's ninther) on long
    /// segments, at fixed positions.
    /// </remarks>
    public static void SelectMany(Span<double> values, int lo, int hi, ReadOnlySpan<int> ranks)
    {
        while (ranks.Length > 0)
        {
            if (hi - lo <= SortThreshold)
            {
                values[lo..hi].Sort();
                return;
            }

            var pivot = Pivot(values, lo, hi);
            var split = PartitionLess(values, lo, hi, pivot);
            if (split == lo)
            {
                // The pivot is the minimum: [lo, equal) holds copies of it, settled at once.
                var equal = PartitionLessOrEqual(values, lo, hi, pivot);
                var settled = 0;
                while (settled < ranks.Length && ranks[settled] < equal)
                {
                    settled++;
                }

                ranks = ranks[settled..];
                lo = equal;
                continue;
            }

            var left = 0;
            while (left < ranks.Length && ranks[left] < split)
            {
                left++;
            }

            if (left > 0 && left < ranks.Length)
            {
                SelectMany(values, lo, split, ranks[..left]);
            }

            if (left == ranks.Length)
            {
                hi = split;
            }
            else
            {
                lo = split;
                ranks = ranks[left..];
            }
        }
    }

    /// <summary>Moves values[lo..hi) below <paramref name="pivot"/> to the front; returns where the rest starts.</summary>
    private static int PartitionLess(Span<double> values, int lo, int hi, double pivot)
    {
        ref var v = ref MemoryMarshal.GetReference(values);
        var store = lo;
        for (var i = lo; i < hi; i++)
        {
            // Swap unconditionally and advance by the comparison: no data-dependent branch.
            var x = Unsafe.Add(ref v, i);
            Unsafe.Add(ref v, i) = Unsafe.Add(ref v, store);
            Unsafe.Add(ref v, store) = x;
            store += x < pivot ? 1 : 0;
        }

        return store;
    }

    /// <summary>Moves values[lo..hi) not above <paramref name="pivot"/> to the front; returns where the rest starts.</summary>
    private static int PartitionLessOrEqual(Span<double> values, int lo, int hi, double pivot)
    {
        ref var v = ref MemoryMarshal.GetReference(values);
        var store = lo;
        for (var i = lo; i < hi; i++)
        {
            var x = Unsafe.Add(ref v, i);
            Unsafe.Add(ref v, i) = Unsafe.Add(ref v, store);
            Unsafe.Add(ref v, store) = x;
            store += x <= pivot ? 1 : 0;
        }

        return store;
    }

    private static double Pivot(Span<double> values, int lo, int hi)
    {
        var n = hi - lo;
        var mid = lo + (n >> 1);
        if (n < 1024)
        {
            return Median(values[lo], values[mid], values[hi - 1]);
        }

        var step = n >> 3;
        return Median(
            Median(values[lo], values[lo + step], values[lo + (2 * step)]),
            Median(values[mid - step], values[mid], values[mid + step]),
            Median(values[hi - 1 - (2 * step)], values[hi - 1 - step], values[hi - 1]));
    }

    private static double Median(double a, double b, double c)
        => a < b
            ? (b < c ? b : (a < c ? c : a))
            : (a < c ? a : (b < c ? c : b));
}
