namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>Selection of order statistics without a full sort (Hoare's quickselect).</summary>
internal static class OrderStatistics
{
    /// <summary>
    /// Rearranges <paramref name="values"/> so that values[k] is its k-th smallest (0-based),
    /// everything before it ≤ and everything after it ≥. Deterministic: the same input gives
    /// the same arrangement.
    /// </summary>
    public static double Select(Span<double> values, int k)
    {
        var lo = 0;
        var hi = values.Length - 1;
        while (hi > lo)
        {
            var mid = lo + ((hi - lo) >> 1);
            // Median of three as the pivot keeps sorted and constant runs from going quadratic.
            if (values[mid] < values[lo])
            {
                (values[mid], values[lo]) = (values[lo], values[mid]);
            }

            if (values[hi] < values[lo])
            {
                (values[hi], values[lo]) = (values[lo], values[hi]);
            }

            if (values[hi] < values[mid])
            {
                (values[hi], values[mid]) = (values[mid], values[hi]);
            }

            var pivot = values[mid];
            var i = lo;
            var j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }

        return values[k];
    }

    /// <summary>Smallest element of a non-empty span.</summary>
    public static double Min(ReadOnlySpan<double> values)
    {
        var min = values[0];
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < min)
            {
                min = values[i];
            }
        }

        return min;
    }
}
