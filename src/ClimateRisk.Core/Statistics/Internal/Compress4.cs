using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>
/// AVX2's stand-in for AVX-512's compress (<c>vcompresspd</c>) on four doubles: the lanes whose
/// mask is set, in lane order, moved to the front of the register by one eight-dword permute
/// (<c>vpermd</c>) whose index vector comes from a 16-entry table by the mask's four bits, then
/// one full store. So a machine without AVX-512 (a Zen 3, most Intel client cores) copies the
/// selection's candidates without a data-dependent branch too, at a table load and a permute a
/// register more.
/// </summary>
internal static class Compress4
{
    /// <summary>
    /// Row m (eight dwords): for each lane l set in m, in increasing order, the dword pair
    /// (2l, 2l + 1); the unused rest 0 (whatever lands there is overwritten or beyond the count).
    /// </summary>
    private static ReadOnlySpan<int> Permutations =>
    [
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 1, 0, 0, 0, 0, 0, 0,
        2, 3, 0, 0, 0, 0, 0, 0,
        0, 1, 2, 3, 0, 0, 0, 0,
        4, 5, 0, 0, 0, 0, 0, 0,
        0, 1, 4, 5, 0, 0, 0, 0,
        2, 3, 4, 5, 0, 0, 0, 0,
        0, 1, 2, 3, 4, 5, 0, 0,
        6, 7, 0, 0, 0, 0, 0, 0,
        0, 1, 6, 7, 0, 0, 0, 0,
        2, 3, 6, 7, 0, 0, 0, 0,
        0, 1, 2, 3, 6, 7, 0, 0,
        4, 5, 6, 7, 0, 0, 0, 0,
        0, 1, 4, 5, 6, 7, 0, 0,
        2, 3, 4, 5, 6, 7, 0, 0,
        0, 1, 2, 3, 4, 5, 6, 7,
    ];

    /// <summary>
    /// Stores the lanes of <paramref name="v"/> whose <paramref name="keep"/> lane is set (its
    /// sign bit) at destination[count…], in lane order, writing a whole register (so four lanes
    /// must be writable from <paramref name="count"/>); returns count + how many were kept.
    /// Needs AVX2 (the caller checks <see cref="Avx2.IsSupported"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Store(Vector256<double> v, Vector256<double> keep, ref double destination, int count)
    {
        var mask = keep.ExtractMostSignificantBits();
        var order = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(Permutations), (nuint)(mask * 8));
        Avx2.PermuteVar8x32(v.AsInt32(), order).AsDouble().StoreUnsafe(ref destination, (nuint)count);
        return count + BitOperations.PopCount(mask);
    }
}
