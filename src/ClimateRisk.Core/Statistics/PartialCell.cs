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
    public static PartialCell From(ReadOnlySpan<double> values, double threshold)
    {
        var exceed = 0L;
        foreach (var v in values)
        {
            exceed += v > threshold ? 1 : 0;
        }

        return new PartialCell { Moments = RunningMoments.Of(values), ExceedCount = exceed, HasThreshold = !double.IsNaN(threshold), Sketch = QuantileSketch.Build(values) };
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
