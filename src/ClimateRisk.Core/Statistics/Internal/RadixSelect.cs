using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>
/// Exact order statistics by the bits of the doubles (a most-significant-digit radix select):
/// each value maps to an unsigned key that sorts like the value, a histogram of the keys'
/// leading bits locates the bucket of every wanted rank, and only those buckets are copied
/// and refined, until a bucket is constant or small enough to sort.
/// </summary>
/// <remarks>
/// <para>
/// Key: the bits with the sign bit flipped for x ≥ +0 and all bits flipped for x ≤ −0, so
/// unsigned key order is IEEE totalOrder (−∞ &lt; … &lt; −0 &lt; +0 &lt; … &lt; +∞). Keys equal ⇔
/// values bit-identical; values equal by <c>==</c> but with different keys are only −0 and +0,
/// which every reader here (type-7 interpolation, the tail sum from +0) cannot tell apart.
/// </para>
/// <para>
/// The histogram spans the sample's own key range [min, max] in <see cref="Buckets"/> buckets
/// (fewer below 16,384 values, <see cref="TopLevelBits"/>),
/// so a narrow continuous sample (a PUE) is resolved as finely as a wide one (a loss from 0
/// to 10⁸, where a bucket is about a binade). A loss distribution's zero mass is one bucket
/// whose keys are all equal, settled without looking at its values again. Every level narrows
/// the key range by 2⁶ to 2¹¹, so at most ten levels follow the first.
/// </para>
/// <para>
/// The first level reads the sample twice (histogram, then a copy of the wanted buckets with a
/// compress — AVX-512's, or <see cref="Compress4"/> on AVX2 (RadixSelect.Avx2.cs) — then one
/// compress per group into its region, no data-dependent branch);
/// deeper levels work on the copies, which hold a few percent of the sample. The first full
/// pass also takes the moments' second pass (<see cref="DeviationSums"/>) when asked to.
/// </para>
/// </remarks>
internal static partial class RadixSelect
{
    /// <summary>Bits of the key range resolved per level.</summary>
    private const int RadixBits = 11;

    private const int Buckets = 1 << RadixBits;

    /// <summary>Regions at most this long are sorted instead of refined.</summary>
    private const int SortThreshold = 64;

    /// <summary>The key of +0: a sample whose smallest key is at least this has no value below +0.</summary>
    internal const ulong SignBit = 0x8000_0000_0000_0000UL;

    /// <summary>Lanes of slack after every group's region: the compress writes a whole register.</summary>
    private const int Slack = 8;

    /// <summary>Whether the passes have a branch-free compress: AVX-512's, or <see cref="Compress4"/> on AVX2.</summary>
    private static bool CanCompress => Avx512F.IsSupported || Avx2.IsSupported;

