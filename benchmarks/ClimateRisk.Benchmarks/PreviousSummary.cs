using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// SampleSummary.Summarize as it was before the selection rewrite (commit 13bd3f7: Welford pass,
/// then Hoare quickselect for the tail and for each quantile on a shrinking range), kept only so
/// the benchmarks can state the speed-up in one run.
/// </summary>
internal static class PreviousSummary
{
    private static ReadOnlySpan<double> Probabilities => SampleSummary.Probabilities;

    public static CellStatistics Summarize(ReadOnlySpan<double> values, double threshold, Span<double> scratch)
    {
        var n = values.Length;
        if (n == 0)
        {
            throw new ArgumentException("Cannot summarise an empty sample.", nameof(values));
        }

        if (scratch.Length < n)
        {
            throw new ArgumentException($"Scratch holds {scratch.Length} values, need {n}.", nameof(scratch));
        }

        var moments = default(RunningMoments);
        var exceed = 0L;
        var allEqual = true;
        var first = values[0];
        foreach (var v in values)
        {
            moments.Push(v);
            if (v > threshold)
            {
                exceed++;
            }

            allEqual &= v == first;
        }

        var pExceed = double.IsNaN(threshold) ? double.NaN : (double)exceed / n;
        if (allEqual)
        {
            // Common for perils a site is not exposed to: no selection needed.
            return new CellStatistics
            {
                Count = n, Mean = first, StandardError = 0, StandardDeviation = 0,
                P5 = first, P25 = first, P50 = first, P75 = first, P95 = first, P99 = first, TVaR99 = first, PExceed = pExceed,
            };
        }

        var work = scratch[..n];
        values.CopyTo(work);

        // TVaR99 first: partition off the ⌈n/100⌉ largest; every later quantile lies in the rest.
        var tailCount = (int)Math.Ceiling(n * 0.01);
        var tailStart = n - tailCount;
        PreviousSummary.Select(work, tailStart);
        var tailSum = 0.0;
        for (var i = tailStart; i < n; i++)
        {
            tailSum += work[i];
        }

        Span<double> quantiles = stackalloc double[6];
        var upper = n;
        for (var q = quantiles.Length - 1; q >= 0; q--)
        {
            quantiles[q] = Quantile(work, ref upper, Probabilities[q]);
        }

        return new CellStatistics
        {
            Count = n,
            Mean = moments.Mean,
            StandardError = n > 1 ? moments.StandardError : 0,
            StandardDeviation = n > 1 ? moments.StandardDeviation : 0,
            P5 = quantiles[0],
            P25 = quantiles[1],
            P50 = quantiles[2],
            P75 = quantiles[3],
            P95 = quantiles[4],
            P99 = quantiles[5],
            TVaR99 = tailSum / tailCount,
            PExceed = pExceed,
        };
    }

    // Values below `upper` are all ≤ values at and above it (earlier selections), so each
    // quantile, taken from the largest probability down, is selected within [0, upper).
    private static double Quantile(Span<double> work, ref int upper, double p)
    {
        var n = work.Length;
        var h = (n - 1) * p;
        var j = (int)Math.Floor(h);
        double xj;
        double xNext;
        if (j >= upper)
        {
            // Inside the already partitioned tail: order it (small) to read off the statistics.
            var tail = work[upper..];
            tail.Sort();
            xj = work[j];
            xNext = j + 1 < n ? work[j + 1] : xj;
            upper = j;
            return xj + ((h - j) * (xNext - xj));
        }

        xj = PreviousSummary.Select(work[..upper], j);
        xNext = j + 1 < upper ? PreviousSummary.Min(work[(j + 1)..upper]) : (j + 1 < n ? PreviousSummary.Min(work[(j + 1)..]) : xj);
        upper = j;
        return xj + ((h - j) * (xNext - xj));
    }

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
