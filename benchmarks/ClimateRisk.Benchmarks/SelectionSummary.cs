using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// SampleSummary.Summarize as it was before the radix selection (commit 1c29805: census, two-pass
/// moments, a split around a sampled median, branch-free multiple quickselect), kept only so
/// the benchmarks can state the speed-up in one run. Original summary follows.
/// Reduces the per-path values of one cell to its <see cref="CellStatistics"/>. Quantiles are
/// exact order statistics of the simulated paths with linear interpolation between adjacent
/// order statistics (Hyndman &amp; Fan 1996 type 7, the default of R and NumPy):
/// Q(p) = x₍ⱼ₎ + (h − j)(x₍ⱼ₊₁₎ − x₍ⱼ₎), h = (n − 1)p, j = ⌊h⌋, x sorted ascending, 0-based.
/// TVaR99 = the mean of the k = ⌈n/100⌉ largest values, summed in ascending order, so it does
/// not depend on how the selection happened to arrange them.
/// </summary>
/// <remarks>
/// Cost on 100,000 paths: a vectorised census (exceedance count, NaN, constant — a constant
/// cell stops there), the moments by <see cref="RunningMoments.Of"/> (two vectorised passes),
/// a branch-free copy of the sample split around a sampled median, which on a loss
/// distribution is its zero mass and settles every quantile inside it at once, and a multiple
/// selection of the wanted ranks (j and j + 1 of each quantile, and n − k) with branch-free
/// partitions (<see cref="OrderStatistics.SelectMany"/>).
/// </remarks>
internal static class SelectionSummary
{
    /// <summary>The probabilities reported as quantiles.</summary>
    public static ReadOnlySpan<double> Probabilities => SampleSummary.Probabilities;

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

        var work = scratch[..n];
        var census = Census(values, threshold);
        var first = values[0];
        var pExceed = double.IsNaN(threshold) ? double.NaN : (double)census.Exceed / n;
        if (census.AllEqual)
        {
            // Common for perils a site is not exposed to: no moments or selection needed.
            return new CellStatistics
            {
                Count = n, Mean = first, StandardError = 0, StandardDeviation = 0,
                P5 = first, P25 = first, P50 = first, P75 = first, P95 = first, P99 = first, TVaR99 = first, PExceed = pExceed,
            };
        }

        var moments = RunningMoments.Of(values);
        var pivot = SampledMedian(values);
        var (below, above) = census.NanCount > 0 ? (0, n - 1) : Split(values, pivot, work);

        // TVaR99 is the mean of the ⌈n/100⌉ largest values.
        var tailCount = (int)Math.Ceiling(n * 0.01);
        var tailStart = n - tailCount;
        if (census.NanCount > 0)
        {
            // Selection is undefined with NaN; a sort is (NaN first), and such a cell is broken anyway.
            values.CopyTo(work);
            work.Sort();
        }
        else
        {
            work[below..(above + 1)].Fill(pivot);
            Span<int> ranks = stackalloc int[(2 * Probabilities.Length) + 1];
            ranks = ranks[..WantedRanks(n, Probabilities, tailStart, ranks)];
            var lowRanks = 0;
            while (lowRanks < ranks.Length && ranks[lowRanks] < below)
            {
                lowRanks++;
            }

            var highRanks = lowRanks;
            while (highRanks < ranks.Length && ranks[highRanks] <= above)
            {
                highRanks++;
            }

            OrderStatistics.SelectMany(work, 0, below, ranks[..lowRanks]);
            OrderStatistics.SelectMany(work, above + 1, n, ranks[highRanks..]);
        }

        // work[tailStart..] is exactly the multiset of the largest values; sorted, the sum has
        // one order whatever arrangement the selection left, and every order statistic in it
        // stays in place.
        var tail = work[tailStart..];
        tail.Sort();
        var tailSum = 0.0;
        foreach (var v in tail)
        {
            tailSum += v;
        }

