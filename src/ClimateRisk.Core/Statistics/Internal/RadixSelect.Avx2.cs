using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>
/// The selection's passes on four lanes, for machines with AVX2 but without AVX-512 (a Zen 3,
/// most Intel client cores): the same passes as the AVX-512 ones, in the same sample order, with
/// <see cref="Compress4"/> for the compress and signed compares of the keys' signed form for
/// the extremes (AVX2 has neither unsigned 64-bit compares nor a 64-bit arithmetic shift).
/// Without them such a machine ran the scalar fallbacks and a different route for loss cells
/// (no compress of the positives), some six times the AVX-512 reduction's time per value
/// (docs/performance.md, twenty-ninth session). Every pass gives the same values and counts as
/// the AVX-512 and scalar ones, and the moments' partial sums are RunningMoments.Of's four
/// Vector256 registers over steps of sixteen, so every result is the same bits on either machine.
/// </summary>
internal static partial class RadixSelect
{
    /// <summary>
    /// key ⊕ 2⁶³ of four values as longs (<see cref="Key"/>): ordered as signed numbers the way
    /// the keys are as unsigned ones, so AVX2's signed compare can take their extremes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<long> SignedKeys(Vector256<double> v)
    {
        var bits = v.AsInt64();
        return bits ^ (Vector256.LessThan(bits, Vector256<long>.Zero) & Vector256.Create(long.MaxValue));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<long> MinSigned(Vector256<long> left, Vector256<long> right) => Vector256.ConditionalSelect(Vector256.GreaterThan(left, right), right, left);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<long> MaxSigned(Vector256<long> left, Vector256<long> right) => Vector256.ConditionalSelect(Vector256.GreaterThan(left, right), left, right);

    /// <summary>The smallest lane of signed keys, as a key.</summary>
    internal static ulong MinKeyOf(Vector256<long> signedKeys)
    {
        var m = Math.Min(Math.Min(signedKeys.GetElement(0), signedKeys.GetElement(1)), Math.Min(signedKeys.GetElement(2), signedKeys.GetElement(3)));
        return (ulong)(m ^ long.MinValue);
    }

    /// <summary>The largest lane of signed keys, as a key.</summary>
    internal static ulong MaxKeyOf(Vector256<long> signedKeys)
    {
        var m = Math.Max(Math.Max(signedKeys.GetElement(0), signedKeys.GetElement(1)), Math.Max(signedKeys.GetElement(2), signedKeys.GetElement(3)));
        return (ulong)(m ^ long.MinValue);
    }

    /// <summary>The vector part of <see cref="KeyRange"/>: returns where the scalar tail starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int KeyRangeAvx2(ReadOnlySpan<double> values, out ulong min, out ulong max)
    {
        ref var x = ref MemoryMarshal.GetReference(values);
        var lo0 = Vector256.Create(long.MaxValue);
        var hi0 = Vector256.Create(long.MinValue);
        var lo1 = lo0;
        var hi1 = hi0;
        var i = 0;
        for (; i <= values.Length - 8; i += 8)
        {
            var k0 = SignedKeys(Vector256.LoadUnsafe(ref x, (nuint)i));
            var k1 = SignedKeys(Vector256.LoadUnsafe(ref x, (nuint)(i + 4)));
            lo0 = MinSigned(lo0, k0);
            hi0 = MaxSigned(hi0, k0);
            lo1 = MinSigned(lo1, k1);
            hi1 = MaxSigned(hi1, k1);
        }

        if (i <= values.Length - 4)
        {
            var k = SignedKeys(Vector256.LoadUnsafe(ref x, (nuint)i));
            lo0 = MinSigned(lo0, k);
            hi0 = MaxSigned(hi0, k);
            i += 4;
        }

        min = MinKeyOf(MinSigned(lo0, lo1));
        max = MaxKeyOf(MaxSigned(hi0, hi1));
        return i;
    }

    /// <summary>
    /// The vector part of <see cref="Histogram{TSums, TKeys}"/>: bucket indices of sixteen
    /// values by vector arithmetic, stored one step ahead of their increments (as the AVX-512
    /// part does), and the moments' four partial sums; returns where the scalar tail starts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static int HistogramAvx2<TSums, TKeys>(ReadOnlySpan<double> values, ulong minKey, int shift, ref int c, ref int c1, ref int c2, ref int c3, double sumShift, out Vector512<double> deviationsLow, out Vector512<double> deviationsHigh, out Vector512<double> squaresLow, out Vector512<double> squaresHigh)
        where TSums : struct, IPassSums
        where TKeys : struct, IKeyOffset
    {
        Span<uint> index = stackalloc uint[32];
        ref var j = ref MemoryMarshal.GetReference(index);
        ref var x = ref MemoryMarshal.GetReference(values);
        var min = TKeys.Min256(minKey);
        var s = Vector256.Create(sumShift);
        Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default;
        Vector256<double> q0 = default, q1 = default, q2 = default, q3 = default;
        var half = 16;
        var i = 0;
        for (; i <= values.Length - 16; i += 16)
        {
            var v0 = Vector256.LoadUnsafe(ref x, (nuint)i);
            var v1 = Vector256.LoadUnsafe(ref x, (nuint)(i + 4));
            var v2 = Vector256.LoadUnsafe(ref x, (nuint)(i + 8));
            var v3 = Vector256.LoadUnsafe(ref x, (nuint)(i + 12));
            if (TSums.Wanted)
            {
                DeviationSums.Step(v0, v1, v2, v3, s, ref d0, ref d1, ref d2, ref d3, ref q0, ref q1, ref q2, ref q3);
            }

            var next = half ^ 16;
            Vector256.Narrow(Vector256.ShiftRightLogical(TKeys.Offset(v0, min), shift), Vector256.ShiftRightLogical(TKeys.Offset(v1, min), shift)).StoreUnsafe(ref j, (nuint)next);
            Vector256.Narrow(Vector256.ShiftRightLogical(TKeys.Offset(v2, min), shift), Vector256.ShiftRightLogical(TKeys.Offset(v3, min), shift)).StoreUnsafe(ref j, (nuint)(next + 8));
            if (i > 0)
            {
                Increment(ref c, ref c1, ref c2, ref c3, ref Unsafe.Add(ref j, half));
            }

            half = next;
        }

        if (i > 0)
        {
            Increment(ref c, ref c1, ref c2, ref c3, ref Unsafe.Add(ref j, half));
        }

        deviationsLow = Vector512.Create(d0, d1);
        deviationsHigh = Vector512.Create(d2, d3);
        squaresLow = Vector512.Create(q0, q1);
        squaresHigh = Vector512.Create(q2, q3);
        return i;
    }

    /// <summary>
    /// The vector part of <see cref="CopyCandidates{TKeys}"/>: per register the bucket indices,
    /// the bitmap words by a hardware gather, a variable shift to the bucket's bit and one
    /// <see cref="Compress4"/>; returns where the scalar tail starts, the count in <paramref name="count"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int CopyCandidatesAvx2<TKeys>(ReadOnlySpan<double> values, ulong minKey, int shift, ReadOnlySpan<ulong> wanted, Span<double> candidates, out int count)
        where TKeys : struct, IKeyOffset
    {
        var min = TKeys.Min256(minKey);
        var low6 = Vector256.Create(63UL);
        ref var x = ref MemoryMarshal.GetReference(values);
        ref var w = ref MemoryMarshal.GetReference(candidates);
        var n = 0;
        var i = 0;
        fixed (ulong* words = wanted)
        {
            for (; i <= values.Length - 4; i += 4)
            {
                var v = Vector256.LoadUnsafe(ref x, (nuint)i);
                var bucket = Vector256.ShiftRightLogical(TKeys.Offset(v, min), shift);
                var word = Avx2.GatherVector256(words, Vector256.ShiftRightLogical(bucket, 6).AsInt64(), 8);
                var keep = ~Vector256.Equals(Avx2.ShiftRightLogicalVariable(word, bucket & low6) & Vector256<ulong>.One, Vector256<ulong>.Zero);
                n = Compress4.Store(v, keep.AsDouble(), ref w, n);
            }
        }

        count = n;
        return i;
    }

    /// <summary><see cref="CompressPositive{TSums}"/> on four lanes (steps of sixteen, for the sums' order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CompressPositiveAvx2<TSums>(ReadOnlySpan<double> values, Span<double> destination, out ulong minKey, ref TSums sums)
        where TSums : struct, IPassSums
    {
        var s = Vector256.Create(sums.Shift);
        Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default;
        Vector256<double> q0 = default, q1 = default, q2 = default, q3 = default;
        ref var x = ref MemoryMarshal.GetReference(values);
        ref var w = ref MemoryMarshal.GetReference(destination);
        var count = 0;
        var i = 0;
        var lowest = Vector256.Create(long.MaxValue);
        for (; i <= values.Length - 16; i += 16)
        {
            var v0 = Vector256.LoadUnsafe(ref x, (nuint)i);
            var v1 = Vector256.LoadUnsafe(ref x, (nuint)(i + 4));
            var v2 = Vector256.LoadUnsafe(ref x, (nuint)(i + 8));
            var v3 = Vector256.LoadUnsafe(ref x, (nuint)(i + 12));
            if (TSums.Wanted)
            {
                DeviationSums.Step(v0, v1, v2, v3, s, ref d0, ref d1, ref d2, ref d3, ref q0, ref q1, ref q2, ref q3);
            }

            // A value above zero has its sign bit clear, so its signed key is its bits.
            count = KeepPositive(v0, ref w, count, ref lowest);
            count = KeepPositive(v1, ref w, count, ref lowest);
            count = KeepPositive(v2, ref w, count, ref lowest);
            count = KeepPositive(v3, ref w, count, ref lowest);
        }

        minKey = MinKeyOf(lowest);
        count = PositiveTail(values, i, destination, count, ref minKey);

        sums.Finish(values, i, Vector512.Create(d0, d1), Vector512.Create(d2, d3), Vector512.Create(q0, q1), Vector512.Create(q2, q3));
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int KeepPositive(Vector256<double> v, ref double w, int count, ref Vector256<long> lowest)
    {
        var keep = Vector256.GreaterThan(v, Vector256<double>.Zero);
        lowest = MinSigned(lowest, Vector256.ConditionalSelect(keep.AsInt64(), v.AsInt64(), Vector256.Create(long.MaxValue)));
        return Compress4.Store(v, keep, ref w, count);
    }

    /// <summary><see cref="PartitionAtZero{TSums}"/> on four lanes (steps of sixteen, for the sums' order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PartitionAtZeroAvx2<TSums>(ReadOnlySpan<double> values, Span<double> parts, int negativeCount, out ulong negativeMaxKey, out ulong restMinKey, ref TSums sums)
        where TSums : struct, IPassSums
    {
        var s = Vector256.Create(sums.Shift);
        Vector256<double> d0 = default, d1 = default, d2 = default, d3 = default;
        Vector256<double> q0 = default, q1 = default, q2 = default, q3 = default;
        ref var x = ref MemoryMarshal.GetReference(values);
        ref var w = ref MemoryMarshal.GetReference(parts);
        var n = values.Length;
        var low = 0;
        var high = negativeCount;
        var i = 0;
        var maxLow = Vector256.Create(long.MinValue);
        var minHigh = Vector256.Create(long.MaxValue);
        for (; i <= n - 16; i += 16)
        {
            var v0 = Vector256.LoadUnsafe(ref x, (nuint)i);
            var v1 = Vector256.LoadUnsafe(ref x, (nuint)(i + 4));
            var v2 = Vector256.LoadUnsafe(ref x, (nuint)(i + 8));
            var v3 = Vector256.LoadUnsafe(ref x, (nuint)(i + 12));
            if (TSums.Wanted)
            {
                DeviationSums.Step(v0, v1, v2, v3, s, ref d0, ref d1, ref d2, ref d3, ref q0, ref q1, ref q2, ref q3);
            }

            Part(v0, ref w, ref low, ref high, negativeCount, n, ref maxLow, ref minHigh);
            Part(v1, ref w, ref low, ref high, negativeCount, n, ref maxLow, ref minHigh);
            Part(v2, ref w, ref low, ref high, negativeCount, n, ref maxLow, ref minHigh);
            Part(v3, ref w, ref low, ref high, negativeCount, n, ref maxLow, ref minHigh);
        }

        // Lanes not yet seen keep long.MinValue / MaxValue, which map to keys 0 and ulong.MaxValue,
        // the AVX-512 pass's starting values.
        negativeMaxKey = MaxKeyOf(maxLow);
        restMinKey = MinKeyOf(minHigh);
        PartitionTail(values, i, parts, ref low, ref high, ref negativeMaxKey, ref restMinKey);

        sums.Finish(values, i, Vector512.Create(d0, d1), Vector512.Create(d2, d3), Vector512.Create(q0, q1), Vector512.Create(q2, q3));
        System.Diagnostics.Debug.Assert(low == negativeCount && high == n, "the census counted the negatives");
    }

    /// <summary>One register of <see cref="PartitionAtZeroAvx2{TSums}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Part(Vector256<double> v, ref double w, ref int low, ref int high, int lowEnd, int highEnd, ref Vector256<long> maxLow, ref Vector256<long> minHigh)
    {
        var below = Vector256.LessThan(v, Vector256<double>.Zero);
        var keys = SignedKeys(v);
        maxLow = MaxSigned(maxLow, Vector256.ConditionalSelect(below.AsInt64(), keys, Vector256.Create(long.MinValue)));
        minHigh = MinSigned(minHigh, Vector256.ConditionalSelect(below.AsInt64(), Vector256.Create(long.MaxValue), keys));
        var belowBits = below.ExtractMostSignificantBits();
        var restBits = ~belowBits & 0xFu;
        if (low + Vector256<double>.Count <= lowEnd)
        {
            low = Compress4.Store(v, below, ref w, low);
        }
        else
        {
            for (var bits = belowBits; bits != 0; bits &= bits - 1)
            {
                Unsafe.Add(ref w, low++) = v.GetElement(BitOperations.TrailingZeroCount(bits));
            }
        }

        if (high + Vector256<double>.Count <= highEnd)
        {
            high = Compress4.Store(v, ~below, ref w, high);
        }
        else
        {
            for (var bits = restBits; bits != 0; bits &= bits - 1)
            {
                Unsafe.Add(ref w, high++) = v.GetElement(BitOperations.TrailingZeroCount(bits));
            }
        }
    }
}
