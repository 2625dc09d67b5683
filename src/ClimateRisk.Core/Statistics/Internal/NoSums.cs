using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>Nothing added on the side of a pass.</summary>
internal struct NoSums : IPassSums
{
    /// <inheritdoc/>
    public readonly void Add(Vector512<double> low, Vector512<double> high)
    {
    }

    /// <inheritdoc/>
    public readonly void Finish(ReadOnlySpan<double> values, int from)
    {
    }
}
