using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ClimateRisk.Core.Statistics.Internal;

namespace ClimateRisk.Core.Statistics;

/// <summary>
/// A mergeable quantile sketch with relative value accuracy α, after DDSketch (Masson, Rim &amp;
/// Lee 2019, "DDSketch: a fast and fully-mergeable quantile sketch with relative-error
/// guarantees", PVLDB 12(12)) with a log-linear bucket mapping read from the IEEE-754 bits.
/// Each binade [2ᵉ, 2ᵉ⁺¹) is cut into B equal buckets, B = ⌈(1 − α)/(2α)⌉ (100 for α = 0.5 %):
/// bucket i = e·B + j, j = 1…B, holds |x| ∈ (2ᵉ·(1 + (j−1)/B), 2ᵉ·(1 + j/B)]; negative values
/// mirror the positive ones; zeros are counted apart. The representative of a bucket (lo, hi]
/// is 2·lo·hi/(lo + hi), whose relative distance to any value in the bucket is at most
/// (hi − lo)/(hi + lo) = 1/(2B + 2j − 1) ≤ 1/(2B + 1) ≤ α, so every order statistic read from
/// the sketch is within α·|x| of the exact one. MODEL §11 allows ≤ 0.5 % relative value
/// error; the default α is that bound.
/// </summary>
/// <remarks>
/// The bucket index comes from the exponent e and the 52-bit mantissa M of |x| by integer
/// arithmetic, j = ⌈M·B/2⁵²⌉, exactly and without a logarithm (DDSketch's logarithmic mapping
/// needs one per value; its linearly interpolated mapping is this one without the alignment to
/// binades). The price is about 44 % more buckets than the logarithmic mapping of the same α
/// (B = 100 buckets per binade against ln 2/ln γ = 69). Buckets are kept sorted by index and
/// encoded (<see cref="BucketCode"/>: about two bytes a bucket instead of twelve, since a shard
/// holds a sketch for every cell until it writes them); the bucket properties decode them on
/// each call, the queries once per sketch. Merging adds integer counts, so the merged sketch
/// does not depend on the order of merging or on how the values were split into shards: shards
/// merge to exactly the sketch of the whole. Magnitudes below <see cref="MinMagnitude"/> count as zero (a loss of 1e-9 CNY is
/// no loss).
/// </remarks>
public sealed class QuantileSketch
{
    /// <summary>Default relative value accuracy: 0.5 %.</summary>
    public const double DefaultAccuracy = 0.005;

    /// <summary>Magnitudes below this are counted as zero.</summary>
    public const double MinMagnitude = 1e-9;

    /// <summary>The positive buckets, then the negative ones (<see cref="BucketCode"/>).</summary>
    private readonly byte[] _buckets;
    private readonly int _positiveBuckets;
    private readonly int _negativeBuckets;

    /// <summary>Where the negative buckets start in <see cref="_buckets"/>.</summary>
    private readonly int _negativeStart;
    private readonly int _bucketsPerBinade;

    /// <summary>The buckets as arrays, made by the first query (a shard's sketches are never queried, only written).</summary>
    private Decoded? _decoded;

    private QuantileSketch(double accuracy, long zeroCount, byte[] buckets, int positiveBuckets, int negativeBuckets, int negativeStart, long nonZeroCount)
    {
        if (!(accuracy > 0 && accuracy < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(accuracy), accuracy, "The relative accuracy must lie in (0, 1).");
        }

        Accuracy = accuracy;
        _bucketsPerBinade = BucketsPerBinade(accuracy);
        ZeroCount = zeroCount;
        _buckets = buckets;
        _positiveBuckets = positiveBuckets;
        _negativeBuckets = negativeBuckets;
        _negativeStart = negativeStart;
        Count = zeroCount + nonZeroCount;
    }

    /// <summary>Relative value accuracy α.</summary>
    public double Accuracy { get; }

    /// <summary>Number of values.</summary>
    public long Count { get; }

    /// <summary>Number of values counted as zero.</summary>
    public long ZeroCount { get; }

