using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>Key offsets for any sample: the sign bit flipped for x ≥ +0, all bits for x ≤ −0.</summary>
internal readonly struct AnyKeys : IKeyOffset
{
    /// <inheritdoc/>
    public static Vector512<ulong> Min(ulong minKey) => Vector512.Create(minKey);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Offset(Vector512<double> v, Vector512<ulong> min)
    {
        var bits = v.AsInt64();
        return (bits ^ (Vector512.ShiftRightArithmetic(bits, 63) | Vector512.Create(long.MinValue))).AsUInt64() - min;
    }
}
