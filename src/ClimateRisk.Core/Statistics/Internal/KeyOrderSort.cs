using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>
/// Sorts a short span of doubles ascending by <see cref="RadixSelect.Key"/> (IEEE totalOrder:
/// −0 before +0, NaN by its bits), in place: the values are turned into their keys, the keys
/// sorted as integers (insertion sort up to 16, above that a median-of-three partition, the
/// smaller side first), and the keys turned back.
/// </summary>
/// <remarks>
/// Why not <c>Span&lt;double&gt;.Sort()</c>: in the ahead-of-time build it compares through
/// <c>Comparer&lt;double&gt;.Default</c>, a call per comparison (the JIT build's sort inlines
/// them), and the selection's last step sorts many regions of up to 64 values: 1.6 % of a
/// one-worker run's samples against 0.7 % in the JIT build (docs/performance.md, twentieth
/// session). Keys that compare equal are the same bits, so the result does not depend on the
/// algorithm; <c>Span.Sort</c> orders equal values as its algorithm happens to, which only
/// differs from this where a span holds both −0 and +0. For short spans: the partition has no
/// guard against its quadratic worst case.
/// </remarks>
internal static class KeyOrderSort
{
    /// <summary>Spans at most this long are sorted by insertion.</summary>
    private const int InsertionThreshold = 16;

    /// <summary>Sorts <paramref name="values"/> ascending in totalOrder (see the class remarks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(Span<double> values)
    {
        var keys = ToKeys(values);
        SortKeys(keys);
        FromKeys(keys);
    }

    /// <summary>
    /// results[r] = the value of rank <paramref name="ranks"/>[r] (0-based, ascending, distinct)
    /// in totalOrder, the same bits <see cref="Sort"/> would put there; <paramref name="values"/>
    /// holds the same multiset afterwards, in no particular order.
    /// </summary>
    /// <remarks>
    /// Why: the selection's last step wants one or two ranks of a region of up to 64 values (a
    /// quantile's pair j, j + 1), and sorting all of it was 3 % of a 10,000-path run's samples.
    /// The partitions here are <see cref="Sort"/>'s, but only the sides that hold a wanted rank
    /// are taken further, and those of at most 16 keys are sorted by insertion as there.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Select(Span<double> values, ReadOnlySpan<int> ranks, Span<double> results)
    {
        if (results.Length < ranks.Length)
        {
            throw new ArgumentException("The results are shorter than the ranks.", nameof(results));
        }

        for (var r = 0; r < ranks.Length; r++)
        {
            if ((uint)ranks[r] >= (uint)values.Length || (r > 0 && ranks[r] <= ranks[r - 1]))
            {
                throw new ArgumentOutOfRangeException(nameof(ranks), ranks[r], $"Ranks must be ascending, distinct and below {values.Length}.");
            }
        }

        var keys = ToKeys(values);
        SelectKeys(keys, ranks, 0);
        FromKeys(keys);
        for (var r = 0; r < ranks.Length; r++)
        {
            results[r] = values[ranks[r]];
        }
    }

    /// <summary>Turns <paramref name="values"/> into their keys (<see cref="RadixSelect.Key"/>) in place.</summary>
    private static Span<ulong> ToKeys(Span<double> values)
    {
        var keys = MemoryMarshal.Cast<double, ulong>(values);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = RadixSelect.Key(values[i]);
        }

        return keys;
    }

    /// <summary>
    /// Turns keys back into the values' bits in place: the inverse of <see cref="RadixSelect.Key"/>
    /// (a key with its top bit set was a value with its sign bit clear).
    /// </summary>
    private static void FromKeys(Span<ulong> keys)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            var key = keys[i];
            keys[i] = key ^ ((ulong)((long)~key >> 63) | RadixSelect.SignBit);
        }
    }

    /// <summary>Puts the keys of <paramref name="ranks"/> (less <paramref name="offset"/>, the position of keys[0] in the whole) at their sorted places.</summary>
    private static void SelectKeys(Span<ulong> keys, ReadOnlySpan<int> ranks, int offset)
    {
        while (!ranks.IsEmpty)
        {
            if (keys.Length <= InsertionThreshold)
            {
                SortKeys(keys);
                return;
            }

            var split = Partition(keys);
            var left = 0;
            while (left < ranks.Length && ranks[left] - offset < split)
            {
                left++;
            }

            // The side with fewer ranks by recursion, the other by the loop.
            if (left < ranks.Length - left)
            {
                SelectKeys(keys[..split], ranks[..left], offset);
                keys = keys[split..];
                ranks = ranks[left..];
                offset += split;
            }
            else
            {
                SelectKeys(keys[split..], ranks[left..], offset + split);
                keys = keys[..split];
                ranks = ranks[..left];
            }
        }
    }

    private static void SortKeys(Span<ulong> keys)
    {
        while (keys.Length > InsertionThreshold)
        {
            var split = Partition(keys);
            if (split < keys.Length - split)
            {
                SortKeys(keys[..split]);
                keys = keys[split..];
            }
            else
            {
                SortKeys(keys[split..]);
                keys = keys[..split];
            }
        }

        for (var i = 1; i < keys.Length; i++)
        {
            var key = keys[i];
            var j = i - 1;
            while (j >= 0 && keys[j] > key)
            {
                keys[j + 1] = keys[j];
                j--;
            }

            keys[j + 1] = key;
        }
    }

    /// <summary>
    /// Hoare's partition about the median of the first, middle and last key, which also serve
    /// as the scans' sentinels; returns s with every key of [0, s) ≤ every key of [s, n), 0 &lt; s &lt; n.
    /// </summary>
    private static int Partition(Span<ulong> keys)
    {
        var last = keys.Length - 1;
        var middle = keys.Length >> 1;
        SwapIfGreater(ref keys[0], ref keys[middle]);
        SwapIfGreater(ref keys[0], ref keys[last]);
        SwapIfGreater(ref keys[middle], ref keys[last]);
        var pivot = keys[middle];
        var i = 0;
        var j = last;
        while (true)
        {
            do
            {
                i++;
            }
            while (keys[i] < pivot);

            do
            {
                j--;
            }
            while (pivot < keys[j]);

            if (i >= j)
            {
                return j + 1;
            }

            (keys[i], keys[j]) = (keys[j], keys[i]);
        }
    }

    private static void SwapIfGreater(ref ulong a, ref ulong b)
    {
        if (a > b)
        {
            (a, b) = (b, a);
        }
    }
}