    /// <summary>Indices of the non-empty positive buckets, increasing (decoded on each call).</summary>
    public ReadOnlySpan<int> PositiveIndices => DecodeSign(0, _positiveBuckets).Indices;

    /// <summary>Counts of the positive buckets (decoded on each call).</summary>
    public ReadOnlySpan<long> PositiveCounts => DecodeSign(0, _positiveBuckets).Counts;

    /// <summary>Indices (of |x|) of the non-empty negative buckets, increasing (decoded on each call).</summary>
    public ReadOnlySpan<int> NegativeIndices => DecodeSign(_negativeStart, _negativeBuckets).Indices;

    /// <summary>Counts of the negative buckets (decoded on each call).</summary>
    public ReadOnlySpan<long> NegativeCounts => DecodeSign(_negativeStart, _negativeBuckets).Counts;

    /// <summary>Number of non-empty positive buckets.</summary>
    public int PositiveBucketCount => _positiveBuckets;

    /// <summary>Number of non-empty negative buckets.</summary>
    public int NegativeBucketCount => _negativeBuckets;

    /// <summary>
    /// The positive buckets as the sketch keeps them and the shard file stores them: the first
    /// index as four bytes little-endian, then each index's step from the one before, each index
    /// followed by its count, steps and counts as 7-bit variable-length integers (as
    /// <see cref="BinaryWriter.Write7BitEncodedInt64"/> writes them).
    /// </summary>
    public ReadOnlySpan<byte> EncodedPositiveBuckets => _buckets.AsSpan(0, _negativeStart);

    /// <summary>The negative buckets (by |x|), encoded as <see cref="EncodedPositiveBuckets"/>.</summary>
    public ReadOnlySpan<byte> EncodedNegativeBuckets => _buckets.AsSpan(_negativeStart);

