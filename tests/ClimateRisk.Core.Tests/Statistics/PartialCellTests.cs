using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Tests.Statistics;

/// <summary>
/// <see cref="PartialCell.From"/> against the plain reading of its definition: the moments of
/// <see cref="RunningMoments.Of"/>, a value-by-value count above the threshold, and
/// <see cref="QuantileSketch.Build"/> — bit for bit, including the all-zero shortcut.
/// </summary>
public class PartialCellTests
{
    public static TheoryData<string, int, double> Cases()
    {
        var data = new TheoryData<string, int, double>();
        foreach (var kind in new[] { "zeros", "negative zeros", "zeros and one", "loss", "constant", "two signs" })
        {
            foreach (var n in new[] { 1, 3, 4, 5, 16, 17, 31, 33, 1_000 })
            {
                foreach (var threshold in new[] { double.NaN, -1.0, 0.0, 5.0 })
                {
                    data.Add(kind, n, threshold);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_cell_summary_equals_its_definition_bit_for_bit(string kind, int n, double threshold)
    {
        var random = new System.Random(n);
        var values = kind switch
        {
            "zeros" => new double[n],
            "negative zeros" => Enumerable.Repeat(-0.0, n).ToArray(),
            "zeros and one" => Enumerable.Range(0, n).Select(i => i == n / 2 ? 7.5 : 0.0).ToArray(),
            "loss" => Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.6 ? 0.0 : Math.Exp(random.NextDouble() * 10)).ToArray(),
            "two signs" => Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.4) * 1e7).ToArray(),
            _ => Enumerable.Repeat(1.35, n).ToArray(),
        };

        var cell = PartialCell.From(values, threshold);

        var moments = RunningMoments.Of(values);
        var sketch = QuantileSketch.Build(values);
        cell.Moments.Count.Should().Be(moments.Count);
        BitConverter.DoubleToInt64Bits(cell.Moments.Mean).Should().Be(BitConverter.DoubleToInt64Bits(moments.Mean));
        BitConverter.DoubleToInt64Bits(cell.Moments.SumOfSquaredDeviations).Should().Be(BitConverter.DoubleToInt64Bits(moments.SumOfSquaredDeviations));
        cell.ExceedCount.Should().Be(values.Count(v => v > threshold));
        cell.HasThreshold.Should().Be(!double.IsNaN(threshold));
        cell.Sketch.Count.Should().Be(sketch.Count);
        cell.Sketch.ZeroCount.Should().Be(sketch.ZeroCount);
        cell.Sketch.Accuracy.Should().Be(sketch.Accuracy);
        cell.Sketch.PositiveIndices.ToArray().Should().Equal(sketch.PositiveIndices.ToArray());
        cell.Sketch.PositiveCounts.ToArray().Should().Equal(sketch.PositiveCounts.ToArray());
        cell.Sketch.NegativeIndices.ToArray().Should().Equal(sketch.NegativeIndices.ToArray());
        cell.Sketch.NegativeCounts.ToArray().Should().Equal(sketch.NegativeCounts.ToArray());
    }

    [Fact]
    public void A_repeated_value_settled_unread_is_its_cell_summary_bit_for_bit()
    {
        // −0.0 and +0.0 in one list: as InlineData they are the same value to xUnit.
        foreach (var value in new[] { 0.1, 1.35, -2.5, 1e-12, -0.0, 0.0, 7e300, 812.5000000000001 })
        {
            Check(value);
        }
    }

    private static void Check(double value)
    {
        foreach (var n in new[] { 1, 3, 15, 16, 17, 31, 33, 1_000, 25_000 })
        {
            foreach (var threshold in new[] { double.NaN, -1.0, 0.0, 1.0 })
            {
                // The definition read value by value (From settles such a cell by OfRepeated itself).
                var values = Enumerable.Repeat(value, n).ToArray();
                var moments = RunningMoments.Of(values);
                var sketch = QuantileSketch.Build(values);
                var settled = PartialCell.OfRepeated(value, n, threshold);
                var because = $"{value} × {n}, threshold {threshold}";
                settled.Moments.Count.Should().Be(moments.Count, because);
                BitConverter.DoubleToInt64Bits(settled.Moments.Mean).Should().Be(BitConverter.DoubleToInt64Bits(moments.Mean), because);
                BitConverter.DoubleToInt64Bits(settled.Moments.SumOfSquaredDeviations).Should().Be(BitConverter.DoubleToInt64Bits(moments.SumOfSquaredDeviations), because);
                settled.ExceedCount.Should().Be(values.Count(v => v > threshold), because);
                settled.HasThreshold.Should().Be(!double.IsNaN(threshold), because);
                settled.Sketch.Count.Should().Be(sketch.Count, because);
                settled.Sketch.ZeroCount.Should().Be(sketch.ZeroCount, because);
                settled.Sketch.PositiveIndices.ToArray().Should().Equal(sketch.PositiveIndices.ToArray(), because);
                settled.Sketch.PositiveCounts.ToArray().Should().Equal(sketch.PositiveCounts.ToArray(), because);
                settled.Sketch.NegativeIndices.ToArray().Should().Equal(sketch.NegativeIndices.ToArray(), because);
                settled.Sketch.NegativeCounts.ToArray().Should().Equal(sketch.NegativeCounts.ToArray(), because);
            }
        }
    }
}
