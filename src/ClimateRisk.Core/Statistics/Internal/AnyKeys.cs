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

    /// <inheritdoc/>
    public static Vector256<ulong> Min256(ulong minKey) => Vector256.Create(minKey);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Offset(Vector256<double> v, Vector256<ulong> min)
    {
        // x < 0 as a signed compare is the arithmetic shift by 63 that AVX2 lacks.
        var bits = v.AsInt64();
        return (bits ^ (Vector256.LessThan(bits, Vector256<long>.Zero) | Vector256.Create(long.MinValue))).AsUInt64() - min;
    }
}