    /// <summary>The order-preserving key of <paramref name="x"/> (IEEE totalOrder as unsigned order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Key(double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(x);
        return (ulong)(bits ^ ((bits >> 63) | long.MinValue));
    }

    /// <summary>The keys of eight values at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Keys(Vector512<double> v)
    {
        var bits = v.AsInt64();
        return (bits ^ (Vector512.ShiftRightArithmetic(bits, 63) | Vector512.Create(long.MinValue))).AsUInt64();
    }

    /// <summary>The smallest and largest key of a non-empty span without NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (ulong Min, ulong Max) KeyRange(ReadOnlySpan<double> values)
    {
        var min = ulong.MaxValue;
        var max = 0UL;
        var i = 0;
        if (Vector512.IsHardwareAccelerated && values.Length >= Vector512<double>.Count)
        {
            ref var x = ref MemoryMarshal.GetReference(values);
            var lo = Vector512.Create(ulong.MaxValue);
            var hi = Vector512<ulong>.Zero;
            for (; i <= values.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var k = Keys(Vector512.LoadUnsafe(ref x, (nuint)i));
                lo = Vector512.Min(lo, k);
                hi = Vector512.Max(hi, k);
            }

            for (var lane = 0; lane < Vector512<ulong>.Count; lane++)
            {
                min = Math.Min(min, lo[lane]);
                max = Math.Max(max, hi[lane]);
            }
        }
        else if (Avx2.IsSupported && values.Length >= Vector256<double>.Count)
        {
            i = KeyRangeAvx2(values, out min, out max);
        }

        for (; i < values.Length; i++)
        {
            var k = Key(values[i]);
            min = Math.Min(min, k);
            max = Math.Max(max, k);
        }

        return (min, max);
    }

    /// <summary>
    /// Writes the order statistics x₍ᵣ₎ (0-based, IEEE totalOrder) of <paramref name="values"/>
    /// for every r in <paramref name="ranks"/> into <paramref name="results"/>, and when
    /// <paramref name="tailCount"/> k &gt; 0 returns the sum of the k largest values, correctly
    /// rounded (rank n − k must then be among the ranks).
    /// </summary>
    /// <param name="values">The sample, without NaN; not modified.</param>
    /// <param name="minKey">The smallest <see cref="Key"/> of the sample.</param>
    /// <param name="maxKey">The largest <see cref="Key"/> of the sample.</param>
    /// <param name="ranks">Wanted ranks, ascending and distinct, each in [0, n).</param>
    /// <param name="results">One value per rank.</param>
    /// <param name="tailCount">k for the tail sum, or 0 for none.</param>
    /// <param name="zeroCount">How many values are ±0 (any count when the minimum is not zero).</param>
    /// <param name="work">Work space, any length; a rented array is used when it is too short.</param>
    /// <param name="vectorCopy">False forces the scalar copy (for tests of the fallback).</param>
    /// <param name="negativeCount">How many values are below zero (0 when not known: no split at zero).</param>
    public static double Select(
        ReadOnlySpan<double> values,
        ulong minKey,
        ulong maxKey,
        ReadOnlySpan<int> ranks,
        Span<double> results,
        int tailCount,
        int zeroCount,
        Span<double> work,
        bool vectorCopy = true,
        int negativeCount = 0)
    {
        var none = DeviationSums.None;
        return Select(values, minKey, maxKey, ranks, results, tailCount, zeroCount, work, ref none, vectorCopy, negativeCount);
    }

    /// <summary>
    /// <see cref="Select(ReadOnlySpan{double}, ulong, ulong, ReadOnlySpan{int}, Span{double}, int, int, Span{double}, bool, int)"/>
    /// that also takes <paramref name="sums"/> (unless already <see cref="DeviationSums.Done"/>)
    /// in its first full pass over the sample, when it makes one; they stay not done otherwise.
    /// With <paramref name="tail"/> at least k long, it also receives the k addends of the tail
    /// sum (the k largest values, in no particular order).
    /// </summary>
    /// <remarks>
    /// Its stack buffers are not zeroed (every one is written before it is read; the 8 KiB of
    /// bucket starts were cleared on every call).
    /// </remarks>
    [SkipLocalsInit]
    public static double Select(
        ReadOnlySpan<double> values,
        ulong minKey,
        ulong maxKey,
        ReadOnlySpan<int> ranks,
        Span<double> results,
        int tailCount,
        int zeroCount,
        Span<double> work,
        ref DeviationSums sums,
        bool vectorCopy = true,
        int negativeCount = 0,
        Span<double> tail = default)
    {
        var n = values.Length;
        var tailStart = n - tailCount;
        if (minKey == maxKey)
        {
            results[..ranks.Length].Fill(values[0]);
            return tailCount > 0 ? TailSum(values[0], 0, [], tailCount, tail) : 0;
        }

        if (negativeCount > 0 && negativeCount < n && tailStart >= negativeCount && vectorCopy && CanCompress && n > SortThreshold)
        {
            return SplitAtZero(values, minKey, maxKey, ranks, results, tailCount, zeroCount, negativeCount, work, ref sums, tail);
        }

        // A point mass at a minimum of zero (a loss distribution's no-loss paths) settles
        // every rank below it; ±0 alike, since no reader can tell them apart.
        var settled = 0;
        var zeroMinimum = zeroCount > 0 && (minKey == Key(0.0) || minKey == Key(-0.0));
        if (zeroMinimum)
        {
            while (settled < ranks.Length && ranks[settled] < zeroCount)
            {
                results[settled++] = 0.0;
            }
        }

        var tailSum = 0.0;
        if (tailCount > 0 && tailStart < zeroCount && settled > 0)
        {
            // Fewer than k values above zero: the tail is all of them and zeros.
            tailSum = TailOf(values, 0.0, tailCount, vectorCopy, tail);
            tailCount = 0;
        }

        if (settled == ranks.Length)
        {
            return tailSum;
        }

        if (zeroMinimum && zeroCount >= Slack && vectorCopy && CanCompress && work.Length >= n - zeroCount + Slack)
        {
            // A zero minimum: compress out the values above zero (one branch-free pass) and
            // select among them, whatever share the zeros have. A histogram from zero's key
            // (2⁶³) up would put a loss of e¹²±⁴ into some 30 of its 2,048 buckets, so every
            // level would copy and refine a large share of the sample (such a cell cost 4–5 ns
            // per value against 1.2 with the compress); and when the zeros are many the
            // histogram and the copy do not walk them again. Fewer than eight zeros leave no
            // room for the compress's last full store in a work space of n.
            var noSums = default(NoSums);
            var positive = sums.Done ? CompressPositive(values, work, out var minPositiveKey, ref noSums) : CompressPositive(values, work, out minPositiveKey, ref sums);
            Span<int> shifted = stackalloc int[ranks.Length - settled];
            for (var r = settled; r < ranks.Length; r++)
            {
                shifted[r - settled] = ranks[r] - zeroCount;
            }

            var none = DeviationSums.None;
            return tailSum + Select(work[..positive], minPositiveKey, maxKey, shifted, results[settled..], tailCount, 0, work[(positive + Slack)..], ref none, vectorCopy, tail: tail);
        }

        // Fewer buckets for fewer values (a loss cell's positives, a short run): clearing and
        // adding 4 · 2,048 counters cost more than counting a few thousand values.
        var bits = TopLevelBits(n);
        var buckets = 1 << bits;
        var shift = Shift(maxKey - minKey, bits);
        Span<int> start = stackalloc int[Buckets + 1];
        start = start[..(buckets + 1)];
        if (sums.Done)
        {
            var noSums = default(NoSums);
            if (minKey >= SignBit)
            {
                Histogram<NoSums, PositiveKeys>(values, minKey, shift, start, ref noSums);
            }
            else
            {
                Histogram<NoSums, AnyKeys>(values, minKey, shift, start, ref noSums);
            }
        }
        else if (minKey >= SignBit)
        {
            Histogram<DeviationSums, PositiveKeys>(values, minKey, shift, start, ref sums);
        }
        else
        {
            Histogram<DeviationSums, AnyKeys>(values, minKey, shift, start, ref sums);
        }

        // Groups of ranks that share a bucket; with a tail, every bucket from the tail's
        // first one up is one group, since all its values above the tail's start are summed.
        var tailBucket = tailCount > 0 ? BucketOf(start, tailStart) : buckets;
        Span<int> groupLo = stackalloc int[ranks.Length];
        Span<int> groupHi = stackalloc int[ranks.Length];
        Span<int> groupFirstRank = stackalloc int[ranks.Length + 1];
        var groups = 0;
        for (var r = settled; r < ranks.Length; r++)
        {
            // By bisection: a walk up the buckets crossed most of the 2,048 for the upper ranks
            // (Select's own samples at 10,000 paths 1.15–1.26 → 1.03–1.06 % of a run; docs/performance.md,
            // twenty-eighth session).
            var bucket = BucketOf(start, ranks[r]);
            var lo = Math.Min(bucket, tailBucket);
            if (groups == 0 || groupLo[groups - 1] != lo)
            {
                groupLo[groups] = lo;
                groupHi[groups] = lo == tailBucket ? buckets - 1 : lo;
                groupFirstRank[groups] = r;
                groups++;
            }
        }

        groupFirstRank[groups] = ranks.Length;

        // The candidates (every value in a group's key range, in sample order) first, then,
        // with more than one group, each group's region.
        Span<int> offset = stackalloc int[groups + 1];
        Span<ulong> lowKey = stackalloc ulong[groups];
        var candidateCount = 0;
        for (var g = 0; g < groups; g++)
        {
            candidateCount += start[groupHi[g] + 1] - start[groupLo[g]];
            lowKey[g] = minKey + ((ulong)groupLo[g] << shift);
        }

        var regionsStart = groups == 1 ? 0 : candidateCount + Slack;
        offset[0] = regionsStart;
        for (var g = 0; g < groups; g++)
        {
            offset[g + 1] = offset[g] + (start[groupHi[g] + 1] - start[groupLo[g]]);
        }

        var need = Math.Max(candidateCount, offset[groups]) + Slack;
        double[]? rented = null;
        if (work.Length < need)
        {
            rented = ArrayPool<double>.Shared.Rent(need);
            work = rented;
        }

        try
        {
            Span<ulong> wanted = stackalloc ulong[Buckets / 64];
            wanted.Clear();
            for (var g = 0; g < groups; g++)
            {
                for (var b = groupLo[g]; b <= groupHi[g]; b++)
                {
                    wanted[b >> 6] |= 1UL << (b & 63);
                }
            }

            var copied = minKey >= SignBit
                ? CopyCandidates<PositiveKeys>(values, minKey, shift, wanted, work, vectorCopy)
                : CopyCandidates<AnyKeys>(values, minKey, shift, wanted, work, vectorCopy);
            System.Diagnostics.Debug.Assert(copied == candidateCount, "the histogram counted the candidates");
            if (groups > 1 && !(vectorCopy && CanCompress))
            {
                Distribute(work[..candidateCount], lowKey[..groups], offset, work);
            }
            else if (groups > 1)
            {
                // One compress pass over the candidates per group: the groups are few (at most
                // one per wanted rank) and the candidates a few percent of the sample, so this
                // beats a scalar pass that stores each candidate through its group's cursor.
                for (var g = 0; g < groups; g++)
                {
                    var size = minKey >= SignBit
                        ? CompressGroup<PositiveKeys>(work[..candidateCount], minKey, shift, (uint)groupLo[g], (uint)groupHi[g] + 1, work, offset[g])
                        : CompressGroup<AnyKeys>(work[..candidateCount], minKey, shift, (uint)groupLo[g], (uint)groupHi[g] + 1, work, offset[g]);
                    System.Diagnostics.Debug.Assert(size == offset[g + 1] - offset[g], "the histogram counted the group");
                }
            }

            Span<int> relativeRanks = stackalloc int[ranks.Length];
            for (var g = 0; g < groups; g++)
            {
                var region = work[offset[g]..offset[g + 1]];
                var first = groupFirstRank[g];
                var count = groupFirstRank[g + 1] - first;
                var relative = relativeRanks[..count];
                for (var r = 0; r < count; r++)
                {
                    relative[r] = ranks[first + r] - start[groupLo[g]];
                }

                Refine(region, relative, results.Slice(first, count));
                if (groupLo[g] == tailBucket)
                {
                    var threshold = results[ranks.IndexOf(tailStart)];
                    tailSum = TailOf(region, threshold, tailCount, vectorCopy, tail);
                }
            }

            return tailSum;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Copies the candidates whose bucket lies in [<paramref name="lo"/>, <paramref name="end"/>)
    /// to <paramref name="destination"/> from <paramref name="at"/> on (which must have
    /// <see cref="Slack"/> spare lanes after them), in order; returns how many.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CompressGroup<TKeys>(ReadOnlySpan<double> candidates, ulong minKey, int shift, uint lo, uint end, Span<double> destination, int at)
        where TKeys : struct, IKeyOffset
    {
        var count = 0;
        var i = 0;
        var min = TKeys.Min(minKey);
        var low = Vector512.Create((ulong)lo);
        var high = Vector512.Create((ulong)end);
        ref var x = ref MemoryMarshal.GetReference(candidates);
        ref var w = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), at);
        for (; Avx512F.IsSupported && i <= candidates.Length - Vector512<double>.Count; i += Vector512<double>.Count)
        {
            var v = Vector512.LoadUnsafe(ref x, (nuint)i);
            var bucket = Vector512.ShiftRightLogical(TKeys.Offset(v, min), shift);
            var keep = Vector512.GreaterThanOrEqual(bucket, low) & Vector512.LessThan(bucket, high);
            Avx512F.Compress(Vector512<double>.Zero, keep.AsDouble(), v).StoreUnsafe(ref w, (nuint)count);
            count += BitOperations.PopCount(keep.ExtractMostSignificantBits());
        }

        if (!Avx512F.IsSupported && Avx2.IsSupported)
        {
            var min4 = TKeys.Min256(minKey);
            var low4 = Vector256.Create((long)lo);
            var high4 = Vector256.Create((long)end);
            for (; i <= candidates.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref x, (nuint)i);

                // Buckets are below 2¹¹, so the signed compares order them.
                var bucket = Vector256.ShiftRightLogical(TKeys.Offset(v, min4), shift).AsInt64();
                var keep = ~Vector256.GreaterThan(low4, bucket) & Vector256.GreaterThan(high4, bucket);
                count = Compress4.Store(v, keep.AsDouble(), ref w, count);
            }
        }

        foreach (var v in candidates[i..])
        {
            var bucket = (Key(v) - minKey) >> shift;
            if (bucket >= lo && bucket < end)
            {
                destination[at + count++] = v;
            }
        }

        return count;
    }

    /// <summary>
    /// A sample with values below zero and at or above it: the negatives and the rest are
    /// partitioned in one pass (which also takes <paramref name="sums"/>), and each side is
    /// selected over its own key range. A histogram over the whole range would cross zero's key
    /// (2⁶³), about a binade a bucket, and leave a loss-like side in a few dozen buckets. The
    /// tail must lie above the negatives (the caller checks).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SplitAtZero(ReadOnlySpan<double> values, ulong minKey, ulong maxKey, ReadOnlySpan<int> ranks, Span<double> results, int tailCount, int zeroCount, int negativeCount, Span<double> work, ref DeviationSums sums, Span<double> tail)
    {
        var n = values.Length;
        double[]? rentedParts = null;
        var inner = ArrayPool<double>.Shared.Rent(n);
        try
        {
            if (work.Length < n)
            {
                rentedParts = ArrayPool<double>.Shared.Rent(n);
                work = rentedParts;
            }

            var parts = work[..n];
            ulong negativeMaxKey, restMinKey;
            if (sums.Done)
            {
                var noSums = default(NoSums);
                PartitionAtZero(values, parts, negativeCount, out negativeMaxKey, out restMinKey, ref noSums);
            }
            else
            {
                PartitionAtZero(values, parts, negativeCount, out negativeMaxKey, out restMinKey, ref sums);
            }

            var split = 0;
            while (split < ranks.Length && ranks[split] < negativeCount)
            {
                split++;
            }

            if (split > 0)
            {
                Select(parts[..negativeCount], minKey, negativeMaxKey, ranks[..split], results[..split], 0, 0, inner, vectorCopy: true);
            }

            var tailSum = 0.0;
            if (split < ranks.Length || tailCount > 0)
            {
                Span<int> shifted = stackalloc int[ranks.Length - split];
                for (var r = split; r < ranks.Length; r++)
                {
                    shifted[r - split] = ranks[r] - negativeCount;
                }

                var none = DeviationSums.None;
                tailSum = Select(parts[negativeCount..], restMinKey, maxKey, shifted, results[split..], tailCount, zeroCount, inner, ref none, vectorCopy: true, tail: tail);
            }

            return tailSum;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(inner);
            if (rentedParts is not null)
            {
                ArrayPool<double>.Shared.Return(rentedParts);
            }
        }
    }

    /// <summary>
    /// Writes the values below zero to parts[0, negativeCount) and the rest to
    /// parts[negativeCount, n), each in sample order, with the largest key of the first and the
    /// smallest of the second. A full-register store is used only where it stays inside its
    /// part, so the parts need no slack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PartitionAtZero<TSums>(ReadOnlySpan<double> values, Span<double> parts, int negativeCount, out ulong negativeMaxKey, out ulong restMinKey, ref TSums sums)
        where TSums : struct, IPassSums
    {
        if (!Avx512F.IsSupported)
        {
            PartitionAtZeroAvx2(values, parts, negativeCount, out negativeMaxKey, out restMinKey, ref sums);
            return;
        }

        var shiftBy = Vector512.Create(sums.Shift);
        Vector512<double> deviationsLow = default, deviationsHigh = default, squaresLow = default, squaresHigh = default;
        ref var x = ref MemoryMarshal.GetReference(values);
        ref var w = ref MemoryMarshal.GetReference(parts);
        var n = values.Length;
        var low = 0;
        var high = negativeCount;
        var i = 0;
        var maxLow = Vector512<ulong>.Zero;
        var minHigh = Vector512.Create(ulong.MaxValue);
        for (; i <= n - (2 * Vector512<double>.Count); i += 2 * Vector512<double>.Count)
        {
            var v0 = Vector512.LoadUnsafe(ref x, (nuint)i);
            var v1 = Vector512.LoadUnsafe(ref x, (nuint)(i + Vector512<double>.Count));
            if (TSums.Wanted)
            {
                DeviationSums.Step(v0, v1, shiftBy, ref deviationsLow, ref deviationsHigh, ref squaresLow, ref squaresHigh);
            }

            Part(v0, ref w, ref low, ref high, negativeCount, n, ref maxLow, ref minHigh);
            Part(v1, ref w, ref low, ref high, negativeCount, n, ref maxLow, ref minHigh);
        }

        negativeMaxKey = MaxLane(maxLow);
        restMinKey = MinLane(minHigh);
        PartitionTail(values, i, parts, ref low, ref high, ref negativeMaxKey, ref restMinKey);

        sums.Finish(values, i, deviationsLow, deviationsHigh, squaresLow, squaresHigh);
        System.Diagnostics.Debug.Assert(low == negativeCount && high == n, "the census counted the negatives");
    }

    /// <summary>The values above zero from <paramref name="from"/> on, one by one, after <paramref name="count"/> kept (the positives' compress's tail); returns the new count.</summary>
    private static int PositiveTail(ReadOnlySpan<double> values, int from, Span<double> destination, int count, ref ulong minKey)
    {
        for (var r = from; r < values.Length; r++)
        {
            var v = values[r];
            if (v > 0)
            {
                destination[count++] = v;
                minKey = Math.Min(minKey, Key(v));
            }
        }

        return count;
    }

    /// <summary>The values from <paramref name="from"/> on, one by one, to their parts (the partition passes' tail).</summary>
    private static void PartitionTail(ReadOnlySpan<double> values, int from, Span<double> parts, ref int low, ref int high, ref ulong negativeMaxKey, ref ulong restMinKey)
    {
        for (var r = from; r < values.Length; r++)
        {
            var v = values[r];
            var k = Key(v);
            if (v < 0)
            {
                parts[low++] = v;
                negativeMaxKey = Math.Max(negativeMaxKey, k);
            }
            else
            {
                parts[high++] = v;
                restMinKey = Math.Min(restMinKey, k);
            }
        }
    }

    /// <summary>The smallest lane.</summary>
    private static ulong MinLane(Vector512<ulong> v)
    {
        var half = Vector256.Min(v.GetLower(), v.GetUpper());
        var quarter = Vector128.Min(half.GetLower(), half.GetUpper());
        return Math.Min(quarter.GetElement(0), quarter.GetElement(1));
    }

    /// <summary>The largest lane.</summary>
    private static ulong MaxLane(Vector512<ulong> v)
    {
        var half = Vector256.Max(v.GetLower(), v.GetUpper());
        var quarter = Vector128.Max(half.GetLower(), half.GetUpper());
        return Math.Max(quarter.GetElement(0), quarter.GetElement(1));
    }

    /// <summary>One register of <see cref="PartitionAtZero{TSums}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Part(Vector512<double> v, ref double w, ref int low, ref int high, int lowEnd, int highEnd, ref Vector512<ulong> maxLow, ref Vector512<ulong> minHigh)
    {
        var below = Vector512.LessThan(v, Vector512<double>.Zero);
        var keys = Keys(v);
        maxLow = Vector512.Max(maxLow, Vector512.ConditionalSelect(below.AsUInt64(), keys, Vector512<ulong>.Zero));
        minHigh = Vector512.Min(minHigh, Vector512.ConditionalSelect(below.AsUInt64(), Vector512.Create(ulong.MaxValue), keys));
        var belowBits = (uint)below.ExtractMostSignificantBits();
        var restBits = ~belowBits & 0xFFu;
        if (low + Vector512<double>.Count <= lowEnd)
        {
            Avx512F.Compress(Vector512<double>.Zero, below, v).StoreUnsafe(ref w, (nuint)low);
            low += BitOperations.PopCount(belowBits);
        }
        else
        {
            for (var bits = belowBits; bits != 0; bits &= bits - 1)
            {
                Unsafe.Add(ref w, low++) = v.GetElement(BitOperations.TrailingZeroCount(bits));
            }
        }

        if (high + Vector512<double>.Count <= highEnd)
        {
            Avx512F.Compress(Vector512<double>.Zero, ~below, v).StoreUnsafe(ref w, (nuint)high);
            high += BitOperations.PopCount(restBits);
        }
        else
        {
            for (var bits = restBits; bits != 0; bits &= bits - 1)
            {
                Unsafe.Add(ref w, high++) = v.GetElement(BitOperations.TrailingZeroCount(bits));
            }
        }
    }

    /// <summary>
    /// Bits of the first level's histogram for <paramref name="n"/> values: 2¹¹ buckets from
    /// 16,384 values up, else between n/16 and n/8 (at least 64), so a short sample does not pay for
    /// thousands of empty counters.
    /// </summary>
    internal static int TopLevelBits(int n) => Math.Clamp(BitOperations.Log2((uint)Math.Max(n, 1)) - 3, 6, RadixBits);

    /// <summary>The right shift that maps a key offset in [0, range] to a bucket in [0, 2^bits).</summary>
    private static int Shift(ulong range, int bits) => Math.Max(0, 64 - BitOperations.LeadingZeroCount(range) - bits);

    /// <summary>The bucket whose cumulative range [start[b], start[b + 1]) holds <paramref name="rank"/>.</summary>
    private static int BucketOf(ReadOnlySpan<int> start, int rank)
    {
        int lo = 0, hi = start.Length - 2;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (start[mid + 1] <= rank)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// Counts the values per bucket (as many buckets as <paramref name="start"/> has entries, less
    /// one) and leaves the cumulative counts in <paramref name="start"/> (start[b] = values in
    /// buckets below b). Four interleaved histograms, so a run of equal
    /// keys (the zero mass) does not chain every increment through the same counter.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Histogram<TSums, TKeys>(ReadOnlySpan<double> values, ulong minKey, int shift, Span<int> start, ref TSums sums)
        where TSums : struct, IPassSums
        where TKeys : struct, IKeyOffset
    {
        var shiftBy = Vector512.Create(sums.Shift);
        Vector512<double> deviationsLow = default, deviationsHigh = default, squaresLow = default, squaresHigh = default;
        var buckets = start.Length - 1;
        var counts = ArrayPool<int>.Shared.Rent(4 * buckets);
        try
        {
            Array.Clear(counts, 0, 4 * buckets);
            ref var c = ref MemoryMarshal.GetArrayDataReference(counts);
            ref var c1 = ref Unsafe.Add(ref c, buckets);
            ref var c2 = ref Unsafe.Add(ref c, 2 * buckets);
            ref var c3 = ref Unsafe.Add(ref c, 3 * buckets);
            ref var x = ref MemoryMarshal.GetReference(values);
            var i = 0;
            if (Vector512.IsHardwareAccelerated && values.Length >= 2 * Vector512<uint>.Count)
            {
                // Bucket indices of sixteen values by vector arithmetic, stored one step ahead
                // of their increments: a narrow load of a wide store still in the store queue
                // cannot be forwarded and would wait for it to retire.
                Span<uint> index = stackalloc uint[2 * Vector512<uint>.Count];
                ref var j = ref MemoryMarshal.GetReference(index);
                var min = TKeys.Min(minKey);
                var v0 = Vector512.LoadUnsafe(ref x, 0);
                var v1 = Vector512.LoadUnsafe(ref x, (nuint)Vector512<double>.Count);
                if (TSums.Wanted)
                {
                    DeviationSums.Step(v0, v1, shiftBy, ref deviationsLow, ref deviationsHigh, ref squaresLow, ref squaresHigh);
                }

                Vector512.Narrow(Vector512.ShiftRightLogical(TKeys.Offset(v0, min), shift), Vector512.ShiftRightLogical(TKeys.Offset(v1, min), shift)).StoreUnsafe(ref j);
                i = Vector512<uint>.Count;
                var half = 0;
                for (; i <= values.Length - Vector512<uint>.Count; i += Vector512<uint>.Count)
                {
                    v0 = Vector512.LoadUnsafe(ref x, (nuint)i);
                    v1 = Vector512.LoadUnsafe(ref x, (nuint)(i + Vector512<double>.Count));
                    if (TSums.Wanted)
                    {
                        DeviationSums.Step(v0, v1, shiftBy, ref deviationsLow, ref deviationsHigh, ref squaresLow, ref squaresHigh);
                    }

                    var next = half ^ Vector512<uint>.Count;
                    Vector512.Narrow(Vector512.ShiftRightLogical(TKeys.Offset(v0, min), shift), Vector512.ShiftRightLogical(TKeys.Offset(v1, min), shift)).StoreUnsafe(ref j, (nuint)next);
                    Increment(ref c, ref c1, ref c2, ref c3, ref Unsafe.Add(ref j, half));
                    half = next;
                }

                Increment(ref c, ref c1, ref c2, ref c3, ref Unsafe.Add(ref j, half));
            }
            else if (Avx2.IsSupported && values.Length >= 32)
            {
                // Two steps of sixteen at least, as the AVX-512 part asks (its first step is set up before its loop).
                i = HistogramAvx2<TSums, TKeys>(values, minKey, shift, ref c, ref c1, ref c2, ref c3, sums.Shift, out deviationsLow, out deviationsHigh, out squaresLow, out squaresHigh);
            }

            sums.Finish(values, i, deviationsLow, deviationsHigh, squaresLow, squaresHigh);
            for (; i <= values.Length - 4; i += 4)
            {
                Unsafe.Add(ref c, (int)((Key(Unsafe.Add(ref x, i)) - minKey) >> shift))++;
                Unsafe.Add(ref c, buckets + (int)((Key(Unsafe.Add(ref x, i + 1)) - minKey) >> shift))++;
                Unsafe.Add(ref c, (2 * buckets) + (int)((Key(Unsafe.Add(ref x, i + 2)) - minKey) >> shift))++;
                Unsafe.Add(ref c, (3 * buckets) + (int)((Key(Unsafe.Add(ref x, i + 3)) - minKey) >> shift))++;
            }

            for (; i < values.Length; i++)
            {
                Unsafe.Add(ref c, (int)((Key(Unsafe.Add(ref x, i)) - minKey) >> shift))++;
            }

            // The four tables added sixteen buckets at a time, then the running total.
            ref var s = ref MemoryMarshal.GetReference(start);
            var b = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                for (; b <= buckets - Vector512<int>.Count; b += Vector512<int>.Count)
                {
                    (Vector512.LoadUnsafe(ref c, (nuint)b) + Vector512.LoadUnsafe(ref c1, (nuint)b) + Vector512.LoadUnsafe(ref c2, (nuint)b) + Vector512.LoadUnsafe(ref c3, (nuint)b)).StoreUnsafe(ref s, (nuint)b);
                }
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                for (; b <= buckets - Vector256<int>.Count; b += Vector256<int>.Count)
                {
                    (Vector256.LoadUnsafe(ref c, (nuint)b) + Vector256.LoadUnsafe(ref c1, (nuint)b) + Vector256.LoadUnsafe(ref c2, (nuint)b) + Vector256.LoadUnsafe(ref c3, (nuint)b)).StoreUnsafe(ref s, (nuint)b);
                }
            }

            for (; b < buckets; b++)
            {
                Unsafe.Add(ref s, b) = Unsafe.Add(ref c, b) + Unsafe.Add(ref c1, b) + Unsafe.Add(ref c2, b) + Unsafe.Add(ref c3, b);
            }

            var total = 0;
            for (b = 0; b < buckets; b++)
            {
                var count = Unsafe.Add(ref s, b);
                Unsafe.Add(ref s, b) = total;
                total += count;
            }

            start[buckets] = total;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>
    /// The increments of sixteen bucket indices, spread over four counter tables, written out
    /// (an index load and a memory increment each; zero-extended, so no sign extension).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Increment(ref int c0, ref int c1, ref int c2, ref int c3, ref uint j)
    {
        Unsafe.Add(ref c0, (nint)Unsafe.Add(ref j, 0))++;
        Unsafe.Add(ref c1, (nint)Unsafe.Add(ref j, 1))++;
        Unsafe.Add(ref c2, (nint)Unsafe.Add(ref j, 2))++;
        Unsafe.Add(ref c3, (nint)Unsafe.Add(ref j, 3))++;
        Unsafe.Add(ref c0, (nint)Unsafe.Add(ref j, 4))++;
        Unsafe.Add(ref c1, (nint)Unsafe.Add(ref j, 5))++;
        Unsafe.Add(ref c2, (nint)Unsafe.Add(ref j, 6))++;
        Unsafe.Add(ref c3, (nint)Unsafe.Add(ref j, 7))++;
        Unsafe.Add(ref c0, (nint)Unsafe.Add(ref j, 8))++;
        Unsafe.Add(ref c1, (nint)Unsafe.Add(ref j, 9))++;
        Unsafe.Add(ref c2, (nint)Unsafe.Add(ref j, 10))++;
        Unsafe.Add(ref c3, (nint)Unsafe.Add(ref j, 11))++;
        Unsafe.Add(ref c0, (nint)Unsafe.Add(ref j, 12))++;
        Unsafe.Add(ref c1, (nint)Unsafe.Add(ref j, 13))++;
        Unsafe.Add(ref c2, (nint)Unsafe.Add(ref j, 14))++;
        Unsafe.Add(ref c3, (nint)Unsafe.Add(ref j, 15))++;
    }

    /// <summary>
    /// Copies every value whose bucket is marked in <paramref name="wanted"/> (a bitmap of 2,048
    /// buckets, of which a short sample's histogram uses the first) to
    /// <paramref name="candidates"/>, in sample order; returns how many. Per
    /// register: the bucket indices, the bitmap words by two table permutes, a variable shift
    /// to the bucket's bit, one compress and one full store (so the destination needs
    /// <see cref="Slack"/> spare lanes); no data-dependent branch, and the same work for any
    /// number of groups.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CopyCandidates<TKeys>(ReadOnlySpan<double> values, ulong minKey, int shift, ReadOnlySpan<ulong> wanted, Span<double> candidates, bool vectorCopy)
        where TKeys : struct, IKeyOffset
    {
        var count = 0;
        var i = 0;
        if (vectorCopy && Avx512F.IsSupported && candidates.Length >= Slack)
        {
            var t0 = Vector512.Create(wanted[..8]);
            var t1 = Vector512.Create(wanted[8..16]);
            var t2 = Vector512.Create(wanted[16..24]);
            var t3 = Vector512.Create(wanted[24..32]);
            var min = TKeys.Min(minKey);
            var one = Vector512<ulong>.One;
            var bit4 = Vector512.Create(16UL);
            var low6 = Vector512.Create(63UL);
            ref var x = ref MemoryMarshal.GetReference(values);
            ref var w = ref MemoryMarshal.GetReference(candidates);
            for (; i <= values.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var v = Vector512.LoadUnsafe(ref x, (nuint)i);
                var bucket = Vector512.ShiftRightLogical(TKeys.Offset(v, min), shift);
                var word = Vector512.ShiftRightLogical(bucket, 6);
                var bits = Vector512.ConditionalSelect(
                    Vector512.Equals(word & bit4, Vector512<ulong>.Zero),
                    Avx512F.PermuteVar8x64x2(t0, word, t1),
                    Avx512F.PermuteVar8x64x2(t2, word, t3));
                var keep = ~Vector512.Equals(Avx512F.ShiftRightLogicalVariable(bits, bucket & low6) & one, Vector512<ulong>.Zero);
                Avx512F.Compress(Vector512<double>.Zero, keep.AsDouble(), v).StoreUnsafe(ref w, (nuint)count);
                count += BitOperations.PopCount(keep.ExtractMostSignificantBits());
            }
        }
        else if (vectorCopy && Avx2.IsSupported && candidates.Length >= Slack)
        {
            i = CopyCandidatesAvx2<TKeys>(values, minKey, shift, wanted, candidates, out count);
        }

        foreach (var v in values[i..])
        {
            var bucket = (int)((Key(v) - minKey) >> shift);
            if (((wanted[bucket >> 6] >> (bucket & 63)) & 1) != 0)
            {
                candidates[count++] = v;
            }
        }

        return count;
    }

    /// <summary>
    /// Copies the values above zero (the sample has none below) to <paramref name="destination"/>
    /// in sample order; returns how many, and their smallest key, so the histogram spans only
    /// their own range.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CompressPositive<TSums>(ReadOnlySpan<double> values, Span<double> destination, out ulong minKey, ref TSums sums)
        where TSums : struct, IPassSums
    {
        if (!Avx512F.IsSupported)
        {
            return CompressPositiveAvx2(values, destination, out minKey, ref sums);
        }

        var shiftBy = Vector512.Create(sums.Shift);
        Vector512<double> deviationsLow = default, deviationsHigh = default, squaresLow = default, squaresHigh = default;
        ref var x = ref MemoryMarshal.GetReference(values);
        ref var w = ref MemoryMarshal.GetReference(destination);
        var count = 0;
        var i = 0;
        var lowest = Vector512.Create(ulong.MaxValue);
        for (; i <= values.Length - (2 * Vector512<double>.Count); i += 2 * Vector512<double>.Count)
        {
            var v0 = Vector512.LoadUnsafe(ref x, (nuint)i);
            var v1 = Vector512.LoadUnsafe(ref x, (nuint)(i + Vector512<double>.Count));
            if (TSums.Wanted)
            {
                DeviationSums.Step(v0, v1, shiftBy, ref deviationsLow, ref deviationsHigh, ref squaresLow, ref squaresHigh);
            }

            var keep0 = Vector512.GreaterThan(v0, Vector512<double>.Zero);
            lowest = Vector512.Min(lowest, Vector512.ConditionalSelect(keep0.AsUInt64(), Keys(v0), Vector512.Create(ulong.MaxValue)));
            Avx512F.Compress(Vector512<double>.Zero, keep0, v0).StoreUnsafe(ref w, (nuint)count);
            count += BitOperations.PopCount(keep0.ExtractMostSignificantBits());
            var keep1 = Vector512.GreaterThan(v1, Vector512<double>.Zero);
            lowest = Vector512.Min(lowest, Vector512.ConditionalSelect(keep1.AsUInt64(), Keys(v1), Vector512.Create(ulong.MaxValue)));
            Avx512F.Compress(Vector512<double>.Zero, keep1, v1).StoreUnsafe(ref w, (nuint)count);
            count += BitOperations.PopCount(keep1.ExtractMostSignificantBits());
        }

        // The lanes are reduced, and the sums finished, after the loop: a vector live across
        // the call (or indexed in place) was spilled to the stack on every step.
        minKey = MinLane(lowest);
        count = PositiveTail(values, i, destination, count, ref minKey);

        sums.Finish(values, i, deviationsLow, deviationsHigh, squaresLow, squaresHigh);
        return count;
    }

    /// <summary>
    /// Moves the candidates of each range g to its region [offset[g], offset[g + 1]) of
    /// <paramref name="work"/>: a candidate's range is the number of lower bounds at or below its key, less one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Distribute(ReadOnlySpan<double> candidates, ReadOnlySpan<ulong> lowKey, ReadOnlySpan<int> offset, Span<double> work)
    {
        Span<int> end = stackalloc int[lowKey.Length];
        offset[..lowKey.Length].CopyTo(end);
        foreach (var v in candidates)
        {
            var k = Key(v);
            var g = -1;
            foreach (var low in lowKey)
            {
                g += k >= low ? 1 : 0;
            }

            work[end[g]++] = v;
        }
    }

    /// <summary>
    /// Writes x₍ᵣ₎ of <paramref name="region"/> for every r in <paramref name="ranks"/>
    /// (ascending, relative to the region) into <paramref name="results"/>. Selects them from the
    /// region when it is small (<see cref="KeyOrderSort.Select"/>; its multiset is unchanged); otherwise histograms it over its own key
    /// range and recurses into a copy of each bucket that holds a wanted rank.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void Refine(Span<double> region, ReadOnlySpan<int> ranks, Span<double> results)
    {
        if (region.Length <= SortThreshold)
        {
            KeyOrderSort.Select(region, ranks, results);
            return;
        }

        var (minKey, maxKey) = KeyRange(region);
        if (minKey == maxKey)
        {
            results[..ranks.Length].Fill(region[0]);
            return;
        }

        // Fewer buckets for a small region: clearing and summing 2,048 counters would cost
        // more than counting a few hundred values.
        var bits = Math.Clamp(BitOperations.Log2((uint)region.Length) - 2, 6, RadixBits);
        var shift = Shift(maxKey - minKey, bits);
        Span<int> start = stackalloc int[(1 << bits) + 1];
        var noSums = default(NoSums);
        if (minKey >= SignBit)
        {
            Histogram<NoSums, PositiveKeys>(region, minKey, shift, start, ref noSums);
        }
        else
        {
            Histogram<NoSums, AnyKeys>(region, minKey, shift, start, ref noSums);
        }

        Span<int> relativeRanks = stackalloc int[ranks.Length];
        var r0 = 0;
        while (r0 < ranks.Length)
        {
            var bucket = BucketOf(start, ranks[r0]);
            var r1 = r0 + 1;
            while (r1 < ranks.Length && ranks[r1] < start[bucket + 1])
            {
                r1++;
            }

            var size = start[bucket + 1] - start[bucket];
            var copy = ArrayPool<double>.Shared.Rent(size + Slack);
            try
            {
                var count = minKey >= SignBit
                    ? CopyBucket<PositiveKeys>(region, minKey, shift, (ulong)bucket, copy)
                    : CopyBucket<AnyKeys>(region, minKey, shift, (ulong)bucket, copy);

                var relative = relativeRanks[..(r1 - r0)];
                for (var r = r0; r < r1; r++)
                {
                    relative[r - r0] = ranks[r] - start[bucket];
                }

                Refine(copy.AsSpan(0, count), relative, results[r0..r1]);
            }
            finally
            {
                ArrayPool<double>.Shared.Return(copy);
            }

            r0 = r1;
        }
    }

    /// <summary>
    /// Copies the values of <paramref name="region"/> in bucket <paramref name="bucket"/> to
    /// <paramref name="copy"/> (room for them and <see cref="Slack"/> more), in order; returns how many.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CopyBucket<TKeys>(ReadOnlySpan<double> region, ulong minKey, int shift, ulong bucket, Span<double> copy)
        where TKeys : struct, IKeyOffset
    {
        var count = 0;
        var i = 0;
        if (Avx512F.IsSupported)
        {
            var min = TKeys.Min(minKey);
            var b = Vector512.Create(bucket);
            ref var x = ref MemoryMarshal.GetReference(region);
            ref var w = ref MemoryMarshal.GetReference(copy);
            for (; i <= region.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var v = Vector512.LoadUnsafe(ref x, (nuint)i);
                var keep = Vector512.Equals(Vector512.ShiftRightLogical(TKeys.Offset(v, min), shift), b);
                Avx512F.Compress(Vector512<double>.Zero, keep.AsDouble(), v).StoreUnsafe(ref w, (nuint)count);
                count += BitOperations.PopCount(keep.ExtractMostSignificantBits());
            }
        }
        else if (Avx2.IsSupported)
        {
            var min = TKeys.Min256(minKey);
            var b = Vector256.Create(bucket);
            ref var x = ref MemoryMarshal.GetReference(region);
            ref var w = ref MemoryMarshal.GetReference(copy);
            for (; i <= region.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref x, (nuint)i);
                var keep = Vector256.Equals(Vector256.ShiftRightLogical(TKeys.Offset(v, min), shift), b);
                count = Compress4.Store(v, keep.AsDouble(), ref w, count);
            }
        }

        // The bucket is a small part of the region, so the branch is nearly always not taken.
        foreach (var v in region[i..])
        {
            if ((Key(v) - minKey) >> shift == bucket)
            {
                copy[count++] = v;
            }
        }

        return count;
    }

    /// <summary>
    /// The sum of the <paramref name="tailCount"/> largest values of a sample, correctly
    /// rounded (<see cref="ExactSum"/>), given its order statistic <paramref name="threshold"/>
    /// = x₍ₙ₋ₖ₎ and a region holding every value above it: the values above it and
    /// k − (their count) copies of the threshold (values equal to it by <c>==</c> are the same
    /// number; ±0 add to +0 alike). The values above are gathered by an AVX-512 compress per
    /// register (or a branch-free scalar store), in region order; no order is needed for the sum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double TailOf(ReadOnlySpan<double> region, double threshold, int tailCount, bool vectorCopy, Span<double> tail)
    {
        // At most k − 1 values lie above x₍ₙ₋ₖ₎, so a register stored at any count ≤ k − 1
        // fits in k + Slack.
        var buffer = ArrayPool<double>.Shared.Rent(tailCount + Slack);
        try
        {
            var count = 0;
            var i = 0;
            ref var x = ref MemoryMarshal.GetReference(region);
            ref var w = ref MemoryMarshal.GetArrayDataReference(buffer);
            if (vectorCopy && Avx512F.IsSupported)
            {
                var t = Vector512.Create(threshold);
                for (; i <= region.Length - Vector512<double>.Count; i += Vector512<double>.Count)
                {
                    var v = Vector512.LoadUnsafe(ref x, (nuint)i);
                    var keep = Vector512.GreaterThan(v, t);
                    Avx512F.Compress(Vector512<double>.Zero, keep, v).StoreUnsafe(ref w, (nuint)count);
                    count += BitOperations.PopCount(keep.ExtractMostSignificantBits());
                }
            }
            else if (vectorCopy && Avx2.IsSupported)
            {
                var t = Vector256.Create(threshold);
                for (; i <= region.Length - Vector256<double>.Count; i += Vector256<double>.Count)
                {
                    var v = Vector256.LoadUnsafe(ref x, (nuint)i);
                    count = Compress4.Store(v, Vector256.GreaterThan(v, t), ref w, count);
                }
            }

            for (; i < region.Length; i++)
            {
                var v = Unsafe.Add(ref x, i);
                Unsafe.Add(ref w, count) = v;
                count += v > threshold ? 1 : 0;
            }

            System.Diagnostics.Debug.Assert(count < tailCount || tailCount == 0, "fewer than k values lie above x₍ₙ₋ₖ₎");
            return TailSum(threshold, count, buffer.AsSpan(0, count), tailCount, tail);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>The tail sum from its addends, correctly rounded; they also go to <paramref name="tail"/> when it holds k.</summary>
    private static double TailSum(double threshold, int count, ReadOnlySpan<double> above, int tailCount, Span<double> tail)
    {
        if (tail.Length >= tailCount)
        {
            tail[..(tailCount - count)].Fill(threshold);
            above.CopyTo(tail[(tailCount - count)..]);
        }

        var sum = default(ExactSum);
        sum.AddCopies(threshold, tailCount - count);
        sum.AddRange(above);
        return sum.Round();
    }
}
