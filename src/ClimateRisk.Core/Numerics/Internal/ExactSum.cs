using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClimateRisk.Core.Numerics.Internal;

/// <summary>
/// The sum of doubles without rounding error until it is read: <see cref="Round"/> returns
/// the exact sum correctly rounded (to nearest, ties to even), so the result does not depend on
/// the order of the additions — the same bits for any arrangement of the same addends.
/// </summary>
/// <remarks>
/// A "superaccumulator" in the manner of Neal (2015, arXiv:1505.05571, "small
/// superaccumulator"): a finite double is m · 2^(p − 1074) with an integer m &lt; 2⁵³ and
/// p ∈ [0, 2045], so every finite double is an integer multiple of 2⁻¹⁰⁷⁴, and the sum is one
/// integer of some 2,130 bits. It is kept as 67 signed 64-bit chunks of weight 2^(32·i − 1074);
/// an addend adds the three 32-bit pieces of m · 2^(p mod 32) to chunks ⌊p/32⌋ … ⌊p/32⌋ + 2
/// (each piece &lt; 2³², so a chunk cannot overflow before 2³¹ additions). <see cref="Round"/>
/// propagates the carries, takes the sign, and rounds the top 53 bits with a round bit and a
/// sticky bit. <see cref="AddRange"/> first adds the mantissas into a 64-bit bin per exponent:
/// about 1.6 ns an addend, <see cref="Round"/> included, at 999 addends (3.3 ns adding each
/// value's pieces to the chunks, some 35 instructions) against the 8–10 ns a value the sort
/// before an ascending sum cost (<c>TailSumBenchmarks</c>, docs/performance.md, fifteenth
/// session).
/// Infinities and NaN are added apart in IEEE arithmetic and win: a sum holding one is that
/// sum of them (±∞ or NaN).
/// Mergeable (<see cref="Combine"/>) like <c>RunningMoments</c>, for shards of one sum.
/// Verified against Python's <c>math.fsum</c> (correctly rounded, Shewchuk 1997) in
/// <c>ExactSumTests</c>.
/// </remarks>
internal struct ExactSum
{
    /// <summary>2,130 bits (2,045 + 53 + 31 of carries) in 32-bit steps, plus the one that holds the sign.</summary>
    private const int ChunkCount = 67;

    private const ulong LowMask = 0xFFFF_FFFF;
    private const ulong FractionMask = (1UL << 52) - 1;
    private const ulong ImplicitBit = 1UL << 52;

    /// <summary>Values <see cref="AddRange"/> adds to the bins before folding them: 1,023 mantissas below 2⁵³ stay below 2⁶³.</summary>
    private const int BinAdditions = 1023;

    [ThreadStatic]
    private static long[]? _bins;

    private Chunks _chunks;
    private double _nonFinite;

    /// <summary>Adds <paramref name="value"/> exactly.</summary>
    public void Add(double value)
    {
        if (Finite(value, out var exponent, out var signed))
        {
            AddScaled(signed, exponent);
        }
        else
        {
            _nonFinite += value;
        }
    }

    /// <summary>
    /// Adds bin · 2^(max(e, 1) − 1075), |bin| &lt; 2⁶³, e a biased exponent: the three 32-bit
    /// pieces of |bin| · 2^(p mod 32), p = max(e − 1, 0), with bin's sign, to chunks ⌊p/32⌋ … ⌊p/32⌋ + 2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddScaled(long bin, int exponent)
    {
        var position = exponent - (exponent != 0 ? 1 : 0);
        var offset = position & 31;
        var sign = bin >> 63;
        var magnitude = (ulong)((bin ^ sign) - sign);
        var low = magnitude << offset;
        var high = (magnitude >> 1) >> (63 - offset);
        ref var chunk = ref Unsafe.Add(ref _chunks[0], position >> 5);
        chunk += ((long)(low & LowMask) ^ sign) - sign;
        Unsafe.Add(ref chunk, 1) += ((long)(low >> 32) ^ sign) - sign;
        Unsafe.Add(ref chunk, 2) += ((long)high ^ sign) - sign;
    }

