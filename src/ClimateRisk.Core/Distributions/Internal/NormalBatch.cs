using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Distributions.Internal;

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
/// but <c>Math.Log</c> is the platform libm, which no vector log reproduces bit for bit, so tail
/// lanes (and NaN, 0 and 1) are finished by the scalar function. A value therefore never depends
/// on its position in the span or on the span's length, which the engine's
/// any-thread-count/any-block-size determinism needs.
/// </para>
/// <para>
/// Span conventions follow <c>TensorPrimitives</c>: input first, destination last, the length
/// checked once, in-place use (destination = source) allowed, partial overlap rejected.
/// </para>
/// </remarks>
internal static class NormalBatch
{
    private const double CentralLimit = 0.425;
    private const double CentralOffset = 0.180625;

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

    /// <summary>Whole vectors at the start of the span; returns how many elements were written.</summary>
    private static int InvCdfVector(ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        var width = Vector256<double>.Count;
        var count = probabilities.Length - (probabilities.Length % width);
        ref var src = ref MemoryMarshal.GetReference(probabilities);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        for (var i = 0; i < count; i += width)
        {
            var p = Vector256.LoadUnsafe(ref src, (nuint)i);
            var q = p - Vector256.Create(0.5);

            // The complement of "central" (not "|q| > 0.425") so NaN lanes go to the scalar code too.
            var tail = ~Vector256.LessThanOrEqual(Vector256.Abs(q), Vector256.Create(CentralLimit)).ExtractMostSignificantBits() & 0xFu;
            if (tail != 0xFu)
            {
                Central(q).StoreUnsafe(ref dst, (nuint)i);
            }

            // p is read from the register: with destination = source the store above has overwritten it.
            while (tail != 0)
            {
                var lane = BitOperations.TrailingZeroCount(tail);
                Unsafe.Add(ref dst, i + lane) = StandardNormal.InvCdfUnchecked(p.GetElement(lane));
                tail &= tail - 1;
            }
        }

        return count;
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
