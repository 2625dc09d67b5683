using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Statistics;

/// <summary>
/// The mergeable summary of one result cell over a subset of paths (a shard, MODEL §12):
/// moments, the count above the materiality threshold, and a quantile sketch. Merging shards
/// gives means and counts equal to a single run's to rounding, and quantiles within the
/// sketch's relative accuracy.
/// </summary>
public sealed record PartialCell
{
    /// <summary>Count, mean and squared deviations.</summary>
    public required RunningMoments Moments { get; init; }

    /// <summary>Paths above the threshold.</summary>
    public required long ExceedCount { get; init; }

    /// <summary>Whether the cell has a threshold (p_exceed is NaN otherwise).</summary>
    public required bool HasThreshold { get; init; }

    /// <summary>Quantile sketch of the values.</summary>
    public required QuantileSketch Sketch { get; init; }

    /// <summary>Summarises <paramref name="values"/>.</summary>
    /// <remarks>
    /// A cell of one value repeated (+0.0 for a peril the site is not exposed to or a cover it
    /// does not have, a good share of a shard's cells; the year's water use) is settled from one
    /// read by <see cref="OfRepeated"/>: its moments, count and sketch are exactly those the
    /// general path computes for it, tested.
    /// </remarks>
    public static PartialCell From(ReadOnlySpan<double> values, double threshold)
    {
        if (RepeatedValue.TryGetBits(values, out var bits))
        {
            return OfRepeated(BitConverter.Int64BitsToDouble(bits), values.Length, threshold);
        }

        if (values.Length == 0)
        {
            return new PartialCell { Moments = default, ExceedCount = 0, HasThreshold = !double.IsNaN(threshold), Sketch = QuantileSketch.Build(values) };
        }

        // Σx and the exceedances in one read (the run's census, whose Σx is Of's first pass bit
        // for bit), then Of's second pass: one read of the cell fewer than Of and a count apart.
        var (total, exceed) = SampleSummary.TotalAndExceedance(values, threshold);
        return new PartialCell { Moments = RunningMoments.OfTotal(values, total), ExceedCount = exceed, HasThreshold = !double.IsNaN(threshold), Sketch = QuantileSketch.Build(values) };
    }

    /// <summary>The summary of <paramref name="count"/> values of +0.0, exactly what <see cref="From"/> gives for them, without reading them.</summary>
    public static PartialCell OfZeros(long count, double threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return new PartialCell
        {
            Moments = RunningMoments.FromState(count, 0, 0),
            ExceedCount = 0 > threshold ? count : 0,
            HasThreshold = !double.IsNaN(threshold),
            Sketch = QuantileSketch.FromBuckets(QuantileSketch.DefaultAccuracy, count, [], [], [], []),
        };
    }

    /// <summary>
    /// The summary of <paramref name="count"/> copies of <paramref name="value"/> (not NaN), exactly
    /// what <see cref="From"/> gives for them, without reading them: the moments replay
    /// <see cref="RunningMoments.Of"/>'s sixteen lanes (each adds the same value ⌊n/16⌋ times, so
    /// one lane's sum stands for all; the lanes' pairwise combination doubles it exactly), the
    /// sketch is one value's with its counts times n.
    /// </summary>
    public static PartialCell OfRepeated(double value, long count, double threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A repeated NaN has no summary.");
        }

        if (BitConverter.DoubleToInt64Bits(value) == 0)
        {
            return OfZeros(count, threshold);
        }

        var total = RepeatedSum(value - 0.0, count);
        var mean0 = total / count;
        var deviation = value - mean0;
        var sumDeviations = RepeatedSum(deviation, count);
        var sumSquares = RepeatedSum(deviation * deviation, count);
        var one = QuantileSketch.Build([value]);
        return new PartialCell
        {
            Moments = RunningMoments.FromDeviationSums(count, mean0, sumDeviations, sumSquares),
            ExceedCount = value > threshold ? count : 0,
            HasThreshold = !double.IsNaN(threshold),
            Sketch = QuantileSketch.FromBuckets(
                one.Accuracy,
                one.ZeroCount * count,
                one.PositiveIndices.ToArray(),
                one.PositiveCounts.ToArray().Select(c => c * count).ToArray(),
                one.NegativeIndices.ToArray(),
                one.NegativeCounts.ToArray().Select(c => c * count).ToArray()),
        };
    }

    /// <summary>Σ of <paramref name="count"/> copies of <paramref name="term"/> in the order of <see cref="RunningMoments"/>' passes.</summary>
    private static double RepeatedSum(double term, long count)
    {
        var sum = 0.0;
        var done = 0L;
        if (count >= 16)
        {
            // One lane: ⌊n/16⌋ additions from +0.0; sixteen equal lanes combined pairwise are 16× it exactly.
            var lane = 0.0;
            for (var k = 0L; k < count / 16; k++)
            {
                lane += term;
            }

            sum = 16 * lane;
            done = count / 16 * 16;
        }

        for (; done < count; done++)
        {
            sum += term;
        }

        return sum;
    }

    /// <summary>The summary of the union of two path sets.</summary>
    public static PartialCell Merge(PartialCell a, PartialCell b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new PartialCell
        {
            Moments = RunningMoments.Combine(a.Moments, b.Moments),
            ExceedCount = a.ExceedCount + b.ExceedCount,
            HasThreshold = a.HasThreshold || b.HasThreshold,
            Sketch = QuantileSketch.Merge(a.Sketch, b.Sketch),
        };
    }

    /// <summary>The cell statistics: exact mean, s.e., s.d. and p_exceed; quantiles and TVaR99 from the sketch.</summary>
    public CellStatistics ToStatistics()
    {
        var n = Moments.Count;
        return new CellStatistics
        {
            Count = n,
            Mean = Moments.Mean,
            StandardError = n > 1 ? Moments.StandardError : 0,
            StandardDeviation = n > 1 ? Moments.StandardDeviation : 0,
            P5 = Sketch.Quantile(0.05),
            P25 = Sketch.Quantile(0.25),
            P50 = Sketch.Quantile(0.50),
            P75 = Sketch.Quantile(0.75),
            P95 = Sketch.Quantile(0.95),
            P99 = Sketch.Quantile(0.99),
            TVaR99 = Sketch.TailMean(0.01),
            PExceed = HasThreshold ? (double)ExceedCount / n : double.NaN,
        };
    }
}