    /// <summary>The sketch of <paramref name="values"/> (NaN is rejected), in O(n + bucket range).</summary>
    /// <remarks>The first pass computes each value's bucket index from its bits, eight values per
    /// AVX-512 register, and compresses the non-zero ones, tagged with their sign, into a pooled
    /// buffer while it tracks the index range of each sign; the second counts them into one dense
    /// array without a branch per value (zeros, often most of a loss sample, are not visited
    /// again). Same counts as <see cref="Index"/> value by value (tested).</remarks>
    public static QuantileSketch Build(ReadOnlySpan<double> values, double accuracy = DefaultAccuracy)
    {
        if (!(accuracy > 0 && accuracy < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(accuracy), accuracy, "The relative accuracy must lie in (0, 1).");
        }

        var buckets = BucketsPerBinade(accuracy);
        var tagged = ArrayPool<long>.Shared.Rent(values.Length + Vector512<long>.Count);
        try
        {
            var range = new IndexRange();
            var vector = Avx512F.IsSupported && Avx512DQ.IsSupported && buckets < 2048;
            var nonZero = vector ? ClassifyVector(values, buckets, tagged, ref range) : 0;
            var first = vector ? values.Length - (values.Length % Vector512<long>.Count) : 0;
            nonZero = ClassifyScalar(values[first..], buckets, tagged, nonZero, ref range);
            var zeros = values.Length - nonZero;

            // One dense array: the negative range, then the positive one; slot = index + offset[sign].
            var negativeLength = range.MinNegative <= range.MaxNegative ? range.MaxNegative - range.MinNegative + 1 : 0;
            var positiveLength = range.MinPositive <= range.MaxPositive ? range.MaxPositive - range.MinPositive + 1 : 0;
            // Rented, not new: a shard builds a sketch for every cell, and these counts (tens of
            // kilobytes for a loss cell spanning many binades) were half of its allocations
            // (537 → 268 MB for a standard-workload shard; docs/performance.md, tenth session).
            var denseLength = negativeLength + positiveLength;
            var denseArray = ArrayPool<long>.Shared.Rent(denseLength);
            try
            {
                var dense = denseArray.AsSpan(0, denseLength);
                dense.Clear();
                var positiveOffset = negativeLength - (long)range.MinPositive;
                var negativeOffset = -(long)range.MinNegative;
                CountTags(tagged.AsSpan(0, nonZero), positiveOffset, negativeOffset - positiveOffset, dense);

                return Encode(accuracy, zeros, dense[negativeLength..], range.MinPositive, dense[..negativeLength], range.MinNegative, nonZero);
            }
            finally
            {
                ArrayPool<long>.Shared.Return(denseArray);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(tagged);
        }
    }

    /// <summary>
    /// dense[(t &gt;&gt; 1) + positiveOffset + (t &amp; 1)·negativeShift]++ for every tag t: four
    /// tables, one per position mod 4, summed afterwards, so that a run of values in one bucket
    /// (the common case: a sample spans few buckets) does not make each increment wait for the
    /// one before it to be stored; the sign picks its offset by arithmetic, not a branch. The
    /// counts are integers, so the sketch is the same whatever the order of the additions.
    /// </summary>
    private static unsafe void CountTags(ReadOnlySpan<long> tagged, long positiveOffset, long negativeShift, Span<long> dense)
    {
        var length = dense.Length;
        if (tagged.Length < 4 * length)
        {
            foreach (var t in tagged)
            {
                dense[checked((int)((t >> 1) + positiveOffset + ((t & 1) * negativeShift)))]++;
            }

            return;
        }

        var tables = ArrayPool<long>.Shared.Rent(4 * length);
        try
        {
            var all = tables.AsSpan(0, 4 * length);
            all.Clear();
            // A tag's slot: its index plus, for a negative value, the shift to the negative range
            // (a mask, not a multiply), counted from each table's base moved by the positive
            // offset — through pinned pointers, since a managed reference moved outside its array
            // is not one the garbage collector can follow.
            var k = 0;
            fixed (long* table = tables)
            fixed (long* tag = tagged)
            {
                var c0 = table + positiveOffset;
                var c1 = c0 + length;
                var c2 = c1 + length;
                var c3 = c2 + length;
                for (; k <= tagged.Length - 4; k += 4)
                {
                    var t0 = tag[k];
                    var t1 = tag[k + 1];
                    var t2 = tag[k + 2];
                    var t3 = tag[k + 3];
                    c0[(t0 >> 1) + (-(t0 & 1) & negativeShift)]++;
                    c1[(t1 >> 1) + (-(t1 & 1) & negativeShift)]++;
                    c2[(t2 >> 1) + (-(t2 & 1) & negativeShift)]++;
                    c3[(t3 >> 1) + (-(t3 & 1) & negativeShift)]++;
                }
            }

            for (; k < tagged.Length; k++)
            {
                var t = tagged[k];
                dense[checked((int)((t >> 1) + positiveOffset + ((t & 1) * negativeShift)))]++;
            }

            ref var first = ref MemoryMarshal.GetArrayDataReference(tables);
            for (var b = 0; b < length; b++)
            {
                dense[b] += Unsafe.Add(ref first, b) + Unsafe.Add(ref first, length + b) + Unsafe.Add(ref first, (2 * length) + b) + Unsafe.Add(ref first, (3 * length) + b);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(tables);
        }
    }

    /// <summary>Appends (index · 2 + sign) of every value with |x| ≥ <see cref="MinMagnitude"/> from <paramref name="values"/> to <paramref name="tagged"/> at <paramref name="count"/>; returns the new count.</summary>
    private static int ClassifyScalar(ReadOnlySpan<double> values, int buckets, long[] tagged, int count, ref IndexRange range)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (double.IsNaN(v))
            {
                throw new ArgumentException("Cannot sketch NaN.", nameof(values));
            }

            var magnitude = Math.Abs(v);
            if (magnitude < MinMagnitude)
            {
                continue;
            }

            var index = Index(magnitude, buckets);
            var negative = v < 0;
            tagged[count++] = ((long)index << 1) | (negative ? 1L : 0L);
            if (negative)
            {
                range.MinNegative = Math.Min(range.MinNegative, index);
                range.MaxNegative = Math.Max(range.MaxNegative, index);
            }
            else
            {
                range.MinPositive = Math.Min(range.MinPositive, index);
                range.MaxPositive = Math.Max(range.MaxPositive, index);
            }
        }

        return count;
    }

