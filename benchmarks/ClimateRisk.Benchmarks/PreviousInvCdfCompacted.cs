using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// <c>VectorNormal.InvCdf</c>'s span as it was before issue 10's sixteenth session: AS 241's
/// central rational (a division) on every register and its tails (a log, a square root, a
/// division) on a compacted list of the 15 % of lanes outside [0.075, 0.925], kept so
/// <see cref="BatchBenchmarks"/> times both in one run. Since then r = min(p, 1 − p) ≥ 2⁻⁹ has
/// its own polynomials, so the bits differ there (both within the ulps VectorNormalTests states).
/// </summary>
internal static class PreviousInvCdfCompacted
{
    /// <summary>destination[i] = Φ⁻¹(p[i]) for the longest multiple of 8 (the benchmark's lengths are).</summary>
    public static void InvCdf(ReadOnlySpan<double> p, Span<double> destination)
        => InvCdfCompacted<Lanes512>(ref MemoryMarshal.GetReference(p), ref MemoryMarshal.GetReference(destination), p.Length);

    /// <summary>
    /// Whole registers of the span in chunks of 256; returns how many elements were written.
    /// About 73 % of 8-lane registers of uniforms hold a tail lane (p outside [0.075, 0.925]), so
    /// running <c>VectorNormal.InvCdf</c> of that time per register would pay for the tail nearly always. Here
    /// every register gets the central rational, the tail lanes' indices and probabilities are
    /// appended to a list without branching, and the tails run on full registers of the list
    /// and are scattered back. Each lane goes through the same operations as in
    /// <c>VectorNormal.InvCdf</c> of that time, so the bits are those of the scalar call.
    /// </summary>
    [SkipLocalsInit] // The lists are written before they are read (5 KB zeroed per call otherwise).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int InvCdfCompacted<T>(ref double src, ref double dst, int length)
        where T : struct, ILanes<T>
    {
        const int Chunk = 256;
        var width = T.Count;
        var count = length - (length % width);
        Span<int> index = stackalloc int[Chunk + 8];
        Span<double> tailP = stackalloc double[Chunk + 8];
        Span<double> tailX = stackalloc double[Chunk + 8];
        ref var indexRef = ref MemoryMarshal.GetReference(index);
        ref var pRef = ref MemoryMarshal.GetReference(tailP);
        ref var xRef = ref MemoryMarshal.GetReference(tailX);
        for (var chunk = 0; chunk < count; chunk += Chunk)
        {
            var end = Math.Min(count, chunk + Chunk);
            var tails = 0;
            for (var i = chunk; i < end; i += width)
            {
                var p = T.Load(in src, (nuint)i);
                var q = p - T.Create(0.5);
                var tailBits = ~T.SignBits(T.LessThanOrEqual(T.Abs(q), T.Create(0.425)));

                // Before the store: in place, dst is src.
                if (width == 8 && Avx512F.VL.IsSupported)
                {
                    tails = AppendTails(Unsafe.BitCast<T, Vector512<double>>(p), tailBits, i, ref indexRef, ref pRef, tails);
                }
                else
                {
                    for (var k = 0; k < width; k++)
                    {
                        Unsafe.Add(ref indexRef, tails) = i + k;
                        Unsafe.Add(ref pRef, tails) = Unsafe.Add(ref src, i + k);
                        tails += (int)((tailBits >> k) & 1);
                    }
                }

                T.Store(Central(q), ref dst, (nuint)i);
            }

            // Slack lanes past the list: p = ½ is harmless and never stored.
            tailP.Slice(tails, width).Fill(0.5);
            for (var t = 0; t < tails; t += width)
            {
                var p = T.Load(in pRef, (nuint)t);
                T.Store(VectorNormal.Tails(p, p - T.Create(0.5)), ref xRef, (nuint)t);
            }

            for (var t = 0; t < tails; t++)
            {
                Unsafe.Add(ref dst, Unsafe.Add(ref indexRef, t)) = Unsafe.Add(ref xRef, t);
            }
        }

        return count;
    }

    /// <summary>
    /// The tail lanes of one 8-lane register appended to the list by compressing them to the
    /// bottom of a register (their indices and probabilities, in lane order) and storing the whole
    /// register (the lists have 8 elements of slack; what lies past the new length is overwritten
    /// by the next append or ignored) instead of eight element stores per list; returns the new
    /// length. Not the compress store to memory: on Zen 4 it is microcoded and far slower.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static int AppendTails(Vector512<double> p, uint bits, int i, ref int indexRef, ref double pRef, int tails)
    {
        var lanes = Vector512.Create(1L, 2, 4, 8, 16, 32, 64, 128);
        var mask = Vector512.Equals(Vector512.Create((long)(bits & 0xFF)) & lanes, lanes);
        var indices = Vector256.Create(i) + Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        Avx512F.Compress(p, mask.AsDouble(), p).StoreUnsafe(ref pRef, (nuint)tails);
        Avx512F.VL.Compress(indices, Avx512F.ConvertToVector256Int32(mask), indices).StoreUnsafe(ref indexRef, (nuint)tails);
        return tails + BitOperations.PopCount(bits & 0xFF);
    }

    /// <summary>AS 241's central region: q·A(r)/B(r), r = 0.180625 − q², A and B by fused Horner steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static T Central<T>(T q)
        where T : struct, ILanes<T>
    {
        var r = T.Create(0.180625) - (q * q);
        var num = T.Create(2.5090809287301226727e3);
        num = T.FusedMultiplyAdd(num, r, T.Create(3.3430575583588128105e4));
        num = T.FusedMultiplyAdd(num, r, T.Create(6.7265770927008700853e4));
        num = T.FusedMultiplyAdd(num, r, T.Create(4.5921953931549871457e4));
        num = T.FusedMultiplyAdd(num, r, T.Create(1.3731693765509461125e4));
        num = T.FusedMultiplyAdd(num, r, T.Create(1.9715909503065514427e3));
        num = T.FusedMultiplyAdd(num, r, T.Create(1.3314166789178437745e2));
        num = T.FusedMultiplyAdd(num, r, T.Create(3.3871328727963666080e0));
        var den = T.Create(5.2264952788528545610e3);
        den = T.FusedMultiplyAdd(den, r, T.Create(2.8729085735721942674e4));
        den = T.FusedMultiplyAdd(den, r, T.Create(3.9307895800092710610e4));
        den = T.FusedMultiplyAdd(den, r, T.Create(2.1213794301586595867e4));
        den = T.FusedMultiplyAdd(den, r, T.Create(5.3941960214247511077e3));
        den = T.FusedMultiplyAdd(den, r, T.Create(6.8718700749205790830e2));
        den = T.FusedMultiplyAdd(den, r, T.Create(4.2313330701600911252e1));
        den = T.FusedMultiplyAdd(den, r, T.Create(1.0));
        return q * num / den;
    }
}