        return new CellStatistics
        {
            Count = n,
            Mean = moments.Mean,
            StandardError = n > 1 ? moments.StandardError : 0,
            StandardDeviation = n > 1 ? moments.StandardDeviation : 0,
            P5 = Type7(work, Probabilities[0]),
            P25 = Type7(work, Probabilities[1]),
            P50 = Type7(work, Probabilities[2]),
            P75 = Type7(work, Probabilities[3]),
            P95 = Type7(work, Probabilities[4]),
            P99 = Type7(work, Probabilities[5]),
            TVaR99 = tailSum / tailCount,
            PExceed = pExceed,
        };
    }

    /// <summary>Type-7 quantiles of <paramref name="values"/> at each of <paramref name="probabilities"/> (any order); values are rearranged.</summary>
    /// <remarks>
    /// By multiple selection of the ranks j and j + 1 of every probability, O(n) instead of a
    /// sort's O(n log n), so the exceedance curves of a million-path run cost what the
    /// moments cost; a sample with NaN is sorted instead (selection is undefined with NaN).
    /// </remarks>
    public static void Quantiles(Span<double> values, ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        if (destination.Length < probabilities.Length)
        {
            throw new ArgumentException("Destination is shorter than the probabilities.", nameof(destination));
        }

        var n = values.Length;
        if (n == 0)
        {
            throw new ArgumentException("Cannot take quantiles of an empty sample.", nameof(values));
        }

        if (Census(values, double.NaN).NanCount > 0)
        {
            values.Sort();
        }
        else
        {
            foreach (var p in probabilities)
            {
                if (!(p >= 0 && p <= 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(probabilities), p, "Probabilities must lie in [0, 1].");
                }
            }

            var ranks = new int[(2 * probabilities.Length) + 1];
            var distinct = WantedRanks(n, probabilities, -1, ranks);
            OrderStatistics.SelectMany(values, 0, n, ranks.AsSpan(0, distinct));
        }

        for (var i = 0; i < probabilities.Length; i++)
        {
            destination[i] = Type7(values, probabilities[i]);
        }
    }

    /// <summary>
    /// The exceedance count, the NaN count and whether every value equals the first: compares
    /// only, four lanes at a time with a scalar tail.
    /// </summary>
    private static CensusResult Census(ReadOnlySpan<double> values, double threshold)
    {
        var first = values[0];
        long exceed = 0, nanCount = 0;
        var allEqual = true;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<double>.Count)
        {
            ref var x = ref MemoryMarshal.GetReference(values);
            var t = Vector256.Create(threshold);
            var f = Vector256.Create(first);
            var exceedLanes = Vector256<long>.Zero;
            var nanLanes = Vector256<long>.Zero;
            var equalLanes = Vector256<long>.AllBitsSet;
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref x, (nuint)i);

                // A true compare is all ones = −1 as a long, so subtracting counts it.
                exceedLanes -= Vector256.GreaterThan(v, t).AsInt64();
                nanLanes -= (~Vector256.Equals(v, v)).AsInt64();
                equalLanes &= Vector256.Equals(v, f).AsInt64();
            }

            exceed = Vector256.Sum(exceedLanes);
            nanCount = Vector256.Sum(nanLanes);
            allEqual = equalLanes == Vector256<long>.AllBitsSet;
        }

        for (; i < values.Length; i++)
        {
            var v = values[i];
            exceed += v > threshold ? 1 : 0;
            nanCount += double.IsNaN(v) ? 1 : 0;
            allEqual &= v == first;
        }

        return new CensusResult(exceed, nanCount, allEqual);
    }

    /// <summary>
    /// Copies the sample into <paramref name="work"/> split three ways around <paramref name="pivot"/>:
    /// [0, Below) ≤ pivot, [Below, Above] left free for the values bit-identical to the pivot,
    /// (Above, n) &gt; pivot. Returns (Below, Above).
    /// </summary>
    /// <remarks>
    /// Free of data-dependent branches (the pivot is the sample's median, so "above" is a coin
    /// toss a predictor cannot learn): every value is written at both ends of the free gap and
    /// the end it belongs to advances. A method of its own, so the JIT allocates registers for
    /// this loop alone.
    /// </remarks>
    private static (int Below, int Above) Split(ReadOnlySpan<double> values, double pivot, Span<double> work)
    {
        var pivotBits = BitConverter.DoubleToInt64Bits(pivot);
        var below = 0;
        var above = values.Length - 1;
        ref var w = ref MemoryMarshal.GetReference(work);
        foreach (var v in values)
        {
            // The gap always has room because it holds exactly the values not yet kept. Values
            // equal to the pivot bit for bit (so −0 is not taken for +0) are left out and refilled later.
            Unsafe.Add(ref w, below) = v;
            Unsafe.Add(ref w, above) = v;

            // Arithmetic, not &&: a short-circuit is a branch on random data. "Above" and
            // "same bits" exclude each other, so "below" is what is left.
            var isAbove = v > pivot ? 1 : 0;
            below += 1 - isAbove - (BitConverter.DoubleToInt64Bits(v) == pivotBits ? 1 : 0);
            above -= isAbove;
        }

        return (below, above);
    }

    /// <summary>Type-7 quantile from a span whose order statistics j = ⌊(n − 1)p⌋ and j + 1 are in place.</summary>
    private static double Type7(ReadOnlySpan<double> ordered, double p)
    {
        var n = ordered.Length;
        var h = (n - 1) * p;
        var j = (int)Math.Floor(h);
        return j + 1 < n ? ordered[j] + ((h - j) * (ordered[j + 1] - ordered[j])) : ordered[j];
    }

    /// <summary>
    /// The ranks type 7 reads for <paramref name="probabilities"/> (j and j + 1 of each), plus
    /// <paramref name="extraRank"/> unless it is negative, ascending and distinct in
    /// <paramref name="ranks"/> (room for 2 per probability + 1); returns how many.
    /// </summary>
    private static int WantedRanks(int n, ReadOnlySpan<double> probabilities, int extraRank, Span<int> ranks)
    {
        var count = 0;
        foreach (var p in probabilities)
        {
            var j = (int)Math.Floor((n - 1) * p);
            ranks[count++] = j;
            if (j + 1 < n)
            {
                ranks[count++] = j + 1;
            }
        }

        if (extraRank >= 0)
        {
            ranks[count++] = extraRank;
        }

        ranks[..count].Sort();
        var distinct = count == 0 ? 0 : 1;
        for (var i = 1; i < count; i++)
        {
            if (ranks[i] != ranks[distinct - 1])
            {
                ranks[distinct++] = ranks[i];
            }
        }

        return distinct;
    }

    /// <summary>
    /// Median of up to 31 values at evenly spaced paths: a pivot near the middle of the sample,
    /// and on a loss distribution with a point mass at zero almost always that zero, whose
    /// whole block the first pass then settles.
    /// </summary>
    private static double SampledMedian(ReadOnlySpan<double> values)
    {
        Span<double> sample = stackalloc double[31];
        var count = Math.Min(values.Length, sample.Length);
        for (var i = 0; i < count; i++)
        {
            sample[i] = values[(int)((long)i * values.Length / count)];
        }

        sample = sample[..count];
        sample.Sort();
        return sample[count / 2];
    }

    /// <summary>What <see cref="Census"/> found.</summary>
    private readonly record struct CensusResult(long Exceed, long NanCount, bool AllEqual);
}
