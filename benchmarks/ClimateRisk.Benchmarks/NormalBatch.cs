using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Distributions;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// Φ⁻¹ over a span: the batch form of <see cref="StandardNormal.InvCdfUnchecked"/>, bit-identical
/// to it element by element.
/// </summary>
/// <remarks>
/// <para>
/// AS 241's central region (|p − ½| ≤ 0.425, about 85 % of uniform draws) is the rational
/// function q·A(r)/B(r), r = 0.180625 − q², q = p − ½, with degree-7 polynomials in Horner form.
/// The vector path evaluates exactly the scalar sequence of IEEE-754 operations (no fused
/// multiply–add, same association), and each of those is correctly rounded, so every lane equals
/// the scalar result bit for bit. The tails need ln and √: √ is correctly rounded in both forms,
/// but <c>Math.Log</c> is the platform libm, which no vector log reproduces bit for bit, so the
/// tail lanes are compacted into a list, their logarithms taken by <c>Math.Log</c> one at a time,
/// and the rest (√, rationals, sign) vectorised again in the scalar operation order; p = 0, 1 and
/// NaN go to the scalar function whole. A value therefore never depends
/// on its position in the span or on the span's length, which the engine's
/// any-thread-count/any-block-size determinism needs.
/// </para>
/// <para>
/// Span conventions follow <c>TensorPrimitives</c>: input first, destination last, the length
/// checked once, in-place use (destination = source) allowed, partial overlap rejected.
/// </para>
/// </remarks>
internal static partial class NormalBatch
{
    private const double CentralLimit = 0.425;
    private const double CentralOffset = 0.180625;

    /// <summary>Elements per pass of the vector kernel; bounds the stack buffers of the tail list (≈ 5 KiB).</summary>
    private const int ChunkSize = 256;

    /// <summary>True when <see cref="InvCdf"/> evaluates the central region with Vector256.</summary>
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    /// <summary>
    /// destination[i] = <see cref="StandardNormal.InvCdfUnchecked"/>(probabilities[i]), bit for bit.
    /// Allocation-free.
    /// </summary>
    /// <param name="probabilities">Probabilities p (not checked: 0 gives −∞, 1 gives +∞, outside [0, 1] garbage, as in the scalar function).</param>
    /// <param name="destination">z-scores; at least as long as <paramref name="probabilities"/>; may be the same memory.</param>
    /// <exception cref="ArgumentException">The destination is too short or partially overlaps the input.</exception>
    public static void InvCdf(ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        CheckSpans(probabilities, destination);
        var done = Vector256.IsHardwareAccelerated ? InvCdfVector(probabilities, destination) : 0;
        InvCdfScalar(probabilities[done..], destination[done..]);
    }

    /// <summary>The scalar reference of <see cref="InvCdf"/>: one <see cref="StandardNormal.InvCdfUnchecked"/> per element.</summary>
    /// <inheritdoc cref="InvCdf" path="/param"/>
    public static void InvCdfScalar(ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        CheckSpans(probabilities, destination);
        for (var i = 0; i < probabilities.Length; i++)
        {
            destination[i] = StandardNormal.InvCdfUnchecked(probabilities[i]);
        }
    }

    /// <summary>
    /// Appends i + k to the list at <paramref name="index"/> for each set bit k of the low four bits of
    /// <paramref name="lanes"/>; returns the new length. Every index is written and the length
    /// advanced by the bit, so no branch depends on the data; the list needs room for
    /// <paramref name="count"/> + 4 entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AppendLanes(ref int index, int count, int i, uint lanes)
    {
        Unsafe.Add(ref index, count) = i;
        count += (int)(lanes & 1);
        Unsafe.Add(ref index, count) = i + 1;
        count += (int)((lanes >> 1) & 1);
        Unsafe.Add(ref index, count) = i + 2;
        count += (int)((lanes >> 2) & 1);
        Unsafe.Add(ref index, count) = i + 3;
        return count + (int)((lanes >> 3) & 1);
    }

