using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ClimateRisk.Core.Random;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// <c>PhiloxBatch.UniformsAvx512</c> as it was before issue 10's fourth pass (separate XORs, the
/// uint64 → double conversion by the 2⁵² trick on each half), kept so <see cref="BatchBenchmarks"/>
/// times both in one run; the same bits (checked in its setup).
/// </summary>
internal static class PreviousPhiloxAvx512
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);
    private const double TwoToThe52 = 4503599627370496.0;
    private const double TwoToThe32 = 4294967296.0;
    private const ulong TwoToThe52Bits = 0x4330_0000_0000_0000UL;
    private const ulong Low32 = 0xFFFF_FFFFUL;
    private const int Rounds = 10;

    public static int UniformsAvx512(ulong seed, long firstPath, uint c1, uint c2, uint c3, Span<double> destination)
    {
        const int Block = 16;
        var count = destination.Length - (destination.Length % Block);
        if (count == 0)
        {
            return 0;
        }

        LaneIndependentRounds(seed, c1, c2, c3, out var r0C2Xor, out var r1C0Xor, out var r1C2Xor, out var r1C3);
        var round0Xor = Vector512.Create((ulong)r0C2Xor);
        var round1C0Xor = Vector512.Create((ulong)r1C0Xor);
        var round1C2Xor = Vector512.Create((ulong)r1C2Xor);
        var round1C3 = Vector512.Create((ulong)r1C3);
        Span<Vector512<ulong>> keys = stackalloc Vector512<ulong>[2 * (Rounds - 2)];
        for (var r = 2; r < Rounds; r++)
        {
            keys[2 * (r - 2)] = Vector512.Create((ulong)RoundKey(seed, 0, r));
            keys[(2 * (r - 2)) + 1] = Vector512.Create((ulong)RoundKey(seed, 1, r));
        }

        var m0 = Vector512.Create((ulong)Philox4x32.Multiplier0).AsUInt32();
        var m1 = Vector512.Create((ulong)Philox4x32.Multiplier1).AsUInt32();
        var pathA = Vector512.Create((ulong)firstPath) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
        var half = Vector512.Create((ulong)(Block / 2));
        var step = Vector512.Create((ulong)Block);
        ref var dst = ref MemoryMarshal.GetReference(destination);

        for (var i = 0; i < count; i += Block)
        {
            var pathB = pathA + half;
            var pa = Avx512F.Multiply(pathA.AsUInt32(), m0);
            var pb = Avx512F.Multiply(pathB.AsUInt32(), m0);
            var a2 = Vector512.ShiftRightLogical(pa, 32) ^ round0Xor;
            var b2 = Vector512.ShiftRightLogical(pb, 32) ^ round0Xor;
            var a3 = pa;
            var b3 = pb;
            pa = Avx512F.Multiply(a2.AsUInt32(), m1);
            pb = Avx512F.Multiply(b2.AsUInt32(), m1);
            var a0 = Vector512.ShiftRightLogical(pa, 32) ^ round1C0Xor;
            var b0 = Vector512.ShiftRightLogical(pb, 32) ^ round1C0Xor;
            var a1 = pa;
            var b1 = pb;
            a2 = a3 ^ round1C2Xor;
            b2 = b3 ^ round1C2Xor;
            a3 = round1C3;
            b3 = round1C3;
            for (var r = 0; r < 2 * (Rounds - 2); r += 2)
            {
                var ka = keys[r];
                var kb = keys[r + 1];
                var qa0 = Avx512F.Multiply(a0.AsUInt32(), m0);
                var qb0 = Avx512F.Multiply(b0.AsUInt32(), m0);
                var qa1 = Avx512F.Multiply(a2.AsUInt32(), m1);
                var qb1 = Avx512F.Multiply(b2.AsUInt32(), m1);
                a0 = Vector512.ShiftRightLogical(qa1, 32) ^ a1 ^ ka;
                b0 = Vector512.ShiftRightLogical(qb1, 32) ^ b1 ^ ka;
                a1 = qa1;
                b1 = qb1;
                a2 = Vector512.ShiftRightLogical(qa0, 32) ^ a3 ^ kb;
                b2 = Vector512.ShiftRightLogical(qb0, 32) ^ b3 ^ kb;
                a3 = qa0;
                b3 = qb0;
            }

            ToUniform(a0, a1).StoreUnsafe(ref dst, (nuint)i);
            ToUniform(b0, b1).StoreUnsafe(ref dst, (nuint)(i + (Block / 2)));
            pathA += step;
        }

        return count;
    }

    private static void LaneIndependentRounds(
        ulong seed, uint c1, uint c2, uint c3,
        out uint round0C2Xor, out uint round1C0Xor, out uint round1C2Xor, out uint round1C3)
    {
        var k0 = (uint)seed;
        var k1 = (uint)(seed >> 32);
        var product = (ulong)Philox4x32.Multiplier1 * c2;
        var round0C0 = (uint)(product >> 32) ^ c1 ^ k0;
        var round0C1 = (uint)product;
        round0C2Xor = c3 ^ k1;
        product = (ulong)Philox4x32.Multiplier0 * round0C0;
        round1C0Xor = round0C1 ^ (k0 + Philox4x32.Weyl0);
        round1C2Xor = (uint)(product >> 32) ^ (k1 + Philox4x32.Weyl1);
        round1C3 = (uint)product;
    }

    private static uint RoundKey(ulong seed, int word, int round)
        => word == 0
            ? (uint)seed + ((uint)round * Philox4x32.Weyl0)
            : (uint)(seed >> 32) + ((uint)round * Philox4x32.Weyl1);

    /// <summary>The 2⁵² trick per 32-bit half (the conversion before AVX-512DQ's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ToUniform(Vector512<ulong> r0, Vector512<ulong> r1)
    {
        var low32 = Vector512.Create(Low32);
        var v = (Vector512.ShiftLeft(r0, 32) | (r1 & low32)) >>> 11;
        var high = (Vector512.ShiftRightLogical(v, 32) | Vector512.Create(TwoToThe52Bits)).AsDouble() - Vector512.Create(TwoToThe52);
        var low = ((v & low32) | Vector512.Create(TwoToThe52Bits)).AsDouble() - Vector512.Create(TwoToThe52);
        var exact = (high * Vector512.Create(TwoToThe32)) + low;
        return (exact + Vector512.Create(0.5)) * Vector512.Create(TwoToMinus53);
    }
}