    /// <summary>
    /// <see cref="ClassifyScalar"/> for the whole registers of <paramref name="values"/>: the same
    /// integer operations as <see cref="Index"/> on eight lanes (bucketsPerBinade &lt; 2048, so
    /// M·B fits in 63 bits), the non-zero lanes compressed into <paramref name="tagged"/>.
    /// </summary>
    private static int ClassifyVector(ReadOnlySpan<double> values, int buckets, long[] tagged, ref IndexRange range)
    {
        const long MantissaMask = (1L << 52) - 1;
        var absMask = Vector512.Create(long.MaxValue);
        var maxBits = Vector512.Create(BitConverter.DoubleToInt64Bits(double.MaxValue));
        var mantissaMask = Vector512.Create(MantissaMask);
        var bucketCount = Vector512.Create((long)buckets);
        var bias = Vector512.Create(1023L);
        var minMagnitude = Vector512.Create(MinMagnitude);
        var minPositive = Vector512.Create(long.MaxValue);
        var maxPositive = Vector512.Create(long.MinValue);
        var minNegative = Vector512.Create(long.MaxValue);
        var maxNegative = Vector512.Create(long.MinValue);
        ref var source = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(values);
        ref var destination = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(tagged);
        var count = 0;
        var whole = values.Length - (values.Length % Vector512<long>.Count);
        for (var i = 0; i < whole; i += Vector512<long>.Count)
        {
            var v = Vector512.LoadUnsafe(ref source, (nuint)i);
            if (!Vector512.EqualsAll(v, v))
            {
                throw new ArgumentException("Cannot sketch NaN.", nameof(values));
            }

            var bits = v.AsInt64();
            var magnitude = Vector512.Min(bits & absMask, maxBits);
            var keep = Vector512.GreaterThanOrEqual(magnitude.AsDouble(), minMagnitude).AsInt64();
            var exponent = Vector512.ShiftRightLogical(magnitude, 52) - bias;
            var j = Vector512.ShiftRightLogical(((magnitude & mantissaMask) * bucketCount) + mantissaMask, 52);
            var index = (exponent * bucketCount) + j;
            var negative = Vector512.ShiftRightArithmetic(bits, 63);
            var tag = Vector512.ShiftLeft(index, 1) | (negative & Vector512<long>.One);
            Avx512F.Compress(Vector512<long>.Zero, keep, tag).StoreUnsafe(ref destination, (nuint)count);
            count += System.Numerics.BitOperations.PopCount(keep.ExtractMostSignificantBits());
            var positiveLanes = keep & ~negative;
            var negativeLanes = keep & negative;
            minPositive = Vector512.Min(minPositive, Vector512.ConditionalSelect(positiveLanes, index, Vector512.Create(long.MaxValue)));
            maxPositive = Vector512.Max(maxPositive, Vector512.ConditionalSelect(positiveLanes, index, Vector512.Create(long.MinValue)));
            minNegative = Vector512.Min(minNegative, Vector512.ConditionalSelect(negativeLanes, index, Vector512.Create(long.MaxValue)));
            maxNegative = Vector512.Max(maxNegative, Vector512.ConditionalSelect(negativeLanes, index, Vector512.Create(long.MinValue)));
        }

        for (var lane = 0; lane < Vector512<long>.Count; lane++)
        {
            // Untouched lanes keep ±long.MaxValue, which the int range below never reaches.
            range.MinPositive = (int)Math.Min(range.MinPositive, minPositive.GetElement(lane));
            range.MaxPositive = (int)Math.Max(range.MaxPositive, maxPositive.GetElement(lane));
            range.MinNegative = (int)Math.Min(range.MinNegative, minNegative.GetElement(lane));
            range.MaxNegative = (int)Math.Max(range.MaxNegative, maxNegative.GetElement(lane));
        }

        return count;
    }