    private static void CheckSpans(ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        if (destination.Length < probabilities.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values, need {probabilities.Length}.", nameof(destination));
        }

        if (probabilities.Overlaps(destination, out var offset) && offset != 0)
        {
            throw new ArgumentException("Destination partially overlaps the input.", nameof(destination));
        }
    }

    /// <summary>
    /// Whole vectors at the start of the span, in chunks of <see cref="ChunkSize"/>; returns how
    /// many elements were written.
    /// </summary>
    /// <remarks>
    /// Per chunk: (1) every vector gets the central formula, tail lanes keep p in the
    /// destination and their indices are appended to a list without branching (about half of all
    /// 4-lane vectors hold a tail lane, so a branch per vector would mispredict constantly);
    /// (2) a scalar pass takes ln of each listed tail probability with <c>Math.Log</c>, the one
    /// step no vector code reproduces bit for bit, and hands p = 0, 1 or NaN to the scalar
    /// function; (3) √, the two tail rationals and the sign run four lanes at a time on the
    /// compacted list and are scattered back.
    /// </remarks>
    private static int InvCdfVector(ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        var width = Vector256<double>.Count;
        var count = probabilities.Length - (probabilities.Length % width);
        if (count == 0)
        {
            return 0;
        }

        // One vector of slack so pass 3 can read whole vectors past the last listed tail.
        Span<int> tailIndex = stackalloc int[ChunkSize];
        Span<double> tailLog = stackalloc double[ChunkSize + 4];
        Span<double> tailQ = stackalloc double[ChunkSize + 4];
        ref var src = ref MemoryMarshal.GetReference(probabilities);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        ref var index = ref MemoryMarshal.GetReference(tailIndex);
        for (var chunk = 0; chunk < count; chunk += ChunkSize)
        {
            var chunkEnd = Math.Min(count, chunk + ChunkSize);
            var tails = 0;
            for (var i = chunk; i < chunkEnd; i += width)
            {
                var p = Vector256.LoadUnsafe(ref src, (nuint)i);
                var q = p - Vector256.Create(0.5);

                // "Central", not "|q| > 0.425", decides, so NaN lanes are listed as tails.
                var central = Vector256.LessThanOrEqual(Vector256.Abs(q), Vector256.Create(CentralLimit));
                Vector256.ConditionalSelect(central, Central(q), p).StoreUnsafe(ref dst, (nuint)i);
                tails = AppendLanes(ref index, tails, i, ~central.ExtractMostSignificantBits());
            }

            var listed = 0;
            for (var t = 0; t < tails; t++)
            {
                var j = tailIndex[t];
                var p = Unsafe.Add(ref dst, j);
                var q = p - 0.5;
                var r = q < 0.0 ? p : 1.0 - p;
                if (r > 0.0)
                {
                    tailIndex[listed] = j;
                    tailLog[listed] = Math.Log(r);
                    tailQ[listed] = q;
                    listed++;
                }
                else
                {
                    Unsafe.Add(ref dst, j) = StandardNormal.InvCdfUnchecked(p);
                }
            }

            // Slack lanes: any finite negative log keeps them harmless; they are never stored.
            tailLog.Slice(listed, width).Fill(-1.0);
            tailQ.Slice(listed, width).Clear();
            for (var t = 0; t < listed; t += width)
            {
                var x = Tail(
                    Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(tailLog), (nuint)t),
                    Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(tailQ), (nuint)t));
                var lanes = Math.Min(width, listed - t);
                for (var k = 0; k < lanes; k++)
                {
                    Unsafe.Add(ref dst, tailIndex[t + k]) = x.GetElement(k);
                }
            }
        }

        return count;
    }

    /// <summary>
    /// AS 241's tails from ℓ = ln min(p, 1 − p) and q = p − ½: s = √(−ℓ), the rational in s − 1.6
    /// for s ≤ 5 and in s − 5 beyond (p below about 1.4e−11, computed only when a lane needs it),
    /// negated for q &lt; 0; the scalar operation order throughout.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Tail(Vector256<double> log, Vector256<double> q)
    {
        var s = Vector256.Sqrt(-log);
        var near = Vector256.LessThanOrEqual(s, Vector256.Create(5.0));
        var r = s - Vector256.Create(1.6);
        var num = Vector256.Create(7.74545014278341407640e-4);
        num = (num * r) + Vector256.Create(2.27238449892691845833e-2);
        num = (num * r) + Vector256.Create(2.41780725177450611770e-1);
        num = (num * r) + Vector256.Create(1.27045825245236838258e0);
        num = (num * r) + Vector256.Create(3.64784832476320460504e0);
        num = (num * r) + Vector256.Create(5.76949722146069140550e0);
        num = (num * r) + Vector256.Create(4.63033784615654529590e0);
        num = (num * r) + Vector256.Create(1.42343711074968357734e0);
        var den = Vector256.Create(1.05075007164441684324e-9);
        den = (den * r) + Vector256.Create(5.47593808499534494600e-4);
        den = (den * r) + Vector256.Create(1.51986665636164571966e-2);
        den = (den * r) + Vector256.Create(1.48103976427480074590e-1);
        den = (den * r) + Vector256.Create(6.89767334985100004550e-1);
        den = (den * r) + Vector256.Create(1.67638483018380384940e0);
        den = (den * r) + Vector256.Create(2.05319162663775882187e0);
        den = (den * r) + Vector256.Create(1.0);
        var x = num / den;
        if (near.ExtractMostSignificantBits() != 0xFu)
        {
            r = s - Vector256.Create(5.0);
            num = Vector256.Create(2.01033439929228813265e-7);
            num = (num * r) + Vector256.Create(2.71155556874348757815e-5);
            num = (num * r) + Vector256.Create(1.24266094738807843860e-3);
            num = (num * r) + Vector256.Create(2.65321895265761230930e-2);
            num = (num * r) + Vector256.Create(2.96560571828504891230e-1);
            num = (num * r) + Vector256.Create(1.78482653991729133580e0);
            num = (num * r) + Vector256.Create(5.46378491116411436990e0);
            num = (num * r) + Vector256.Create(6.65790464350110377720e0);
            den = Vector256.Create(2.04426310338993978564e-15);
            den = (den * r) + Vector256.Create(1.42151175831644588870e-7);
            den = (den * r) + Vector256.Create(1.84631831751005468180e-5);
            den = (den * r) + Vector256.Create(7.86869131145613259100e-4);
            den = (den * r) + Vector256.Create(1.48753612908506148525e-2);
            den = (den * r) + Vector256.Create(1.36929880922735805310e-1);
            den = (den * r) + Vector256.Create(5.99832206555887937690e-1);
            den = (den * r) + Vector256.Create(1.0);
            x = Vector256.ConditionalSelect(near, x, num / den);
        }

        return Vector256.ConditionalSelect(Vector256.LessThan(q, Vector256<double>.Zero), -x, x);
    }

    /// <summary>q·A(r)/B(r), r = 0.180625 − q², with AS 241's PPND16 coefficients, in the scalar operation order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Central(Vector256<double> q)
    {
        var r = Vector256.Create(CentralOffset) - (q * q);
        var num = Vector256.Create(2.5090809287301226727e3);
        num = (num * r) + Vector256.Create(3.3430575583588128105e4);
        num = (num * r) + Vector256.Create(6.7265770927008700853e4);
        num = (num * r) + Vector256.Create(4.5921953931549871457e4);
        num = (num * r) + Vector256.Create(1.3731693765509461125e4);
        num = (num * r) + Vector256.Create(1.9715909503065514427e3);
        num = (num * r) + Vector256.Create(1.3314166789178437745e2);
        num = (num * r) + Vector256.Create(3.3871328727963666080e0);
        var den = Vector256.Create(5.2264952788528545610e3);
        den = (den * r) + Vector256.Create(2.8729085735721942674e4);
        den = (den * r) + Vector256.Create(3.9307895800092710610e4);
        den = (den * r) + Vector256.Create(2.1213794301586595867e4);
        den = (den * r) + Vector256.Create(5.3941960214247511077e3);
        den = (den * r) + Vector256.Create(6.8718700749205790830e2);
        den = (den * r) + Vector256.Create(4.2313330701600911252e1);
        den = (den * r) + Vector256.Create(1.0);
        return q * num / den;
    }
}
