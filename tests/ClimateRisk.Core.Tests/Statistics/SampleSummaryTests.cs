using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Tests.Statistics;

public class SampleSummaryTests
{
    /// <summary>Independent reference: full sort, then Hyndman–Fan type 7.</summary>
    private static double Type7(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(99, 4)]
    [InlineData(100, 5)]
    [InlineData(101, 6)]
    [InlineData(257, 7)]
    [InlineData(1000, 8)]
    [InlineData(20_000, 9)]
    public void Matches_a_sort_based_reference_for_quantiles_tvar_and_moments(int n, int seed)
    {
        var random = new System.Random(seed);
        // Ties and a point mass at zero, like a loss distribution.
        var values = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.6 ? 0.0 : Math.Round(Math.Exp(3 * random.NextDouble()), 1)).ToArray();
        var original = (double[])values.Clone();
        var stats = SampleSummary.Summarize(values, threshold: 2.0, new double[n]);

        values.Should().Equal(original, "the input is not modified");
        var sorted = values.Order().ToArray();
        stats.P5.Should().Be(Type7(sorted, 0.05));
        stats.P25.Should().Be(Type7(sorted, 0.25));
        stats.P50.Should().Be(Type7(sorted, 0.50));
        stats.P75.Should().Be(Type7(sorted, 0.75));
        stats.P95.Should().Be(Type7(sorted, 0.95));
        stats.P99.Should().Be(Type7(sorted, 0.99));
        var k = (int)Math.Ceiling(n / 100.0);
        stats.TVaR99.Should().BeApproximately(sorted[^k..].Average(), 1e-12 * Math.Max(1, sorted[^1]));
        stats.Mean.Should().BeApproximately(values.Average(), 1e-12 * Math.Max(1, sorted[^1]));
        if (n > 1)
        {
            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
            stats.StandardDeviation.Should().BeApproximately(sd, 1e-10 * Math.Max(1, sd));
            stats.StandardError.Should().BeApproximately(sd / Math.Sqrt(n), 1e-10 * Math.Max(1, sd));
        }

        stats.PExceed.Should().Be(values.Count(v => v > 2.0) / (double)n);
        stats.P5.Should().BeLessThanOrEqualTo(stats.P50);
        stats.P50.Should().BeLessThanOrEqualTo(stats.P95);
        stats.P95.Should().BeLessThanOrEqualTo(stats.P99);
        stats.P99.Should().BeLessThanOrEqualTo(stats.TVaR99);
    }

    [Fact]
    public void A_constant_sample_has_zero_spread_and_NaN_threshold_gives_NaN_exceedance()
    {
        var stats = SampleSummary.Summarize(new double[] { 4, 4, 4 }, double.NaN, new double[3]);
        stats.Should().BeEquivalentTo(new CellStatistics
        {
            Count = 3, Mean = 4, StandardError = 0, StandardDeviation = 0, P5 = 4, P25 = 4, P50 = 4, P75 = 4, P95 = 4, P99 = 4, TVaR99 = 4, PExceed = double.NaN,
        });
    }

    [Fact]
    public void Quantiles_on_one_to_ten_match_numpy_linear_interpolation()
    {
        // numpy.quantile(np.arange(1, 11), [0.05, 0.5, 0.95, 0.99]) = [1.45, 5.5, 9.55, 9.91]
        var values = Enumerable.Range(1, 10).Select(i => (double)i).Reverse().ToArray();
        var result = new double[4];
        SampleSummary.Quantiles(values, [0.05, 0.5, 0.95, 0.99], result);
        result[0].Should().BeApproximately(1.45, 1e-12);
        result[1].Should().BeApproximately(5.5, 1e-12);
        result[2].Should().BeApproximately(9.55, 1e-12);
        result[3].Should().BeApproximately(9.91, 1e-12);
    }
}
