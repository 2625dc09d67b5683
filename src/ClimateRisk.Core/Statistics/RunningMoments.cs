using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Statistics.Internal;

namespace ClimateRisk.Core.Statistics;

/// <summary>
/// Count, mean and sum of squared deviations, of a whole sample at once (<see cref="Of"/>, the
/// corrected two-pass algorithm) or one value at a time (<see cref="Push"/>, Welford), and
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

    /// <summary>
    /// The moments of a whole sample at once, by the corrected two-pass algorithm (Chan, Golub
    /// &amp; LeVeque 1983, eq. 1.7): mean₀ = Σx/n; with d = x − mean₀, M2 = Σd² − (Σd)²/n and
    /// mean = mean₀ + Σd/n. As accurate as Welford's update or better, and without its chain of
    /// dependent divisions, so both passes run at memory speed (Vector256, sixteen partial sums
    /// combined in a fixed order: the result depends only on the values and their order).
    /// </summary>
    /// <param name="values">The sample, in a fixed order; may be empty. NaN or ±∞ give NaN moments.</param>
    public static RunningMoments Of(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n == 0)
        {
            return default;
        }

        _ = Sum(values, 0, out var total);
        return OfTotal(values, total);
    }

    /// <summary>
    /// <see cref="Of"/> when Σx is already known, added exactly as <see cref="Of"/>'s first pass
    /// adds it (four Vector256 partial sums over steps of sixteen, combined as (s₀ + s₁) + (s₂ + s₃),
    /// then the remainder in order), so the result is bit for bit that of <see cref="Of"/>.
    /// </summary>
    internal static RunningMoments OfTotal(ReadOnlySpan<double> values, double total)
    {
        var n = values.Length;
        if (n == 0)
        {
            return default;
        }

        var mean0 = total / n;
        var sumSquares = Sum(values, mean0, out var sumDeviations);
        return FromDeviationSums(n, mean0, sumDeviations, sumSquares);
    }

    /// <summary>
    /// The moments from the corrected two-pass algorithm's sums: mean₀ = Σx/n, Σd and Σd² with
    /// d = x − mean₀ (<see cref="OfTotal"/> takes them in its second pass; a selection pass may
    /// take them instead, with the same additions).
    /// </summary>
    internal static RunningMoments FromDeviationSums(long n, double mean0, double sumDeviations, double sumSquares)
    {
        return new RunningMoments
        {
            _count = n,
            _mean = mean0 + (sumDeviations / n),
            _m2 = Math.Max(0, sumSquares - (sumDeviations * sumDeviations / n)),
        };
    }

    /// <summary>Returns Σ(x − shift)² as <see cref="Of"/>'s second pass adds it; Σ(x − shift) comes back in <paramref name="sumDeviations"/>.</summary>
    internal static double SumAbout(ReadOnlySpan<double> values, double shift, out double sumDeviations) => Sum(values, shift, out sumDeviations);

    /// <summary>Returns Σ(x − shift)²; Σ(x − shift) comes back in <paramref name="sumDeviations"/> (Σx for shift 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Sum(ReadOnlySpan<double> values, double shift, out double sumDeviations)
    {
        var i = 0;
        double squares = 0, deviations = 0;
        // The same lanes on every machine: without AVX2 (an ARM64, an older x64), Vector256's
        // operations run as two Vector128 halves or element by element, each lane the same IEEE
        // operations, and Vector256.Sum adds (l₀ + l₁) + (l₂ + l₃) either way — so the moments,
        // and every mean and s.d. in the results, are bit for bit those of an AVX2 machine.
        if (values.Length >= 4 * Vector256<double>.Count)
        {
            ref var x = ref MemoryMarshal.GetReference(values);
            var s = Vector256.Create(shift);
            Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default;
            Vector256<double> q0 = default, q1 = default, q2 = default, q3 = default;
            const int W = 4;
            for (; i <= values.Length - (4 * W); i += 4 * W)
            {
                // The one step every pass that takes these sums on four lanes shares, so theirs are these bits.
                DeviationSums.Step(
                    Vector256.LoadUnsafe(ref x, (nuint)i), Vector256.LoadUnsafe(ref x, (nuint)(i + W)), Vector256.LoadUnsafe(ref x, (nuint)(i + (2 * W))), Vector256.LoadUnsafe(ref x, (nuint)(i + (3 * W))),
                    s, ref d0, ref d1, ref d2, ref d3, ref q0, ref q1, ref q2, ref q3);
            }

            deviations = Vector256.Sum((d0 + d1) + (d2 + d3));
            squares = Vector256.Sum((q0 + q1) + (q2 + q3));
        }

        for (; i < values.Length; i++)
        {
            var a = values[i] - shift;
            deviations += a;
            squares += a * a;
        }

        sumDeviations = deviations;
        return squares;
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
