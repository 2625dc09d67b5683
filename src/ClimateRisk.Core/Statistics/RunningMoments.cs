namespace ClimateRisk.Core.Statistics;

/// <summary>
/// Count, mean and sum of squared deviations, updated one value at a time (Welford) and
/// mergeable (Chan, Golub &amp; LeVeque 1983), like MathNet's RunningStatistics. Merging in a
/// fixed order gives a fixed result, so threads and shards stay deterministic.
/// </summary>
public struct RunningMoments
{
    private long _count;
    private double _mean;
    private double _m2;

    /// <summary>Number of values.</summary>
    public readonly long Count => _count;

    /// <summary>Arithmetic mean (NaN when empty).</summary>
    public readonly double Mean => _count > 0 ? _mean : double.NaN;

    /// <summary>Sample variance with n − 1 in the denominator (NaN below two values).</summary>
    public readonly double Variance => _count > 1 ? _m2 / (_count - 1) : double.NaN;

    /// <summary>Sample standard deviation.</summary>
    public readonly double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>Standard error of the mean, s/√n.</summary>
    public readonly double StandardError => Math.Sqrt(Variance / _count);

    /// <summary>Σ (x − mean)², the state that <see cref="Combine"/> needs (with count and mean) to merge exactly.</summary>
    public readonly double SumOfSquaredDeviations => _m2;

    /// <summary>Restores an accumulator from its state (count, mean, Σ (x − mean)²), e.g. read from a shard file.</summary>
    public static RunningMoments FromState(long count, double mean, double sumOfSquaredDeviations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new RunningMoments { _count = count, _mean = count > 0 ? mean : 0, _m2 = sumOfSquaredDeviations };
    }

    /// <summary>Adds one value.</summary>
    public void Push(double value)
    {
        _count++;
        var delta = value - _mean;
        _mean += delta / _count;
        _m2 += delta * (value - _mean);
    }

    /// <summary>The moments of the union of two samples.</summary>
    public static RunningMoments Combine(in RunningMoments a, in RunningMoments b)
    {
        if (a._count == 0)
        {
            return b;
        }

        if (b._count == 0)
        {
            return a;
        }

        var count = a._count + b._count;
        var delta = b._mean - a._mean;
        return new RunningMoments
        {
            _count = count,
            _mean = a._mean + (delta * b._count / count),
            _m2 = a._m2 + b._m2 + (delta * delta * a._count * b._count / count),
        };
    }
}
