using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Tests.Statistics;

/// <summary>
/// The summaries of a cell the kernel knows to be all +0.0 without a sample to read, against
/// the reducers run on such a sample: bit for bit, with and without a threshold, a threshold
/// on either side of zero and on it.
/// </summary>
public class ZeroCellTests
{
    public static TheoryData<int, double> Cases()
    {
        var data = new TheoryData<int, double>();
        foreach (var n in new[] { 1, 2, 17, 256, 1000, 100_001 })
        {
            foreach (var threshold in new[] { double.NaN, -1.0, 0.0, -0.0, 5e6, double.NegativeInfinity })
            {
                data.Add(n, threshold);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Constant_summary_is_what_summarize_gives_for_n_zeros(int n, double threshold)
    {
        var zeros = new double[n];
        var expected = SampleSummary.Summarize(zeros, threshold, new double[n]);

        var actual = SampleSummary.OfConstant(0.0, n, threshold);

        actual.Should().Be(expected);
        Bits(actual.Mean).Should().Be(Bits(expected.Mean));
        Bits(actual.P99).Should().Be(Bits(expected.P99));
        Bits(actual.TVaR99).Should().Be(Bits(expected.TVaR99));
        Bits(actual.PExceed).Should().Be(Bits(expected.PExceed));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Partial_cell_of_zeros_is_what_from_gives_for_n_zeros(int n, double threshold)
    {
        var expected = PartialCell.From(new double[n], threshold);

        var actual = PartialCell.OfZeros(n, threshold);

        actual.ExceedCount.Should().Be(expected.ExceedCount);
        actual.HasThreshold.Should().Be(expected.HasThreshold);
        actual.Moments.Count.Should().Be(expected.Moments.Count);
        Bits(actual.Moments.Mean).Should().Be(Bits(expected.Moments.Mean));
        Bits(actual.Moments.SumOfSquaredDeviations).Should().Be(Bits(expected.Moments.SumOfSquaredDeviations));
        actual.ToStatistics().Should().Be(expected.ToStatistics());
        actual.Sketch.ZeroCount.Should().Be(n);
        actual.Sketch.PositiveCounts.Length.Should().Be(0);
        actual.Sketch.NegativeCounts.Length.Should().Be(0);
    }

    [Fact]
    public void Constant_summary_refuses_an_empty_cell()
    {
        var act = () => SampleSummary.OfConstant(0.0, 0, double.NaN);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
