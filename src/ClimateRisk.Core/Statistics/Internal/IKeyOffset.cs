using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>
/// How a pass of the selection turns eight values into their key's offset from the range's
/// smallest key, key − min (<see cref="RadixSelect.Key"/>): for any sample (<see cref="AnyKeys"/>),
/// or, two operations fewer a register, for one without values below +0 (<see cref="PositiveKeys"/>).
/// A struct type argument, so the JIT compiles each pass once per kind.
/// </summary>
internal interface IKeyOffset
{
    /// <summary>The form of the smallest key that <see cref="Offset(Vector512{double}, Vector512{ulong})"/> takes.</summary>
    static abstract Vector512<ulong> Min(ulong minKey);

    /// <summary>key(v) − min, lane by lane, with <paramref name="min"/> from <see cref="Min"/>.</summary>
    static abstract Vector512<ulong> Offset(Vector512<double> v, Vector512<ulong> min);

    /// <summary><see cref="Min"/> for four lanes.</summary>
    static abstract Vector256<ulong> Min256(ulong minKey);

    /// <summary><see cref="Offset(Vector512{double}, Vector512{ulong})"/> for four lanes (AVX2, which has no 64-bit arithmetic shift).</summary>
    static abstract Vector256<ulong> Offset(Vector256<double> v, Vector256<ulong> min);
}
