using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ClimateRisk.Core.Distributions.Internal;

namespace ClimateRisk.Core.Random.Internal;

/// <summary>
/// <see cref="CounterRng"/> draws for a run of consecutive paths with the rest of the key
/// (seed, stream, year, site, draw) fixed: the structure-of-arrays form of the generator.
/// </summary>
/// <remarks>
/// <para>
/// Element i of the output is bit-identical to
/// <c>new CounterRng(seed).Uniform(stream, firstPath + i, year, siteKey, draw)</c>: the counter is
/// (c0, c1, c2, c3) = ((uint)path, (uint)year, siteKey, stream·2²⁴ + draw), the key is the seed's
/// low and high words, and u = (⌊(r0·2³² + r1) / 2¹¹⌋ + ½)·2⁻⁵³ from the first two output words
/// of Philox4x32-10. Every lane runs exactly the scalar integer arithmetic, and the final
/// conversion is exact up to the one rounding (v + ½) that the scalar code also performs, so a
/// path's value never depends on the batch length or on which lane it falls in.
/// </para>
/// <para>
/// Vector path (AVX2 <c>vpmuludq</c>): each 64-bit lane carries one path, Philox's 32-bit words
/// living in the low halves. <c>vpmuludq</c> reads only the low 32 bits of each lane and returns
/// the full 64-bit product, so hi = product ≫ 32 and lo = the product itself (its upper half is
/// never read again before the next multiply); no masking is needed inside the rounds. Two
/// vectors (8 paths) are in flight per iteration so the 5-cycle multiply latency overlaps.
/// Only c0 varies across lanes, so in round 0 the c2 product and in round 1 the c0 product are
/// the same for every lane and are computed once, in scalar code: 18 vector multiplies instead of 20.
/// </para>
/// </remarks>
internal static class PhiloxBatch
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);
    private const int Rounds = 10;

    /// <summary>Paths per iteration of the vector loop (two Vector256 of four 64-bit lanes).</summary>
    private const int VectorBlock = 8;

    /// <summary>True when <see cref="Uniforms"/> runs the AVX2 kernel on this machine.</summary>
    public static bool IsHardwareAccelerated => Avx2.IsSupported;

    /// <summary>
    /// destination[i] = <c>new CounterRng(seed).Uniform(stream, firstPath + i, year, siteKey, draw)</c>,
    /// bit for bit. Allocation-free.
    /// </summary>
    /// <param name="seed">The run's seed (Philox key: low word k0, high word k1).</param>
    /// <param name="stream">Named stream.</param>
    /// <param name="firstPath">Path index of destination[0]; only its low 32 bits enter the counter, as in the scalar generator.</param>
    /// <param name="year">Calendar year, or 0 for path-level draws.</param>
    /// <param name="siteKey">Site key, or 0 for path-level draws.</param>
    /// <param name="draw">Draw index within (stream, path, year, site); bits above 2²⁴ are dropped, as in the scalar generator.</param>
    /// <param name="destination">One uniform in (0, 1) per path.</param>
    public static void Uniforms(ulong seed, RandomStreamId stream, long firstPath, int year, uint siteKey, uint draw, Span<double> destination)
    {
        var c3 = ((uint)stream << 24) | (draw & 0xFFFFFF);
        var done = Avx2.IsSupported ? UniformsAvx2(seed, firstPath, (uint)year, siteKey, c3, destination) : 0;
        ScalarTail(seed, firstPath + done, (uint)year, siteKey, c3, destination[done..]);
    }

    /// <summary>
    /// The scalar reference of <see cref="Uniforms"/> (one <see cref="Philox4x32.Block"/> per path),
    /// kept callable so tests and benchmarks can compare it with the vector kernel on any machine.
    /// </summary>
    /// <inheritdoc cref="Uniforms" path="/param"/>
    public static void UniformsScalar(ulong seed, RandomStreamId stream, long firstPath, int year, uint siteKey, uint draw, Span<double> destination)
        => ScalarTail(seed, firstPath, (uint)year, siteKey, ((uint)stream << 24) | (draw & 0xFFFFFF), destination);

    /// <summary>
    /// destination[i] = <c>new CounterRng(seed).Normal(stream, firstPath + i, year, siteKey, draw)</c>
    /// = Φ⁻¹ of <see cref="Uniforms"/>, bit for bit (see <see cref="NormalBatch.InvCdf"/>).
    /// </summary>
    /// <inheritdoc cref="Uniforms" path="/param"/>
    public static void Normals(ulong seed, RandomStreamId stream, long firstPath, int year, uint siteKey, uint draw, Span<double> destination)
    {
        Uniforms(seed, stream, firstPath, year, siteKey, draw, destination);
        NormalBatch.InvCdf(destination, destination);
    }

    /// <summary>The scalar reference of <see cref="Normals"/>.</summary>
    /// <inheritdoc cref="Uniforms" path="/param"/>
    public static void NormalsScalar(ulong seed, RandomStreamId stream, long firstPath, int year, uint siteKey, uint draw, Span<double> destination)
    {
        UniformsScalar(seed, stream, firstPath, year, siteKey, draw, destination);
        NormalBatch.InvCdfScalar(destination, destination);
    }

    private static void ScalarTail(ulong seed, long firstPath, uint c1, uint c2, uint c3, Span<double> destination)
    {
        var k0 = (uint)seed;
        var k1 = (uint)(seed >> 32);
        for (var i = 0; i < destination.Length; i++)
        {
            Philox4x32.Block((uint)(firstPath + i), c1, c2, c3, k0, k1, out var r0, out var r1, out _, out _);
            var bits = (((ulong)r0 << 32) | r1) >> 11;
            destination[i] = (bits + 0.5) * TwoToMinus53;
        }
    }

    /// <summary>Fills the longest multiple of <see cref="VectorBlock"/> at the start of <paramref name="destination"/>; returns how many.</summary>
    private static int UniformsAvx2(ulong seed, long firstPath, uint c1, uint c2, uint c3, Span<double> destination)
    {
        var count = destination.Length - (destination.Length % VectorBlock);
        if (count == 0)
        {
            return 0;
        }

        var k0 = (uint)seed;
        var k1 = (uint)(seed >> 32);

        // Round 0: (c0, c1, c2, c3) ← (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·path) ⊕ c3 ⊕ k1, lo(M0·path));
        // only the M0·path product varies by lane.
        var product = (ulong)Philox4x32.Multiplier1 * c2;
        var round0C0 = (uint)(product >> 32) ^ c1 ^ k0;
        var round0C1 = (uint)product;
        var round0Xor = Vector256.Create((ulong)(c3 ^ k1));

        // Round 1: the M0·c0 product uses round 0's lane-independent c0.
        var k0Round1 = k0 + Philox4x32.Weyl0;
        var k1Round1 = k1 + Philox4x32.Weyl1;
        product = (ulong)Philox4x32.Multiplier0 * round0C0;
        var round1C0Xor = Vector256.Create((ulong)(round0C1 ^ k0Round1));
        var round1C2Xor = Vector256.Create((ulong)((uint)(product >> 32) ^ k1Round1));
        var round1C3 = Vector256.Create((ulong)(uint)product);

        // Rounds 2..9 keys, as 64-bit lanes with the 32-bit key in the low half.
        Span<Vector256<ulong>> keys = stackalloc Vector256<ulong>[2 * (Rounds - 2)];
        for (var r = 2; r < Rounds; r++)
        {
            keys[2 * (r - 2)] = Vector256.Create((ulong)(k0 + ((uint)r * Philox4x32.Weyl0)));
            keys[(2 * (r - 2)) + 1] = Vector256.Create((ulong)(k1 + ((uint)r * Philox4x32.Weyl1)));
        }

        var m0 = Vector256.Create((ulong)Philox4x32.Multiplier0).AsUInt32();
        var m1 = Vector256.Create((ulong)Philox4x32.Multiplier1).AsUInt32();
        var low32 = Vector256.Create(0xFFFF_FFFFUL);
        var pathA = Vector256.Create((ulong)firstPath) + Vector256.Create(0UL, 1, 2, 3);
        var step = Vector256.Create((ulong)VectorBlock);
        ref var dst = ref MemoryMarshal.GetReference(destination);

        for (var i = 0; i < count; i += VectorBlock)
        {
            var pathB = pathA + Vector256.Create(4UL);

            // Round 0.
            var pa = Avx2.Multiply(pathA.AsUInt32(), m0);
            var pb = Avx2.Multiply(pathB.AsUInt32(), m0);
            var a2 = Vector256.ShiftRightLogical(pa, 32) ^ round0Xor;
            var b2 = Vector256.ShiftRightLogical(pb, 32) ^ round0Xor;
            var a3 = pa;
            var b3 = pb;

            // Round 1.
            pa = Avx2.Multiply(a2.AsUInt32(), m1);
            pb = Avx2.Multiply(b2.AsUInt32(), m1);
            var a0 = Vector256.ShiftRightLogical(pa, 32) ^ round1C0Xor;
            var b0 = Vector256.ShiftRightLogical(pb, 32) ^ round1C0Xor;
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
                var qa0 = Avx2.Multiply(a0.AsUInt32(), m0);
                var qb0 = Avx2.Multiply(b0.AsUInt32(), m0);
                var qa1 = Avx2.Multiply(a2.AsUInt32(), m1);
                var qb1 = Avx2.Multiply(b2.AsUInt32(), m1);
                a0 = Vector256.ShiftRightLogical(qa1, 32) ^ a1 ^ ka;
                b0 = Vector256.ShiftRightLogical(qb1, 32) ^ b1 ^ ka;
                a1 = qa1;
                b1 = qb1;
                a2 = Vector256.ShiftRightLogical(qa0, 32) ^ a3 ^ kb;
                b2 = Vector256.ShiftRightLogical(qb0, 32) ^ b3 ^ kb;
                a3 = qa0;
                b3 = qb0;
            }

            ToUniform(a0, a1, low32).StoreUnsafe(ref dst, (nuint)i);
            ToUniform(b0, b1, low32).StoreUnsafe(ref dst, (nuint)(i + 4));
            pathA += step;
        }

        return count;
    }

    /// <summary>
    /// (v + ½)·2⁻⁵³ with v = ⌊(r0·2³² + r1)/2¹¹⌋ &lt; 2⁵³, from words whose upper halves may hold garbage.
    /// </summary>
    /// <remarks>
    /// v is converted exactly as v₁·2³² + v₀ (v₁ = v ≫ 32 &lt; 2²¹, v₀ = v mod 2³²), each half by the
    /// 2⁵² trick (bits of 2⁵² + x minus 2⁵² is x for x &lt; 2⁵²); the product and the sum are exact
    /// because v fits in 53 bits. The only rounding is v + ½, exactly as in the scalar code.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ToUniform(Vector256<ulong> r0, Vector256<ulong> r1, Vector256<ulong> low32)
    {
        const ulong TwoToThe52Bits = 0x4330_0000_0000_0000UL;
        const double TwoToThe52 = 4503599627370496.0;
        var v = (Vector256.ShiftLeft(r0, 32) | (r1 & low32)) >>> 11;
        var high = (Vector256.ShiftRightLogical(v, 32) | Vector256.Create(TwoToThe52Bits)).AsDouble() - Vector256.Create(TwoToThe52);
        var low = ((v & low32) | Vector256.Create(TwoToThe52Bits)).AsDouble() - Vector256.Create(TwoToThe52);
        var exact = (high * Vector256.Create(4294967296.0)) + low;
        return (exact + Vector256.Create(0.5)) * Vector256.Create(TwoToMinus53);
    }
}
