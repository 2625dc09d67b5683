using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// <c>VectorNormal.InvCdf</c>'s compacted span loop as it was before issue 10's fourth pass (the
/// tail list written by eight element stores per register), kept so <see cref="BatchBenchmarks"/>
/// times both in one run; the same bits (checked in its setup).
/// </summary>
internal static class PreviousInvCdfCompacted
{
    /// <summary>destination[i] = Φ⁻¹(p[i]) for the longest multiple of 8 (the benchmark's lengths are).</summary>
    public static void InvCdf(ReadOnlySpan<double> p, Span<double> destination)
        => Compacted<Lanes512>(ref MemoryMarshal.GetReference(p), ref MemoryMarshal.GetReference(destination), p.Length);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Compacted<T>(ref double src, ref double dst, int length)
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
                for (var k = 0; k < width; k++)
                {
                    Unsafe.Add(ref indexRef, tails) = i + k;
                    Unsafe.Add(ref pRef, tails) = Unsafe.Add(ref src, i + k);
                    tails += (int)((tailBits >> k) & 1);
                }

                T.Store(VectorNormal.Central(q), ref dst, (nuint)i);
            }

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
}
