using ClimateRisk.Core.Statistics;
using ClimateRisk.Core.Statistics.Internal;

namespace ClimateRisk.Core.Tests.Statistics.Internal;

public class BucketCodeTests
{
    [Theory]
    [InlineData(0UL, 1)]
    [InlineData(127UL, 1)]
    [InlineData(128UL, 2)]
    [InlineData(16383UL, 2)]
    [InlineData(16384UL, 3)]
    [InlineData((ulong)long.MaxValue, 9)]
    [InlineData(ulong.MaxValue, 10)]
    public void Integers_round_trip_in_seven_bit_groups(ulong value, int bytes)
    {
        var buffer = new byte[BucketCode.MaxBytesPerBucket];
        var end = BucketCode.Write(buffer, 3, value);
        (end - 3).Should().Be(bytes);
        var position = 3;
        BucketCode.Read(buffer, ref position).Should().Be(value);
        position.Should().Be(end);
    }

    [Fact]
    public void Encoded_buckets_are_the_bytes_BinaryWriter_writes_for_the_shard_file()
    {
        // The shard file's sections (ShardFile, CRSHARD3) were written bucket by bucket: the first
        // index with Write(int), then Write7BitEncodedInt(step) and Write7BitEncodedInt64(count).
        int[] indices = [-3_000, -2_999, -2_990, 17, 100_000];
        long[] counts = [1, 127, 128, 1L << 35, 0];
        var sketch = QuantileSketch.FromBuckets(QuantileSketch.DefaultAccuracy, 0, indices, counts, [5], [3]);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            for (var i = 0; i < indices.Length; i++)
            {
                if (i == 0)
                {
                    w.Write(indices[0]);
                }
                else
                {
                    w.Write7BitEncodedInt(indices[i] - indices[i - 1]);
                }

                w.Write7BitEncodedInt64(counts[i]);
            }
        }

        sketch.EncodedPositiveBuckets.ToArray().Should().Equal(stream.ToArray());
        sketch.PositiveBucketCount.Should().Be(5);
        sketch.EncodedNegativeBuckets.ToArray().Should().Equal([5, 0, 0, 0, 3]);
        sketch.NegativeBucketCount.Should().Be(1);
    }

    [Fact]
    public void A_sketch_keeps_extreme_indices_and_counts()
    {
        // The first index of a sign may be any int, later steps up to 2³² − 1, counts any long ≥ 0.
        int[] positive = [int.MinValue, -1, 0, int.MaxValue];
        long[] positiveCounts = [1, 0, long.MaxValue / 4, 127];
        int[] negative = [-5, 300_000];
        long[] negativeCounts = [128, 1L << 40];
        var sketch = QuantileSketch.FromBuckets(QuantileSketch.DefaultAccuracy, 7, positive, positiveCounts, negative, negativeCounts);
        sketch.PositiveIndices.ToArray().Should().Equal(positive);
        sketch.PositiveCounts.ToArray().Should().Equal(positiveCounts);
        sketch.NegativeIndices.ToArray().Should().Equal(negative);
        sketch.NegativeCounts.ToArray().Should().Equal(negativeCounts);
        sketch.Count.Should().Be(7 + 1 + (long.MaxValue / 4) + 127 + 128 + (1L << 40));
    }

    [Fact]
    public void Indices_that_do_not_increase_are_refused()
    {
        var act = () => QuantileSketch.FromBuckets(QuantileSketch.DefaultAccuracy, 0, [3, 3], [1, 1], [], []);
        act.Should().Throw<ArgumentException>().WithMessage("*must increase*");
    }
}
