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

    [Theory]
    [InlineData(0, 0UL)]
    [InlineData(-1, 1UL)]
    [InlineData(1, 2UL)]
    [InlineData(-2, 3UL)]
    [InlineData(int.MaxValue, 4294967294UL)]
    [InlineData(int.MinValue, 4294967295UL)]
    public void Zig_zag_maps_small_magnitudes_of_either_sign_to_small_codes(int value, ulong code)
    {
        BucketCode.ZigZag(value).Should().Be(code);
        BucketCode.UnZigZag(code).Should().Be(value);
    }

    [Fact]
    public void A_sketch_keeps_extreme_indices_and_counts()
    {
        // The first index of a sign may be any int (zig-zag), later steps up to 2³² − 1, counts any long ≥ 0.
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
