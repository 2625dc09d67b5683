using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Statistics.Internal;

namespace ClimateRisk.Core.Statistics;

/// <summary>
/// Reduces the per-path values of one cell to its <see cref="CellStatistics"/>. Quantiles are
/// exact order statistics of the simulated paths with linear interpolation between adjacent
/// order statistics (Hyndman &amp; Fan 1996 type 7, the default of R and NumPy):
/// Q(p) = x₍ⱼ₎ + (h − j)(x₍ⱼ₊₁₎ − x₍ⱼ₎), h = (n − 1)p, j = ⌊h⌋, x sorted ascending, 0-based.
/// TVaR99 = the mean of the k = ⌈n/100⌉ largest values: their exact sum correctly rounded
/// (<see cref="ExactSum"/>), divided by k — so it does not depend on how the selection
/// happened to arrange them, nor on any order of addition.
/// </summary>
/// <remarks>
/// Cost on 100,000 paths: a vectorised census (exceedance count, NaN, constant — a constant
/// cell stops there — and the range of the values' order-preserving keys), the moments by
/// <see cref="RunningMoments.Of"/> (its first pass, Σx, added inside the census and its second
/// inside the selection's first full pass, each in the same order, so bit for bit the same), and an exact radix selection of the
/// wanted ranks (j and j + 1 of each quantile, and n − k) on those keys
/// (<see cref="RadixSelect"/>): a histogram of the key range, one branch-free copy of the
/// buckets that hold a wanted rank, and refinement inside those copies. A loss distribution's
/// zero mass (counted by the census) settles every rank inside it at once, and the values
/// above a zero minimum are compressed out first (their own key range, not zero's, is then histogrammed). The top k
/// values are the values above x₍ₙ₋ₖ₎ and copies of it; their sum is exact, so they need no sort.
/// </remarks>
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

        var work = scratch[..n];
        var census = Census(values, threshold);
        var first = values[0];
        var pExceed = double.IsNaN(threshold) ? double.NaN : (double)census.Exceed / n;
        if (census.AllEqual)
        {
            // Common for perils a site is not exposed to: no moments or selection needed.
            return OfConstant(first, n, threshold);
        }

        // Σ(x − mean₀) and Σ(x − mean₀)², the moments' second pass, ride on the selection's
        // first full pass when it makes one (the same additions, so the same bits).
        var sums = new DeviationSums(census.Total / n);
        // TVaR99 is the mean of the ⌈n/100⌉ largest values.
        var tailCount = TailCount(n);
        var tailStart = n - tailCount;
        Span<double> quantiles = stackalloc double[Probabilities.Length];
        double tailSum;
        if (census.NanCount > 0)
        {
            // Selection is undefined with NaN; a sort is (NaN first), and such a cell is broken anyway.
            values.CopyTo(work);
            work.Sort();
            var exact = default(ExactSum);
            exact.AddRange(work[tailStart..]);
            tailSum = exact.Round();

            for (var q = 0; q < Probabilities.Length; q++)
            {
                quantiles[q] = Type7(work, Probabilities[q]);
            }
        }
        else
        {
            Span<int> ranks = SummaryRanks(n, stackalloc int[(2 * Probabilities.Length) + 1]);
            Span<double> selected = stackalloc double[ranks.Length];
            tailSum = RadixSelect.Select(values, census.MinKey, census.MaxKey, ranks, selected, tailCount, (int)census.ZeroCount, work, ref sums, negativeCount: (int)census.NegativeCount);
            for (var q = 0; q < Probabilities.Length; q++)
            {
                quantiles[q] = Type7(n, ranks, selected, Probabilities[q]);
            }
        }

        var moments = sums.Done
            ? RunningMoments.FromDeviationSums(n, sums.Shift, sums.Deviations, sums.Squares)
            : RunningMoments.OfTotal(values, census.Total);
        return Statistics(n, moments, quantiles, tailSum / tailCount, pExceed);
    }

    /// <summary>A summary from its parts (quantiles in <see cref="Probabilities"/> order); s.e. and s.d. 0 for one value.</summary>
    private static CellStatistics Statistics(int n, RunningMoments moments, ReadOnlySpan<double> quantiles, double tvar99, double pExceed) => new()
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
        TVaR99 = tvar99,
        PExceed = pExceed,
    };

    /// <summary>The ranks <see cref="Summarize"/> selects for n values (<see cref="WantedRanks"/> with n − k), as the start of <paramref name="room"/>.</summary>
    private static Span<int> SummaryRanks(int n, Span<int> room) => room[..WantedRanks(n, Probabilities, n - TailCount(n), room)];

    /// <summary>
    /// The order statistics <see cref="Summarize"/> reads of <paramref name="values"/> (ranks j
    /// and j + 1 of every <see cref="Probabilities"/> entry and n − k, ascending and distinct)
    /// into <paramref name="selected"/>, and the addends of its tail sum (the k = ⌈n/100⌉ largest
    /// values, in no particular order) into <paramref name="tail"/>, for cells whose values are a
    /// non-decreasing function of these (<see cref="TrySummarizeMapped"/>). Only for a sample of
    /// positive values (no NaN, no ±0, nothing negative), where the order of the keys and of
    /// the values is one order; returns false for any other, with nothing written.
    /// </summary>
    /// <param name="values">The sample; not modified.</param>
    /// <param name="scratch">Work space; overwritten.</param>
    /// <param name="selected">Room for <see cref="SelectedCount"/> values.</param>
    /// <param name="tail">Room for k values.</param>
    /// <param name="minimum">The smallest value.</param>
    /// <param name="maximum">The largest value.</param>
    internal static bool TrySelectPositive(ReadOnlySpan<double> values, Span<double> scratch, Span<double> selected, Span<double> tail, out double minimum, out double maximum)
    {
        var n = values.Length;
        var census = Census(values, double.NaN);
        minimum = double.NaN;
        maximum = double.NaN;
        if (n == 0 || census.NanCount > 0 || census.ZeroCount > 0 || census.NegativeCount > 0)
        {
            return false;
        }

        var tailCount = TailCount(n);
        Span<int> ranks = SummaryRanks(n, stackalloc int[(2 * Probabilities.Length) + 1]);
        if (selected.Length < ranks.Length || tail.Length < tailCount)
        {
            throw new ArgumentException($"Need room for {ranks.Length} order statistics and {tailCount} tail values.");
        }

        var none = DeviationSums.None;
        RadixSelect.Select(values, census.MinKey, census.MaxKey, ranks, selected, tailCount, 0, scratch, ref none, tail: tail);
        // A positive value's key is its bits with the sign bit set.
        minimum = BitConverter.Int64BitsToDouble((long)(census.MinKey ^ RadixSelect.SignBit));
        maximum = BitConverter.Int64BitsToDouble((long)(census.MaxKey ^ RadixSelect.SignBit));
        return true;
    }

    /// <summary>How many order statistics <see cref="TrySelectPositive"/> writes for a sample of <paramref name="n"/>.</summary>
    internal static int SelectedCount(int n) => SummaryRanks(n, stackalloc int[(2 * Probabilities.Length) + 1]).Length;

    /// <summary>k = ⌈n/100⌉, the values behind TVaR99.</summary>
    internal static int TailCount(int n) => (int)Math.Ceiling(n * 0.01);

    /// <summary>
    /// Bit for bit what <see cref="Summarize"/> returns for <paramref name="values"/> = f(x),
    /// given f of x's <see cref="TrySelectPositive"/> outputs, for a non-decreasing f whose
    /// values hold no −0: sorting f(x) is f applied to sorted x, so the order statistics and
    /// the tail's addends (a set; their sum is exact) are f's of x's, and only the census and the moments
    /// read <paramref name="values"/> (the same code as <see cref="Summarize"/>, so the same sums).
    /// Returns false, with nothing computed, when the values hold NaN (Summarize sorts those).
    /// </summary>
    internal static bool TrySummarizeMapped(ReadOnlySpan<double> values, double threshold, ReadOnlySpan<double> mappedSelected, ReadOnlySpan<double> mappedTail, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CellStatistics? statistics)
    {
        var n = values.Length;
        var census = Census(values, threshold);
        statistics = null;
        if (n == 0 || census.NanCount > 0)
        {
            return false;
        }

        var pExceed = double.IsNaN(threshold) ? double.NaN : (double)census.Exceed / n;
        if (census.AllEqual)
        {
            statistics = OfConstant(values[0], n, threshold);
            return true;
        }

        var tailCount = TailCount(n);
        Span<int> ranks = SummaryRanks(n, stackalloc int[(2 * Probabilities.Length) + 1]);
        Span<double> quantiles = stackalloc double[Probabilities.Length];
        for (var q = 0; q < Probabilities.Length; q++)
        {
            quantiles[q] = Type7(n, ranks, mappedSelected, Probabilities[q]);
        }

        var tailSum = default(ExactSum);
        tailSum.AddRange(mappedTail[..tailCount]);
        statistics = Statistics(n, RunningMoments.OfTotal(values, census.Total), quantiles, tailSum.Round() / tailCount, pExceed);
        return true;
    }

    /// <summary>
    /// The summary of <paramref name="count"/> copies of <paramref name="value"/>, exactly what
    /// <see cref="Summarize"/> returns for them, without a sample to read (a cell the kernel
    /// knows to be all +0.0): mean, quantiles and TVaR99 the value, s.e. and s.d. 0, p_exceed 1
    /// or 0 (NaN without a threshold).
    /// </summary>
    public static CellStatistics OfConstant(double value, int count, double threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var pExceed = double.IsNaN(threshold) ? double.NaN : value > threshold ? 1.0 : 0.0;
        return new CellStatistics
        {
            Count = count, Mean = value, StandardError = 0, StandardDeviation = 0,
            P5 = value, P25 = value, P50 = value, P75 = value, P95 = value, P99 = value, TVaR99 = value, PExceed = pExceed,
        };
    }

    /// <summary>
    /// Type-7 quantiles of <paramref name="values"/> at each of <paramref name="probabilities"/>
    /// (any order), using <paramref name="scratch"/> (at least as long as the values); the values
    /// are not modified.
    /// </summary>
    /// <remarks>
    /// By multiple selection of the ranks j and j + 1 of every probability, O(n) instead of a
    /// sort's O(n log n), so the exceedance curves of a million-path run cost what the
    /// moments cost; a sample with NaN is sorted instead (selection is undefined with NaN), in
    /// <paramref name="scratch"/>. The selection reads the values where they are: the exceedance
    /// curves no longer copy their row first (fifteenth performance session).
    /// </remarks>
    public static void Quantiles(ReadOnlySpan<double> values, ReadOnlySpan<double> probabilities, Span<double> destination, Span<double> scratch)
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

        if (scratch.Length < n)
        {
            throw new ArgumentException($"Scratch holds {scratch.Length} values, need {n}.", nameof(scratch));
        }

        foreach (var p in probabilities)
        {
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(probabilities), p, "Probabilities must lie in [0, 1].");
            }
        }

        var census = Census(values, double.NaN);
        if (census.NanCount > 0)
        {
            var sorted = scratch[..n];
            values.CopyTo(sorted);
            sorted.Sort();
            for (var i = 0; i < probabilities.Length; i++)
            {
                destination[i] = Type7(sorted, probabilities[i]);
            }

            return;
        }

        var ranks = new int[(2 * probabilities.Length) + 1];
        var distinct = WantedRanks(n, probabilities, -1, ranks);
        var selected = new double[distinct];
        RadixSelect.Select(values, census.MinKey, census.MaxKey, ranks.AsSpan(0, distinct), selected, 0, (int)census.ZeroCount, scratch, negativeCount: (int)census.NegativeCount);
        for (var i = 0; i < probabilities.Length; i++)
        {
            destination[i] = Type7(n, ranks.AsSpan(0, distinct), selected, probabilities[i]);
        }
    }

    /// <summary>
    /// Σx, added exactly as <see cref="RunningMoments.Of"/>'s first pass adds it, and the number of
    /// values &gt; <paramref name="threshold"/> (none for NaN): one read of a non-empty sample,
    /// for a shard's cell (<see cref="PartialCell.From"/>).
    /// </summary>
    internal static (double Total, long Exceed) TotalAndExceedance(ReadOnlySpan<double> values, double threshold)
    {
        var census = Census(values, threshold);
        return (census.Total, census.Exceed);
    }

    /// <summary>
    /// The exceedance count, the NaN, zero and negative counts, whether every value equals the first, and the range
    /// of the values' order-preserving keys (<see cref="RadixSelect.Key"/>; meaningless with
    /// NaN): one read of the sample, eight lanes at a time (four without AVX-512) with a scalar tail.
    /// </summary>
    /// <remarks>
    /// NaN and "all equal" are not counted per value: a NaN makes Σx NaN (so only a NaN Σx,
    /// from a NaN or from +∞ and −∞ together, is looked at again), and without NaN every value
    /// equals the first exactly when all have the same key or all are ±0.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CensusResult Census(ReadOnlySpan<double> values, double threshold) =>
        double.IsNaN(threshold) ? Census<NoThreshold>(values, threshold) : Census<Threshold>(values, threshold);

    /// <summary><see cref="Census(ReadOnlySpan{double}, double)"/>, the exceedance count only where <typeparamref name="TThreshold"/> has one.</summary>
    /// <remarks>
    /// Why the two instances and the negatives counted apart: the census reads every stored row
    /// of every year (9–10 % of a standard run's samples), and about half of its time is
    /// arithmetic, not waiting for memory. Half the rows have no threshold (a compare that is
    /// always false), and few rows hold a value below zero, which the smallest key shows
    /// (<see cref="NegativeZeroKey"/>): those alone are read again, from cache, to count them.
    /// The counts are integers and Σx is added as before, so every result is the same bits.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CensusResult Census<TThreshold>(ReadOnlySpan<double> values, double threshold)
        where TThreshold : struct, IThresholdKind
    {
        long exceed = 0, zeroCount = 0, negativeCount = 0;
        ulong minKey = ulong.MaxValue, maxKey = 0;
        double total = 0;
        var i = 0;
        ref var x = ref MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated && values.Length >= 16)
        {
            // Steps of sixteen in two registers whose halves are RunningMoments.Of's four
            // Vector256 partial sums, combined as it combines them, so the total is bit for bit
            // its first pass and that pass can be skipped.
            var t = Vector512.Create(threshold);
            Vector512<double> low = default, high = default;
            Vector512<long> exceedLanes = default, zeroLanes = default;
            var minLanes = Vector512.Create(ulong.MaxValue);
            var maxLanes = Vector512<ulong>.Zero;
            for (; i <= values.Length - 16; i += 16)
            {
                var v0 = Vector512.LoadUnsafe(ref x, (nuint)i);
                var v1 = Vector512.LoadUnsafe(ref x, (nuint)(i + 8));
                low += v0 - Vector512<double>.Zero;
                high += v1 - Vector512<double>.Zero;

                // A true compare is all ones = −1 as a long, so subtracting counts it.
                if (TThreshold.Counts)
                {
                    exceedLanes -= Vector512.GreaterThan(v0, t).AsInt64() + Vector512.GreaterThan(v1, t).AsInt64();
                }

                zeroLanes -= Vector512.Equals(v0, Vector512<double>.Zero).AsInt64() + Vector512.Equals(v1, Vector512<double>.Zero).AsInt64();
                var k0 = Keys(v0);
                var k1 = Keys(v1);
                minLanes = Vector512.Min(minLanes, Vector512.Min(k0, k1));
                maxLanes = Vector512.Max(maxLanes, Vector512.Max(k0, k1));
            }

            total = Vector256.Sum((low.GetLower() + low.GetUpper()) + (high.GetLower() + high.GetUpper()));
            for (var lane = 0; lane < Vector512<ulong>.Count; lane++)
            {
                minKey = Math.Min(minKey, minLanes[lane]);
                maxKey = Math.Max(maxKey, maxLanes[lane]);
            }

            exceed = Vector512.Sum(exceedLanes);
            zeroCount = Vector512.Sum(zeroLanes);
        }
        else if (Avx2.IsSupported && values.Length >= 16)
        {
            // The same steps on four lanes, written out (the loop over four registers below,
            // with a switch for the partial sum, is not unrolled), the keys' extremes by signed
            // compares of their signed form (AVX2 has no unsigned 64-bit compare): on a Zen 3
            // about 1.2 ns a value against 1.8 (docs/performance.md, twenty-ninth session).
            var t = Vector256.Create(threshold);
            Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default;
            Vector256<long> exceedLanes = default, zeroLanes = default;
            var minLanes = Vector256.Create(long.MaxValue);
            var maxLanes = Vector256.Create(long.MinValue);
            for (; i <= values.Length - 16; i += 16)
            {
                var v0 = Vector256.LoadUnsafe(ref x, (nuint)i);
                var v1 = Vector256.LoadUnsafe(ref x, (nuint)(i + 4));
                var v2 = Vector256.LoadUnsafe(ref x, (nuint)(i + 8));
                var v3 = Vector256.LoadUnsafe(ref x, (nuint)(i + 12));
                d0 += v0 - Vector256<double>.Zero;
                d1 += v1 - Vector256<double>.Zero;
                d2 += v2 - Vector256<double>.Zero;
                d3 += v3 - Vector256<double>.Zero;
                if (TThreshold.Counts)
                {
                    exceedLanes -= (Vector256.GreaterThan(v0, t).AsInt64() + Vector256.GreaterThan(v1, t).AsInt64()) + (Vector256.GreaterThan(v2, t).AsInt64() + Vector256.GreaterThan(v3, t).AsInt64());
                }

                zeroLanes -= (Vector256.Equals(v0, Vector256<double>.Zero).AsInt64() + Vector256.Equals(v1, Vector256<double>.Zero).AsInt64())
                    + (Vector256.Equals(v2, Vector256<double>.Zero).AsInt64() + Vector256.Equals(v3, Vector256<double>.Zero).AsInt64());
                var k0 = RadixSelect.SignedKeys(v0);
                var k1 = RadixSelect.SignedKeys(v1);
                var k2 = RadixSelect.SignedKeys(v2);
                var k3 = RadixSelect.SignedKeys(v3);
                minLanes = RadixSelect.MinSigned(minLanes, RadixSelect.MinSigned(RadixSelect.MinSigned(k0, k1), RadixSelect.MinSigned(k2, k3)));
                maxLanes = RadixSelect.MaxSigned(maxLanes, RadixSelect.MaxSigned(RadixSelect.MaxSigned(k0, k1), RadixSelect.MaxSigned(k2, k3)));
            }

            total = Vector256.Sum((d0 + d1) + (d2 + d3));
            minKey = RadixSelect.MinKeyOf(minLanes);
            maxKey = RadixSelect.MaxKeyOf(maxLanes);
            exceed = Vector256.Sum(exceedLanes);
            zeroCount = Vector256.Sum(zeroLanes);
        }
        else if (values.Length >= 16)
        {
            // Also without AVX2 (Vector256 in software: the same lanes, so the same Σx as Of).
            var t = Vector256.Create(threshold);
            Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default;
            Vector256<long> exceedLanes = default, zeroLanes = default;
            var minLanes = Vector256.Create(ulong.MaxValue);
            var maxLanes = Vector256<ulong>.Zero;
            for (; i <= values.Length - 16; i += 16)
            {
                for (var r = 0; r < 4; r++)
                {
                    var v = Vector256.LoadUnsafe(ref x, (nuint)(i + (4 * r)));
                    switch (r)
                    {
                        case 0: d0 += v - Vector256<double>.Zero; break;
                        case 1: d1 += v - Vector256<double>.Zero; break;
                        case 2: d2 += v - Vector256<double>.Zero; break;
                        default: d3 += v - Vector256<double>.Zero; break;
                    }

                    if (TThreshold.Counts)
                    {
                        exceedLanes -= Vector256.GreaterThan(v, t).AsInt64();
                    }

                    zeroLanes -= Vector256.Equals(v, Vector256<double>.Zero).AsInt64();
                    var bits = v.AsInt64();
                    var key = (bits ^ (Vector256.ShiftRightArithmetic(bits, 63) | Vector256.Create(long.MinValue))).AsUInt64();
                    minLanes = Vector256.Min(minLanes, key);
                    maxLanes = Vector256.Max(maxLanes, key);
                }
            }

            total = Vector256.Sum((d0 + d1) + (d2 + d3));
            for (var lane = 0; lane < Vector256<ulong>.Count; lane++)
            {
                minKey = Math.Min(minKey, minLanes[lane]);
                maxKey = Math.Max(maxKey, maxLanes[lane]);
            }

            exceed = Vector256.Sum(exceedLanes);
            zeroCount = Vector256.Sum(zeroLanes);
        }

        for (; i < values.Length; i++)
        {
            var v = values[i];
            total += v - 0.0;
            exceed += TThreshold.Counts && v > threshold ? 1 : 0;
            zeroCount += v == 0 ? 1 : 0;
            var key = RadixSelect.Key(v);
            minKey = Math.Min(minKey, key);
            maxKey = Math.Max(maxKey, key);
        }

        if (minKey < NegativeZeroKey)
        {
            negativeCount = CountNegative(values);
        }

        long nanCount = 0;
        if (double.IsNaN(total))
        {
            foreach (var v in values)
            {
                nanCount += double.IsNaN(v) ? 1 : 0;
            }
        }

        var allEqual = nanCount == 0 && (minKey == maxKey || zeroCount == values.Length);
        return new CensusResult(exceed, nanCount, zeroCount, negativeCount, allEqual, minKey, maxKey, total);
    }

    /// <summary>
    /// The key of −0.0 (<see cref="RadixSelect.Key"/>): every value with a smaller key has its
    /// sign bit set and is not −0 — a negative number or a NaN with the sign bit — so a sample
    /// whose smallest key is not below it holds nothing &lt; 0.
    /// </summary>
    private const ulong NegativeZeroKey = 0x7FFF_FFFF_FFFF_FFFF;

    /// <summary>How many values are &lt; 0 (NaN is not).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long CountNegative(ReadOnlySpan<double> values)
    {
        long count = 0;
        var i = 0;
        ref var x = ref MemoryMarshal.GetReference(values);
        if (Vector256.IsHardwareAccelerated)
        {
            var lanes = Vector256<long>.Zero;
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                lanes -= Vector256.LessThan(Vector256.LoadUnsafe(ref x, (nuint)i), Vector256<double>.Zero).AsInt64();
            }

            count = Vector256.Sum(lanes);
        }

        for (; i < values.Length; i++)
        {
            count += values[i] < 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>The keys of eight values at once (<see cref="RadixSelect.Key"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Keys(Vector512<double> v)
    {
        var bits = v.AsInt64();
        return (bits ^ (Vector512.ShiftRightArithmetic(bits, 63) | Vector512.Create(long.MinValue))).AsUInt64();
    }

    /// <summary>Type-7 quantile of a sample of <paramref name="n"/> values from its selected order statistics (<paramref name="ranks"/> must hold j = ⌊(n − 1)p⌋ and j + 1).</summary>
    private static double Type7(int n, ReadOnlySpan<int> ranks, ReadOnlySpan<double> selected, double p)
    {
        var h = (n - 1) * p;
        var j = (int)Math.Floor(h);
        var at = ranks.IndexOf(j);
        return j + 1 < n ? selected[at] + ((h - j) * (selected[at + 1] - selected[at])) : selected[at];
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

    /// <summary>What <see cref="Census(ReadOnlySpan{double}, double)"/> found.</summary>
    private readonly record struct CensusResult(long Exceed, long NanCount, long ZeroCount, long NegativeCount, bool AllEqual, ulong MinKey, ulong MaxKey, double Total);

    /// <summary>Whether a census has a threshold to count exceedances against (a constant per instance).</summary>
    private interface IThresholdKind
    {
        static abstract bool Counts { get; }
    }

    /// <summary>A threshold: exceedances counted.</summary>
    private readonly struct Threshold : IThresholdKind
    {
        public static bool Counts => true;
    }

    /// <summary>NaN for a threshold: nothing exceeds it, so nothing is compared.</summary>
    private readonly struct NoThreshold : IThresholdKind
    {
        public static bool Counts => false;
    }
}
