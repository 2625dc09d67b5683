using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>
/// Key offsets for a sample without values below +0 (its smallest key at least
/// <see cref="RadixSelect.SignBit"/>): every key is the bits plus 2⁶³, so key − min is the bits
/// less (min − 2⁶³) — one subtraction instead of a shift, a ternary logic and a subtraction.
/// </summary>
internal readonly struct PositiveKeys : IKeyOffset
{
    /// <inheritdoc/>
    public static Vector512<ulong> Min(ulong minKey) => Vector512.Create(minKey ^ RadixSelect.SignBit);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Offset(Vector512<double> v, Vector512<ulong> min) => v.AsUInt64() - min;

    /// <inheritdoc/>
    public static Vector256<ulong> Min256(ulong minKey) => Vector256.Create(minKey ^ RadixSelect.SignBit);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Offset(Vector256<double> v, Vector256<ulong> min) => v.AsUInt64() - min;
}
