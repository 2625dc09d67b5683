using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>
/// The second pass of <see cref="RunningMoments.Of"/> — Σ(x − shift) and Σ(x − shift)² — carried
/// by a pass of the selection that reads the whole sample anyway, so the sample is read once
/// less. The additions are those of <see cref="RunningMoments.Of"/>, lane for lane: its four
/// Vector256 partial sums over steps of sixteen values are the halves of two Vector512 sums
/// over the same steps, combined as (s₀ + s₁) + (s₂ + s₃) and followed by the remainder in
/// order, so the moments come out bit for bit the same.
/// </summary>
internal struct DeviationSums : IPassSums
{
    private Vector512<double> _shift;
    private Vector512<double> _deviationsLow;
    private Vector512<double> _deviationsHigh;
    private Vector512<double> _squaresLow;
    private Vector512<double> _squaresHigh;

    /// <summary>Sums to be taken about <paramref name="shift"/> (the first pass's mean).</summary>
    public DeviationSums(double shift)
    {
        Shift = shift;
        _shift = Vector512.Create(shift);
    }

    /// <summary>Sums nobody wants: already <see cref="Done"/>, so no pass adds to them.</summary>
    public static DeviationSums None => new() { Done = true };

    /// <summary>The value subtracted before summing.</summary>
    public double Shift { get; private set; }

    /// <summary>Whether a pass has taken the sums (or none are wanted).</summary>
    public bool Done { get; private set; }

    /// <summary>Σ(x − shift), once <see cref="Done"/>.</summary>
    public double Deviations { get; private set; }

    /// <summary>Σ(x − shift)², once <see cref="Done"/>.</summary>
    public double Squares { get; private set; }

    /// <summary>Adds sixteen consecutive values, x[i..i+8) and x[i+8..i+16), i a multiple of sixteen.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Vector512<double> low, Vector512<double> high)
    {
        var a = low - _shift;
        var b = high - _shift;
        _deviationsLow += a;
        _deviationsHigh += b;
        _squaresLow += a * a;
        _squaresHigh += b * b;
    }

    /// <summary>Completes the sums: the values from <paramref name="from"/> on were not added (all of them when it is 0).</summary>
    public void Finish(ReadOnlySpan<double> values, int from)
    {
        double deviations, squares;
        if (from == 0)
        {
            // No vector step ran (a short sample, or no AVX-512): the whole pass as Of takes it.
            squares = RunningMoments.SumAbout(values, Shift, out deviations);
        }
        else
        {
            deviations = Vector256.Sum((_deviationsLow.GetLower() + _deviationsLow.GetUpper()) + (_deviationsHigh.GetLower() + _deviationsHigh.GetUpper()));
            squares = Vector256.Sum((_squaresLow.GetLower() + _squaresLow.GetUpper()) + (_squaresHigh.GetLower() + _squaresHigh.GetUpper()));
            for (var i = from; i < values.Length; i++)
            {
                var a = values[i] - Shift;
                deviations += a;
                squares += a * a;
            }
        }

        Deviations = deviations;
        Squares = squares;
        Done = true;
    }
}