    /// <summary>Restores a sketch from its buckets (shard files).</summary>
    public static QuantileSketch FromBuckets(double accuracy, long zeroCount, int[] positiveIndices, long[] positiveCounts, int[] negativeIndices, long[] negativeCounts)
    {
        ArgumentNullException.ThrowIfNull(positiveIndices);
        ArgumentNullException.ThrowIfNull(positiveCounts);
        ArgumentNullException.ThrowIfNull(negativeIndices);
        ArgumentNullException.ThrowIfNull(negativeCounts);
        if (positiveIndices.Length != positiveCounts.Length || negativeIndices.Length != negativeCounts.Length)
        {
            throw new ArgumentException("Bucket indices and counts differ in length.", nameof(positiveCounts));
        }

        return Encode(accuracy, zeroCount, positiveIndices, positiveCounts, negativeIndices, negativeCounts);
    }

    /// <summary>The sketch of the union of the two samples.</summary>
    public static QuantileSketch Merge(QuantileSketch a, QuantileSketch b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Accuracy != b.Accuracy)
        {
            throw new ArgumentException($"Cannot merge sketches of accuracy {a.Accuracy} and {b.Accuracy}.", nameof(b));
        }

        // Decoded for the merge only, not kept: the inputs (a shard's sketches) are merged once.
        var da = a._decoded ?? a.DecodeAll();
        var db = b._decoded ?? b.DecodeAll();
        var (pi, pc) = MergeBuckets(da.PositiveIndex, da.PositiveCount, db.PositiveIndex, db.PositiveCount);
        var (ni, nc) = MergeBuckets(da.NegativeIndex, da.NegativeCount, db.NegativeIndex, db.NegativeCount);
        return Encode(a.Accuracy, a.ZeroCount + b.ZeroCount, pi, pc, ni, nc);
    }

    /// <summary>The estimate of the k-th smallest value (0-based rank), within α·|x₍ₖ₎| of the exact order statistic.</summary>
    public double OrderStatistic(long rank)
    {
        if (rank < 0 || rank >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"Rank must lie in [0, {Count}).");
        }

        var d = Decode();
        var seen = 0L;
        for (var i = d.NegativeIndex.Length - 1; i >= 0; i--)
        {
            seen += d.NegativeCount[i];
            if (rank < seen)
            {
                return -Representative(d.NegativeIndex[i]);
            }
        }

        seen += ZeroCount;
        if (rank < seen)
        {
            return 0;
        }

        for (var i = 0; i < d.PositiveIndex.Length; i++)
        {
            seen += d.PositiveCount[i];
            if (rank < seen)
            {
                return Representative(d.PositiveIndex[i]);
            }
        }

        throw new InvalidOperationException("Bucket counts do not add up to the sketch's count.");
    }

    /// <summary>Type-7 quantile from the estimated order statistics, as <see cref="SampleSummary"/> computes it from exact ones.</summary>
    public double Quantile(double p)
    {
        var h = (Count - 1) * p;
        var j = (long)Math.Floor(h);
        var lower = OrderStatistic(j);
        return j + 1 < Count ? lower + ((h - j) * (OrderStatistic(j + 1) - lower)) : lower;
    }

    /// <summary>Mean of the ⌈n·share⌉ largest values (TVaR99 for share 0.01), from the bucket representatives.</summary>
    public double TailMean(double share = 0.01)
    {
        var d = Decode();
        var k = (long)Math.Ceiling(Count * share);
        var remaining = k;
        var sum = 0.0;
        for (var i = d.PositiveIndex.Length - 1; i >= 0 && remaining > 0; i--)
        {
            var take = Math.Min(d.PositiveCount[i], remaining);
            sum += take * Representative(d.PositiveIndex[i]);
            remaining -= take;
        }

        remaining -= Math.Min(ZeroCount, remaining);
        for (var i = 0; i < d.NegativeIndex.Length && remaining > 0; i++)
        {
            var take = Math.Min(d.NegativeCount[i], remaining);
            sum -= take * Representative(d.NegativeIndex[i]);
            remaining -= take;
        }

        return sum / k;
    }

    /// <summary>B = ⌈(1 − α)/(2α)⌉: the fewest buckets per binade with 1/(2B + 1) ≤ α.</summary>
    internal static int BucketsPerBinade(double accuracy)
    {
        var buckets = Math.Ceiling((1 - accuracy) / (2 * accuracy));
        if (buckets > int.MaxValue / 1100)
        {
            throw new ArgumentOutOfRangeException(nameof(accuracy), accuracy, "The relative accuracy is too fine for the sketch's bucket index.");
        }

        return Math.Max(1, (int)buckets);
    }

    /// <summary>
    /// The bucket e·B + ⌈M·B/2⁵²⌉ of a magnitude ≥ <see cref="MinMagnitude"/> (normal, so
    /// |x| = 2ᵉ·(1 + M/2⁵²)); +∞ counts as <see cref="double.MaxValue"/>.
    /// </summary>
    internal static int Index(double magnitude, int bucketsPerBinade)
    {
        const long MantissaMask = (1L << 52) - 1;
        var bits = BitConverter.DoubleToInt64Bits(Math.Min(magnitude, double.MaxValue));
        var exponent = (int)(bits >> 52) - 1023;
        var mantissa = bits & MantissaMask;

        // M·B < 2⁶³ while B < 2¹¹ (α > 2.4e−4); finer sketches take the 128-bit product.
        var j = bucketsPerBinade < 2048
            ? (int)(((mantissa * bucketsPerBinade) + MantissaMask) >> 52)
            : (int)((((UInt128)(ulong)mantissa * (ulong)bucketsPerBinade) + MantissaMask) >> 52);
        return (exponent * bucketsPerBinade) + j;
    }

    /// <summary>2·lo·hi/(lo + hi) of bucket (lo, hi]; see the class summary.</summary>
    internal static double Representative(int index, int bucketsPerBinade)
    {
        var exponent = (int)Math.Floor((index - 1) / (double)bucketsPerBinade);
        var j = index - (exponent * bucketsPerBinade);
        var lo = 1 + ((j - 1) / (double)bucketsPerBinade);
        var hi = 1 + (j / (double)bucketsPerBinade);
        return Math.ScaleB(2 * lo * hi / (lo + hi), exponent);
    }

    private double Representative(int index) => Representative(index, _bucketsPerBinade);

    /// <summary>The sketch of dense counts: positive bucket <c>positiveFirst + i</c> holds <c>positive[i]</c>, likewise the negative ones; empty buckets are left out.</summary>
    private static QuantileSketch Encode(double accuracy, long zeroCount, ReadOnlySpan<long> positive, int positiveFirst, ReadOnlySpan<long> negative, int negativeFirst, long nonZeroCount)
    {
        var bound = BucketCode.MaxBytesPerBucket * Math.Min(positive.Length + negative.Length, Math.Max(nonZeroCount, 1));
        var buffer = ArrayPool<byte>.Shared.Rent((int)bound);
        try
        {
            var (positiveBuckets, negativeStart) = EncodeDense(positive, positiveFirst, buffer, 0);
            var (negativeBuckets, end) = EncodeDense(negative, negativeFirst, buffer, negativeStart);
            return new QuantileSketch(accuracy, zeroCount, buffer.AsSpan(0, end).ToArray(), positiveBuckets, negativeBuckets, negativeStart, nonZeroCount);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The sketch of bucket arrays (indices strictly increasing, counts ≥ 0).</summary>
    /// <exception cref="ArgumentException">Indices that do not increase, or a negative count.</exception>
    private static QuantileSketch Encode(double accuracy, long zeroCount, int[] positiveIndices, long[] positiveCounts, int[] negativeIndices, long[] negativeCounts)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BucketCode.MaxBytesPerBucket * (positiveIndices.Length + negativeIndices.Length));
        try
        {
            var nonZero = 0L;
            var negativeStart = EncodeBuckets(positiveIndices, positiveCounts, buffer, 0, ref nonZero);
            var end = EncodeBuckets(negativeIndices, negativeCounts, buffer, negativeStart, ref nonZero);
            return new QuantileSketch(accuracy, zeroCount, buffer.AsSpan(0, end).ToArray(), positiveIndices.Length, negativeIndices.Length, negativeStart, nonZero);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes the non-empty buckets of <paramref name="dense"/> (bucket <paramref name="first"/> + i) from <paramref name="position"/>; returns how many and the position after them.</summary>
    private static (int Buckets, int End) EncodeDense(ReadOnlySpan<long> dense, int first, Span<byte> destination, int position)
    {
        var buckets = 0;
        var previous = 0;
        for (var i = 0; i < dense.Length; i++)
        {
            if (dense[i] > 0)
            {
                position = WriteBucket(destination, position, buckets++ == 0, first + i, previous, dense[i]);
                previous = first + i;
            }
        }

        return (buckets, position);
    }

    /// <summary>Writes the buckets from <paramref name="position"/>, adds their counts to <paramref name="total"/>; returns the position after them.</summary>
    private static int EncodeBuckets(int[] indices, long[] counts, Span<byte> destination, int position, ref long total)
    {
        for (var i = 0; i < indices.Length; i++)
        {
            if (i > 0 && indices[i] <= indices[i - 1])
            {
                throw new ArgumentException($"Bucket indices must increase: {indices[i - 1]} then {indices[i]} at {i}.", nameof(indices));
            }

            if (counts[i] < 0)
            {
                throw new ArgumentException($"Bucket count {counts[i]} at {i} is negative.", nameof(counts));
            }

            position = WriteBucket(destination, position, i == 0, indices[i], i == 0 ? 0 : indices[i - 1], counts[i]);
            total += counts[i];
        }

        return position;
    }

    /// <summary>One bucket: its index (the sign's first) or its step from <paramref name="previous"/>, then its count.</summary>
    private static int WriteBucket(Span<byte> destination, int position, bool first, int index, int previous, long count)
    {
        position = first ? BucketCode.WriteFirst(destination, position, index) : BucketCode.Write(destination, position, (ulong)((long)index - previous));
        return BucketCode.Write(destination, position, (ulong)count);
    }

    /// <summary>The <paramref name="buckets"/> buckets of one sign from byte <paramref name="position"/>.</summary>
    private (int[] Indices, long[] Counts) DecodeSign(int position, int buckets)
    {
        var indices = new int[buckets];
        var counts = new long[buckets];
        var index = 0;
        for (var i = 0; i < buckets; i++)
        {
            index = i == 0 ? BucketCode.ReadFirst(_buckets, ref position) : index + (int)BucketCode.Read(_buckets, ref position);
            indices[i] = index;
            counts[i] = (long)BucketCode.Read(_buckets, ref position);
        }

        return (indices, counts);
    }

    /// <summary>The buckets as arrays for the queries, decoded once (a race decodes twice, to equal arrays).</summary>
    private Decoded Decode()
    {
        if (_decoded is { } decoded)
        {
            return decoded;
        }

        decoded = DecodeAll();
        _decoded = decoded;
        return decoded;
    }

    private Decoded DecodeAll()
    {
        var (pi, pc) = DecodeSign(0, _positiveBuckets);
        var (ni, nc) = DecodeSign(_negativeStart, _negativeBuckets);
        return new Decoded(pi, pc, ni, nc);
    }

    private sealed record Decoded(int[] PositiveIndex, long[] PositiveCount, int[] NegativeIndex, long[] NegativeCount);

    private static (int[] Indices, long[] Counts) MergeBuckets(int[] ai, long[] ac, int[] bi, long[] bc)
    {
        var indices = new List<int>(ai.Length + bi.Length);
        var counts = new List<long>(ai.Length + bi.Length);
        int x = 0, y = 0;
        while (x < ai.Length || y < bi.Length)
        {
            if (y >= bi.Length || (x < ai.Length && ai[x] < bi[y]))
            {
                indices.Add(ai[x]);
                counts.Add(ac[x++]);
            }
            else if (x >= ai.Length || bi[y] < ai[x])
            {
                indices.Add(bi[y]);
                counts.Add(bc[y++]);
            }
            else
            {
                indices.Add(ai[x]);
                counts.Add(ac[x++] + bc[y++]);
            }
        }

        return ([.. indices], [.. counts]);
    }

    /// <summary>The bucket index range seen so far per sign (empty: min &gt; max).</summary>
    private struct IndexRange()
    {
        public int MinPositive = int.MaxValue;
        public int MaxPositive = int.MinValue;
        public int MinNegative = int.MaxValue;
        public int MaxNegative = int.MinValue;
    }
}
