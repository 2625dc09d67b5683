using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>Nothing added on the side of a pass.</summary>
internal readonly struct NoSums : IPassSums
{
    /// <inheritdoc/>
    public static bool Wanted => false;

    /// <inheritdoc/>
    public double Shift => 0;

    /// <inheritdoc/>
    public void Finish(ReadOnlySpan<double> values, int from, Vector512<double> deviationsLow, Vector512<double> deviationsHigh, Vector512<double> squaresLow, Vector512<double> squaresHigh)
    {
    }
}
