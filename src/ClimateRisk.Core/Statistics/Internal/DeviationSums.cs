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
    /// <summary>Sums to be taken about <paramref name="shift"/> (the first pass's mean).</summary>
    public DeviationSums(double shift)
    {
        Shift = shift;
    }

    /// <inheritdoc/>
    public static bool Wanted => true;

    /// <summary>Sums nobody wants: already <see cref="Done"/>, so no pass adds to them.</summary>
    public static DeviationSums None => new() { Done = true };

    /// <inheritdoc/>
    public double Shift { get; private set; }

    /// <summary>Whether a pass has taken the sums (or none are wanted).</summary>
    public bool Done { get; private set; }

    /// <summary>Σ(x − shift), once <see cref="Done"/>.</summary>
    public double Deviations { get; private set; }

    /// <summary>Σ(x − shift)², once <see cref="Done"/>.</summary>
    public double Squares { get; private set; }

    /// <summary>
    /// One step of sixteen values (<paramref name="v0"/>, <paramref name="v1"/>) into the two
    /// Vector512 partial sums of deviations and of squares; inlined, so the sums stay in the
    /// calling pass's registers (a struct field would make every step a store and a load).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step(Vector512<double> v0, Vector512<double> v1, Vector512<double> shift, ref Vector512<double> deviationsLow, ref Vector512<double> deviationsHigh, ref Vector512<double> squaresLow, ref Vector512<double> squaresHigh)
    {
        var d0 = v0 - shift;
        var d1 = v1 - shift;
        deviationsLow += d0;
        deviationsHigh += d1;
        squaresLow += d0 * d0;
        squaresHigh += d1 * d1;
    }

    /// <summary>
    /// The same step on four Vector256 registers (the AVX2 passes): RunningMoments.Of's step of
    /// sixteen, register for register, into its four partial sums of deviations and of squares.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Step(
        Vector256<double> v0, Vector256<double> v1, Vector256<double> v2, Vector256<double> v3, Vector256<double> shift,
        ref Vector256<double> d0, ref Vector256<double> d1, ref Vector256<double> d2, ref Vector256<double> d3,
        ref Vector256<double> q0, ref Vector256<double> q1, ref Vector256<double> q2, ref Vector256<double> q3)
    {
        var a0 = v0 - shift;
        var a1 = v1 - shift;
        var a2 = v2 - shift;
        var a3 = v3 - shift;
        d0 += a0;
        d1 += a1;
        d2 += a2;
        d3 += a3;
        q0 += a0 * a0;
        q1 += a1 * a1;
        q2 += a2 * a2;
        q3 += a3 * a3;
    }

    /// <inheritdoc/>
    public void Finish(ReadOnlySpan<double> values, int from, Vector512<double> deviationsLow, Vector512<double> deviationsHigh, Vector512<double> squaresLow, Vector512<double> squaresHigh)
    {
        double deviations, squares;
        if (from == 0)
        {
            // No vector step ran (a short sample, or no AVX-512): the whole pass as Of takes it.
            squares = RunningMoments.SumAbout(values, Shift, out deviations);
        }
        else
        {
            deviations = Vector256.Sum((deviationsLow.GetLower() + deviationsLow.GetUpper()) + (deviationsHigh.GetLower() + deviationsHigh.GetUpper()));
            squares = Vector256.Sum((squaresLow.GetLower() + squaresLow.GetUpper()) + (squaresHigh.GetLower() + squaresHigh.GetUpper()));
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
