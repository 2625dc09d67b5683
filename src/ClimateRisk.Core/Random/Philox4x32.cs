using System.Runtime.CompilerServices;

namespace ClimateRisk.Core.Random;

/// <summary>
/// The Philox4x32-10 counter-based generator: a keyed bijection of a 128-bit counter.
/// Output = f_key(counter), with no state carried between calls, so any draw can be computed
/// on any thread in any order.
/// </summary>
/// <remarks>
/// Source: Salmon, Moraes, Dror, Shaw (2011), "Parallel random numbers: as easy as 1, 2, 3",
/// SC'11; constants and round structure as in Random123 (philox.h). Verified against
/// Random123's known-answer vectors (kat_vectors) in the tests.
/// </remarks>
public static class Philox4x32
{
    // Internal so the batch kernel (Internal/PhiloxBatch) shares one definition of the constants.
    internal const uint Multiplier0 = 0xD2511F53;
    internal const uint Multiplier1 = 0xCD9E8D57;
    internal const uint Weyl0 = 0x9E3779B9;
    internal const uint Weyl1 = 0xBB67AE85;

    /// <summary>Ten rounds of Philox4x32 on counter (c0..c3) with key (k0, k1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block(
        uint c0, uint c1, uint c2, uint c3, uint k0, uint k1,
        out uint r0, out uint r1, out uint r2, out uint r3)
    {
        for (var round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                k0 += Weyl0;
                k1 += Weyl1;
            }

            var product0 = (ulong)Multiplier0 * c0;
            var product1 = (ulong)Multiplier1 * c2;
            var hi0 = (uint)(product0 >> 32);
            var lo0 = (uint)product0;
            var hi1 = (uint)(product1 >> 32);
            var lo1 = (uint)product1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
        }

        r0 = c0;
        r1 = c1;
        r2 = c2;
        r3 = c3;
    }
}
