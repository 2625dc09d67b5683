using ClimateRisk.Core.Statistics.Internal;

namespace ClimateRisk.Core.Statistics;

/// <summary>
/// Reduces the per-path values of one cell to its <see cref="CellStatistics"/>. Quantiles are
/// exact order statistics of the simulated paths with linear interpolation between adjacent
/// order statistics (Hyndman &amp; Fan 1996 type 7, the default of R and NumPy):
/// Q(p) = x₍ⱼ₎ + (h − j)(x₍ⱼ₊₁₎ − x₍ⱼ₎), h = (n − 1)p, j = ⌊h⌋, x sorted ascending, 0-based.
/// </summary>
public static class SampleSummary
{
    /// <summary>The probabilities reported as quantiles.</summary>
    public static ReadOnlySpan<double> Probabilities => [0.05, 0.25, 0.50, 0.75, 0.95, 0.99];

    /// <summary>Summarises <paramref name="values"/> (path order) using <paramref name="scratch"/> (same length or longer).</summary>
    /// <param name="values">Per-path values, in path order; not modified.</param>
    /// <param name="threshold">Materiality threshold for <see cref="CellStatistics.PExceed"/>, or NaN for none.</param>
    /// <param name="scratch">Work space; overwritten.</param>
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

        // Two passes (sum, then squared deviations) rather than Welford's update: no division per
        // value, and the same sums in the same order whatever the thread count.
        var sum = 0.0;
        var exceed = 0L;
        var allEqual = true;
        var first = values[0];
        foreach (var v in values)
        {
            sum += v;
            exceed += v > threshold ? 1 : 0;
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

        var mean = sum / n;
        var squares = 0.0;
        foreach (var v in values)
        {
            var d = v - mean;
            squares += d * d;
        }

        var sd = n > 1 ? Math.Sqrt(squares / (n - 1)) : 0;
        var work = scratch[..n];
        values.CopyTo(work);

        // TVaR99 first: partition off the ⌈n/100⌉ largest; every later quantile lies in the rest.
        var tailCount = (int)Math.Ceiling(n * 0.01);
        var tailStart = n - tailCount;
        OrderStatistics.Select(work, tailStart);
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
            Mean = mean,
            StandardError = sd / Math.Sqrt(n),
            StandardDeviation = sd,
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

    /// <summary>Type-7 quantiles of <paramref name="values"/> at each of <paramref name="probabilities"/> (any order); values are rearranged.</summary>
    public static void Quantiles(Span<double> values, ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        if (destination.Length < probabilities.Length)
        {
            throw new ArgumentException("Destination is shorter than the probabilities.", nameof(destination));
        }

        values.Sort();
        for (var i = 0; i < probabilities.Length; i++)
        {
            var h = (values.Length - 1) * probabilities[i];
            var j = (int)Math.Floor(h);
            destination[i] = j + 1 < values.Length ? values[j] + ((h - j) * (values[j + 1] - values[j])) : values[j];
        }
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

        xj = OrderStatistics.Select(work[..upper], j);
        xNext = j + 1 < upper ? OrderStatistics.Min(work[(j + 1)..upper]) : (j + 1 < n ? OrderStatistics.Min(work[(j + 1)..]) : xj);
        upper = j;
        return xj + ((h - j) * (xNext - xj));
    }
}