    /// <summary>
    /// A finite value as ±m · 2^(max(e, 1) − 1075): its biased exponent e and its mantissa m
    /// with the implicit bit (none for a subnormal) and the value's sign; false for ±∞ and NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Finite(double value, out int exponent, out long signedMantissa)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        exponent = (int)(bits >> 52) & 0x7FF;
        var mantissa = (long)((bits & FractionMask) | (exponent != 0 ? ImplicitBit : 0UL));
        var sign = (long)bits >> 63;
        signedMantissa = (mantissa ^ sign) - sign;
        return exponent != 0x7FF;
    }

    /// <summary>Adds <paramref name="count"/> copies of <paramref name="value"/> exactly (none for count ≤ 0).</summary>
    public void AddCopies(double value, int count)
    {
        if (count <= 0 || value == 0)
        {
            return;
        }

        if (!Finite(value, out var exponent, out var signed))
        {
            // ±∞ added any number of times is itself, and NaN is NaN.
            _nonFinite += value;
            return;
        }

        for (; count > 0; count -= BinAdditions)
        {
            AddScaled(signed * Math.Min(count, BinAdditions), exponent);
        }
    }

    /// <summary>Adds every value of <paramref name="values"/> exactly.</summary>
    /// <remarks>
    /// Why not <see cref="Add(double)"/> in a loop: the values of one sum share a few exponents,
    /// so each signed mantissa is added to a 64-bit bin of its exponent (a dozen instructions
    /// against some 35 for its pieces in the chunks), and the bins are folded into the chunks
    /// every <see cref="BinAdditions"/> values, before one could overflow. The bins are the thread's
    /// and all zero between calls (a fold zeroes what it folds), so nothing is cleared per call.
    /// </remarks>
    [SkipLocalsInit] // The list of touched bins is written before it is read.
    public void AddRange(ReadOnlySpan<double> values)
    {
        var bins = _bins ??= new long[2048];
        Span<short> touched = stackalloc short[BinAdditions];
        for (var start = 0; start < values.Length; start += BinAdditions)
        {
            var group = values.Slice(start, Math.Min(BinAdditions, values.Length - start));
            var count = 0;
            ref var bin0 = ref MemoryMarshal.GetArrayDataReference(bins);
            foreach (var v in group)
            {
                if (!Finite(v, out var exponent, out var signed))
                {
                    _nonFinite += v;
                    continue;
                }

                ref var bin = ref Unsafe.Add(ref bin0, exponent);
                if (bin == 0)
                {
                    // A bin back at zero is listed again; its second fold adds nothing.
                    touched[count++] = (short)exponent;
                }

                bin += signed;
            }

            for (var t = 0; t < count; t++)
            {
                ref var bin = ref Unsafe.Add(ref bin0, touched[t]);
                AddScaled(bin, touched[t]);
                bin = 0;
            }
        }
    }

    /// <summary>Adds another sum's addends (as if they had been added here).</summary>
    public void Combine(in ExactSum other)
    {
        for (var i = 0; i < ChunkCount; i++)
        {
            _chunks[i] += other._chunks[i];
        }

        _nonFinite += other._nonFinite;
    }

    /// <summary>
    /// The exact sum of the addends rounded to the nearest double (ties to even); +0 for none
    /// or for an exact zero; ±∞ beyond the largest double; the IEEE sum of the non-finite
    /// addends when there are any.
    /// </summary>
    public readonly double Round()
    {
        // NaN != 0 too: any non-finite addend decides the sum.
        if (_nonFinite != 0)
        {
            return _nonFinite;
        }

        Span<long> digits = stackalloc long[ChunkCount];
        for (var i = 0; i < ChunkCount; i++)
        {
            digits[i] = _chunks[i];
        }

        // Digits in [0, 2³²) below a signed top digit: the top's sign is the sum's.
        Normalize(digits);
        var negative = digits[ChunkCount - 1] < 0;
        if (negative)
        {
            for (var i = 0; i < ChunkCount; i++)
            {
                digits[i] = -digits[i];
            }

            Normalize(digits);
        }

        var top = ChunkCount - 1;
        while (top >= 0 && digits[top] == 0)
        {
            top--;
        }

        if (top < 0)
        {
            return 0.0;
        }

        double magnitude;
        if (top <= 1 && (ulong)digits[1] < (1UL << 21))
        {
            // Below 2⁵³ units of 2⁻¹⁰⁷⁴: the integer is exact as a double, and so is its scaling.
            magnitude = Math.ScaleB((double)(((ulong)digits[1] << 32) | (ulong)digits[0]), -1074);
        }
        else
        {
            // The top 96 bits hold the 53 kept, the round bit and the start of the sticky bits.
            var window = ((UInt128)(ulong)digits[top] << 64)
                | ((UInt128)(ulong)digits[top - 1] << 32)
                | (top >= 2 ? (ulong)digits[top - 2] : 0UL);
            var sticky = false;
            for (var i = 0; i < top - 2; i++)
            {
                sticky |= digits[i] != 0;
            }

            var lead = 64 + BitOperations.Log2((ulong)digits[top]);
            var cut = lead - 53;
            var kept = (ulong)(window >> (cut + 1));
            var roundBit = ((ulong)(window >> cut) & 1) != 0;
            sticky |= (window & ((UInt128.One << cut) - 1)) != 0;
            if (roundBit && (sticky || (kept & 1) != 0))
            {
                kept++;
            }

            // The bit position of kept's last bit, in units of 2⁻¹⁰⁷⁴; kept may have become 2⁵³,
            // which is still exact, and ScaleB rounds nothing here (the result is normal or ∞).
            var lastBit = (32 * (top - 2)) + cut + 1;
            magnitude = Math.ScaleB((double)kept, lastBit - 1074);
        }

        return negative ? -magnitude : magnitude;
    }

    /// <summary>Carries every digit's bits above 32 into the next one; the top digit keeps the rest, signed.</summary>
    private static void Normalize(Span<long> digits)
    {
        var carry = 0L;
        for (var i = 0; i < digits.Length - 1; i++)
        {
            var d = digits[i] + carry;
            digits[i] = (long)((ulong)d & LowMask);
            carry = d >> 32;
        }

        digits[^1] += carry;
    }

    [InlineArray(ChunkCount)]
    private struct Chunks
    {
        private long _element;
    }
}
