using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>
/// What a full pass of the selection adds up on the side (<see cref="DeviationSums"/>, or
/// <see cref="NoSums"/>); a struct type argument, so the JIT compiles each pass once per kind,
/// with nothing for none. The pass keeps the partial sums in registers of its own
/// (x[i..i+8) and x[i+8..i+16) less the shift, and their squares, over steps of sixteen) and
/// hands them over at the end.
/// </summary>
internal interface IPassSums
{
    /// <summary>Whether the pass should add anything (a constant for each type).</summary>
    static abstract bool Wanted { get; }

    /// <summary>The value subtracted before summing.</summary>
    double Shift { get; }

    /// <summary>
    /// Completes the sums from the pass's partial sums over the steps of sixteen before
    /// <paramref name="from"/> and the values from there on (all values when it is 0).
    /// </summary>
    void Finish(ReadOnlySpan<double> values, int from, Vector512<double> deviationsLow, Vector512<double> deviationsHigh, Vector512<double> squaresLow, Vector512<double> squaresHigh);
}
