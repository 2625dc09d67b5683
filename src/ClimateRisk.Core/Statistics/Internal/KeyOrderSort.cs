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
        var keys = MemoryMarshal.Cast<double, ulong>(values);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = RadixSelect.Key(values[i]);
        }

        SortKeys(keys);
        for (var i = 0; i < keys.Length; i++)
        {
            // The inverse of Key: a key with its top bit set was a value with its sign bit clear.
            var key = keys[i];
            keys[i] = key ^ ((ulong)((long)~key >> 63) | RadixSelect.SignBit);
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
