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
/// vectors (8 paths) are in flight per iteration so the multiply latency overlaps. Where
/// AVX-512 is worthwhile the same kernel runs on Vector512 (16 paths per iteration) first.
/// Only c0 varies across lanes, so in round 0 the c2 product and in round 1 the c0 product are
/// the same for every lane and are computed once, in scalar code; and the last round's M0
/// product only makes output words 2 and 3, which no uniform uses, so it is left out: 17 vector
/// multiplies instead of 20.
/// </para>
/// </remarks>
internal static class PhiloxBatch
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);
    private const double TwoToThe52 = 4503599627370496.0;
    private const double TwoToThe32 = 4294967296.0;
    private const ulong TwoToThe52Bits = 0x4330_0000_0000_0000UL;
    private const ulong Low32 = 0xFFFF_FFFFUL;
    private const int Rounds = 10;

    /// <summary>True when <see cref="Uniforms"/> runs a vector kernel (AVX2 at least) on this machine.</summary>
    public static bool IsHardwareAccelerated => Avx2.IsSupported;

    /// <summary>
    /// True when <see cref="Uniforms"/> uses the 512-bit kernel: AVX-512F and DQ present and the
    /// runtime considers 512-bit vectors worthwhile (it does not on CPUs that throttle for them).
    /// </summary>
    public static bool Uses512BitKernel => Avx512F.IsSupported && Avx512DQ.IsSupported && Vector512.IsHardwareAccelerated;

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
        var done = 0;
        if (Uses512BitKernel)
        {
            done = UniformsAvx512(seed, firstPath, (uint)year, siteKey, c3, destination);
        }

        // Every kernel computes the same bits, so the widest takes the bulk and narrower ones the rest.
        if (Avx2.IsSupported)
        {
            done += UniformsAvx2(seed, firstPath + done, (uint)year, siteKey, c3, destination[done..]);
        }

        ScalarTail(seed, firstPath + done, (uint)year, siteKey, c3, destination[done..]);
    }

    /// <summary>
    /// destination[j] = <c>new CounterRng(seed).Uniform(stream, firstPath + pathOffsets[j], year, siteKey, draw)</c>
    /// for j &lt; <c>pathOffsets.Length</c>, bit for bit: <see cref="Uniforms"/> for a list of paths
    /// (a block's paths that need the draw), by the same vector kernels. Allocation-free.
    /// </summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="stream">Named stream.</param>
    /// <param name="firstPath">The path the offsets count from; only the low 32 bits of a path enter the counter.</param>
    /// <param name="pathOffsets">The paths, as offsets from <paramref name="firstPath"/> (any order, repeats allowed).</param>
    /// <param name="year">Calendar year, or 0 for path-level draws.</param>
    /// <param name="siteKey">Site key, or 0 for path-level draws.</param>
    /// <param name="draw">Draw index within (stream, path, year, site).</param>
    /// <param name="destination">One uniform in (0, 1) per listed path, at the list's index.</param>
    public static void UniformsAt(ulong seed, RandomStreamId stream, long firstPath, ReadOnlySpan<int> pathOffsets, int year, uint siteKey, uint draw, Span<double> destination)
    {
        if (destination.Length < pathOffsets.Length)
        {
            throw new ArgumentException("The destination is shorter than the list of paths.", nameof(destination));
        }

        var c3 = ((uint)stream << 24) | (draw & 0xFFFFFF);
        var done = 0;
        if (Uses512BitKernel)
        {
            done = UniformsAvx512(seed, new Listed(firstPath, pathOffsets), pathOffsets.Length, (uint)year, siteKey, c3, destination);
        }

        if (Avx2.IsSupported)
        {
            done += UniformsAvx2(seed, new Listed(firstPath, pathOffsets[done..]), pathOffsets.Length - done, (uint)year, siteKey, c3, destination[done..]);
        }

        var k0 = (uint)seed;
        var k1 = (uint)(seed >> 32);
        for (var j = done; j < pathOffsets.Length; j++)
        {
            Philox4x32.Block((uint)(firstPath + pathOffsets[j]), (uint)year, siteKey, c3, k0, k1, out var r0, out var r1, out _, out _);
            destination[j] = ToUniform(r0, r1);
        }
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
    /// = Φ⁻¹ of <see cref="Uniforms"/> by <see cref="VectorNormal.InvCdf(ReadOnlySpan{double}, Span{double})"/>,
    /// bit for bit (the vector Φ⁻¹ gives every lane the bits of its scalar form).
    /// </summary>
    /// <inheritdoc cref="Uniforms" path="/param"/>
    public static void Normals(ulong seed, RandomStreamId stream, long firstPath, int year, uint siteKey, uint draw, Span<double> destination)
    {
        Uniforms(seed, stream, firstPath, year, siteKey, draw, destination);
        VectorNormal.InvCdf(destination, destination);
    }

    /// <summary>The scalar reference of <see cref="Normals"/>.</summary>
    /// <inheritdoc cref="Uniforms" path="/param"/>
    public static void NormalsScalar(ulong seed, RandomStreamId stream, long firstPath, int year, uint siteKey, uint draw, Span<double> destination)
    {
        UniformsScalar(seed, stream, firstPath, year, siteKey, draw, destination);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = VectorNormal.InvCdf(destination[i]);
        }
    }

    private static void ScalarTail(ulong seed, long firstPath, uint c1, uint c2, uint c3, Span<double> destination)
    {
        var k0 = (uint)seed;
        var k1 = (uint)(seed >> 32);
        for (var i = 0; i < destination.Length; i++)
        {
            Philox4x32.Block((uint)(firstPath + i), c1, c2, c3, k0, k1, out var r0, out var r1, out _, out _);
            destination[i] = ToUniform(r0, r1);
        }
    }

    /// <summary>(⌊(r0·2³² + r1)/2¹¹⌋ + ½)·2⁻⁵³: the generator's uniform from its first two output words.</summary>
    private static double ToUniform(uint r0, uint r1) => (((((ulong)r0 << 32) | r1) >> 11) + 0.5) * TwoToMinus53;

    /// <summary>
    /// The lane-independent part of rounds 0 and 1. Round 0 maps (c0, c1, c2, c3) to
    /// (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·path) ⊕ c3 ⊕ k1, lo(M0·path)), so only M0·path varies
    /// by lane; round 1's M0 product is of round 0's c0, which does not vary either.
    /// </summary>
    /// <param name="seed">Key.</param>
    /// <param name="c1">Counter word 1 (year).</param>
    /// <param name="c2">Counter word 2 (site key).</param>
    /// <param name="c3">Counter word 3 (stream and draw).</param>
    /// <param name="round0C2Xor">Round 0: c2 = hi(M0·path) ⊕ this.</param>
    /// <param name="round1C0Xor">Round 1: c0 = hi(M1·c2) ⊕ this.</param>
    /// <param name="round1C2Xor">Round 1: c2 = (round 0's c3) ⊕ this.</param>
    /// <param name="round1C3">Round 1: c3.</param>
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

    /// <summary>Key word 0 or 1 of round <paramref name="round"/>: k + round·Weyl (mod 2³²).</summary>
    private static uint RoundKey(ulong seed, int word, int round)
        => word == 0
            ? (uint)seed + ((uint)round * Philox4x32.Weyl0)
            : (uint)(seed >> 32) + ((uint)round * Philox4x32.Weyl1);

    /// <summary>
    /// Fills the longest multiple of 8 at the start of <paramref name="destination"/> with the
    /// AVX2 kernel; returns how many. Requires <see cref="Avx2.IsSupported"/>.
    /// </summary>
    internal static int UniformsAvx2(ulong seed, long firstPath, uint c1, uint c2, uint c3, Span<double> destination)
        => UniformsAvx2(seed, new Consecutive(firstPath), destination.Length, c1, c2, c3, destination);

    /// <summary>
    /// <see cref="UniformsAvx2(ulong, long, uint, uint, uint, Span{double})"/> for the paths
    /// <paramref name="paths"/> gives its first <paramref name="length"/> destinations.
    /// </summary>
    [SkipLocalsInit] // The round keys are all written before they are read.
    private static int UniformsAvx2<TPaths>(ulong seed, TPaths paths, int length, uint c1, uint c2, uint c3, Span<double> destination)
        where TPaths : IPathLanes, allows ref struct
    {
        const int Block = 8;
        var count = length - (length % Block);
        if (count == 0)
        {
            return 0;
        }

        LaneIndependentRounds(seed, c1, c2, c3, out var r0C2Xor, out var r1C0Xor, out var r1C2Xor, out var r1C3);
        var round0Xor = Vector256.Create((ulong)r0C2Xor);
        var round1C0Xor = Vector256.Create((ulong)r1C0Xor);
        var round1C2Xor = Vector256.Create((ulong)r1C2Xor);
        var round1C3 = Vector256.Create((ulong)r1C3);

        // Rounds 2..9 keys, as 64-bit lanes with the 32-bit key in the low half.
        Span<Vector256<ulong>> keys = stackalloc Vector256<ulong>[2 * (Rounds - 2)];
        for (var r = 2; r < Rounds; r++)
        {
            keys[2 * (r - 2)] = Vector256.Create((ulong)RoundKey(seed, 0, r));
            keys[(2 * (r - 2)) + 1] = Vector256.Create((ulong)RoundKey(seed, 1, r));
        }

        var m0 = Vector256.Create((ulong)Philox4x32.Multiplier0).AsUInt32();
        var m1 = Vector256.Create((ulong)Philox4x32.Multiplier1).AsUInt32();
        ref var dst = ref MemoryMarshal.GetReference(destination);

        for (var i = 0; i < count; i += Block)
        {
            var pathA = paths.Lanes256(i);
            var pathB = paths.Lanes256(i + (Block / 2));

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

            for (var r = 0; r < 2 * (Rounds - 3); r += 2)
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

            // The last round: the output keeps words 0 and 1 only, which come from the M1 product alone.
            var lastKey = keys[2 * (Rounds - 3)];
            var la1 = Avx2.Multiply(a2.AsUInt32(), m1);
            var lb1 = Avx2.Multiply(b2.AsUInt32(), m1);
            ToUniform(Vector256.ShiftRightLogical(la1, 32) ^ a1 ^ lastKey, la1).StoreUnsafe(ref dst, (nuint)i);
            ToUniform(Vector256.ShiftRightLogical(lb1, 32) ^ b1 ^ lastKey, lb1).StoreUnsafe(ref dst, (nuint)(i + (Block / 2)));
        }

        return count;
    }

    /// <summary>
    /// <see cref="UniformsAvx2"/> with Vector512 (16 paths per iteration); returns how many it
    /// filled. Requires <see cref="Avx512F.IsSupported"/>. On Zen 4, which executes 512-bit
    /// operations as two 256-bit halves, it is still about 1.25× faster (half the instructions).
    /// </summary>
    internal static int UniformsAvx512(ulong seed, long firstPath, uint c1, uint c2, uint c3, Span<double> destination)
        => UniformsAvx512(seed, new Consecutive(firstPath), destination.Length, c1, c2, c3, destination);

    /// <summary>
    /// <see cref="UniformsAvx512(ulong, long, uint, uint, uint, Span{double})"/> for the paths
    /// <paramref name="paths"/> gives its first <paramref name="length"/> destinations.
    /// </summary>
    [SkipLocalsInit] // The round keys are all written before they are read.
    private static int UniformsAvx512<TPaths>(ulong seed, TPaths paths, int length, uint c1, uint c2, uint c3, Span<double> destination)
        where TPaths : IPathLanes, allows ref struct
    {
        const int Block = 16;
        var count = length - (length % Block);
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
        ref var dst = ref MemoryMarshal.GetReference(destination);

        for (var i = 0; i < count; i += Block)
        {
            var pathA = paths.Lanes512(i);
            var pathB = paths.Lanes512(i + (Block / 2));
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
            for (var r = 0; r < 2 * (Rounds - 3); r += 2)
            {
                var ka = keys[r];
                var kb = keys[r + 1];
                var qa0 = Avx512F.Multiply(a0.AsUInt32(), m0);
                var qb0 = Avx512F.Multiply(b0.AsUInt32(), m0);
                var qa1 = Avx512F.Multiply(a2.AsUInt32(), m1);
                var qb1 = Avx512F.Multiply(b2.AsUInt32(), m1);
                a0 = Xor3(Vector512.ShiftRightLogical(qa1, 32), a1, ka);
                b0 = Xor3(Vector512.ShiftRightLogical(qb1, 32), b1, ka);
                a1 = qa1;
                b1 = qb1;
                a2 = Xor3(Vector512.ShiftRightLogical(qa0, 32), a3, kb);
                b2 = Xor3(Vector512.ShiftRightLogical(qb0, 32), b3, kb);
                a3 = qa0;
                b3 = qb0;
            }

            // The last round: the output keeps words 0 and 1 only, which come from the M1 product alone.
            var lastKey = keys[2 * (Rounds - 3)];
            var la1 = Avx512F.Multiply(a2.AsUInt32(), m1);
            var lb1 = Avx512F.Multiply(b2.AsUInt32(), m1);
            ToUniform(Xor3(Vector512.ShiftRightLogical(la1, 32), a1, lastKey), la1).StoreUnsafe(ref dst, (nuint)i);
            ToUniform(Xor3(Vector512.ShiftRightLogical(lb1, 32), b1, lastKey), lb1).StoreUnsafe(ref dst, (nuint)(i + (Block / 2)));
        }

        return count;
    }

    /// <summary>
    /// (v + ½)·2⁻⁵³ with v = ⌊(r0·2³² + r1)/2¹¹⌋ &lt; 2⁵³, from words whose upper halves may hold garbage.
    /// </summary>
    /// <remarks>
    /// v is converted exactly as v₁·2³² + v₀ (v₁ = v ≫ 32 &lt; 2²¹, v₀ = v mod 2³²), each half by the
    /// 2⁵² trick (the bits of 2⁵² + x, minus 2⁵², give x for x &lt; 2⁵²); the product and the sum
    /// are exact because v fits in 53 bits. The only rounding is v + ½, as in the scalar code.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ToUniform(Vector256<ulong> r0, Vector256<ulong> r1)
    {
        var low32 = Vector256.Create(Low32);
        var v = (Vector256.ShiftLeft(r0, 32) | (r1 & low32)) >>> 11;
        var high = (Vector256.ShiftRightLogical(v, 32) | Vector256.Create(TwoToThe52Bits)).AsDouble() - Vector256.Create(TwoToThe52);
        var low = ((v & low32) | Vector256.Create(TwoToThe52Bits)).AsDouble() - Vector256.Create(TwoToThe52);
        var exact = (high * Vector256.Create(TwoToThe32)) + low;
        return (exact + Vector256.Create(0.5)) * Vector256.Create(TwoToMinus53);
    }

    /// <summary>
    /// <see cref="ToUniform(Vector256{ulong}, Vector256{ulong})"/> on 512 bits: the words joined by
    /// one ternary-logic operation (r0·2³² | (r1 &amp; (2³² − 1))) and v converted by AVX-512's unsigned
    /// 64-bit conversion, exact for v &lt; 2⁵³ like the 2⁵² trick it replaces; the only rounding is
    /// v + ½, as in the scalar code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ToUniform(Vector512<ulong> r0, Vector512<ulong> r1)
    {
        // Truth-table byte of a | (b & c) for (a, b, c) = (0xF0, 0xCC, 0xAA).
        var v = Avx512F.TernaryLogic(Vector512.ShiftLeft(r0, 32), r1, Vector512.Create(Low32), 0xF8) >>> 11;
        var exact = Avx512DQ.ConvertToVector512Double(v);
        return (exact + Vector512.Create(0.5)) * Vector512.Create(TwoToMinus53);
    }

    /// <summary>
    /// The paths of a batch's register: each 64-bit lane one path, whose low 32 bits are the
    /// counter's word 0 (the kernels' multiplies read nothing else).
    /// </summary>
    private interface IPathLanes
    {
        /// <summary>The paths of destinations i … i + 3.</summary>
        Vector256<ulong> Lanes256(int i);

        /// <summary>The paths of destinations i … i + 7.</summary>
        Vector512<ulong> Lanes512(int i);
    }

    /// <summary>Destination i is path first + i.</summary>
    private readonly struct Consecutive(long first) : IPathLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<ulong> Lanes256(int i) => Vector256.Create((ulong)(first + i)) + Vector256.Create(0UL, 1, 2, 3);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Lanes512(int i) => Vector512.Create((ulong)(first + i)) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
    }

    /// <summary>Destination i is path first + offsets[i].</summary>
    private readonly ref struct Listed(long first, ReadOnlySpan<int> offsets) : IPathLanes
    {
        private readonly ReadOnlySpan<int> _offsets = offsets;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<ulong> Lanes256(int i)
            => Vector256.Create((ulong)first) + Avx2.ConvertToVector256Int64(Vector128.LoadUnsafe(in MemoryMarshal.GetReference(_offsets), (nuint)i)).AsUInt64();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Lanes512(int i)
            => Vector512.Create((ulong)first) + Avx512F.ConvertToVector512Int64(Vector256.LoadUnsafe(in MemoryMarshal.GetReference(_offsets), (nuint)i)).AsUInt64();
    }

    /// <summary>a ⊕ b ⊕ c in one ternary-logic operation (truth-table byte 0x96).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Xor3(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c)
        => Avx512F.TernaryLogic(a, b, c, 0x96);
}
