using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>What a full pass of the selection adds up on the side (<see cref="DeviationSums"/>, or <see cref="NoSums"/>); a struct type argument, so the JIT compiles each pass once per kind and nothing for none.</summary>
internal interface IPassSums
{
    /// <summary>Adds sixteen consecutive values, x[i..i+8) and x[i+8..i+16), i a multiple of sixteen.</summary>
    void Add(Vector512<double> low, Vector512<double> high);

    /// <summary>Completes the sums: the values from <paramref name="from"/> on were not added.</summary>
    void Finish(ReadOnlySpan<double> values, int from);
}
