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
