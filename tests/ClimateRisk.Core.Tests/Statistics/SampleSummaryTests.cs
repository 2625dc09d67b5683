using ClimateRisk.Core.Numerics.Internal;
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
        SampleSummary.Quantiles(values, [0.05, 0.5, 0.95, 0.99], result, new double[values.Length]);
        result[0].Should().BeApproximately(1.45, 1e-12);
        result[1].Should().BeApproximately(5.5, 1e-12);
        result[2].Should().BeApproximately(9.55, 1e-12);
        result[3].Should().BeApproximately(9.91, 1e-12);
    }
}

public class SampleSummarySelectionTests
{
    /// <summary>Shapes that stress the pivot and the tie handling of the selection.</summary>
    public static TheoryData<string, int> Shapes()
    {
        var data = new TheoryData<string, int>();
        foreach (var shape in new[] { "loss", "signed", "continuous", "ties", "sorted", "reversed", "one-outlier", "zeros-both-signs", "infinite", "one-negative-last" })
        {
            foreach (var n in new[] { 2, 31, 32, 33, 100, 1000, 100_000 })
            {
                data.Add(shape, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Quantiles_and_tvar_equal_a_full_sort_exactly(string shape, int n)
    {
        var random = new System.Random(n);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            values[i] = shape switch
            {
                "loss" => u < 0.6 ? 0.0 : Math.Exp(12 + (3 * random.NextDouble())),
                "signed" => u < 0.3 ? 0.0 : (u < 0.5 ? -Math.Exp(5 * random.NextDouble()) : Math.Exp(5 * random.NextDouble())),
                "continuous" => 1.3 + (0.05 * (u - 0.5)),
                "ties" => Math.Floor(u * 7) * 1.5,
                "sorted" => i,
                "reversed" => n - i,
                "one-outlier" => i == n / 2 ? 1e300 : 4.0,
                "zeros-both-signs" => u < 0.5 ? 0.0 : (u < 0.9 ? -0.0 : u),
                "infinite" => u < 0.01 ? double.PositiveInfinity : (u < 0.02 ? double.NegativeInfinity : u),
                // The census counts negatives only when its smallest key shows one: here the last value, in the vector steps or the scalar rest.
                "one-negative-last" => i == n - 1 ? -u : u,
                _ => throw new ArgumentOutOfRangeException(nameof(shape)),
            };
        }

        var stats = SampleSummary.Summarize(values, threshold: 0.5, new double[n + 5]);

        var sorted = values.Order().ToArray();
        var expected = SortedType7(sorted, SampleSummary.Probabilities.ToArray());
        new[] { stats.P5, stats.P25, stats.P50, stats.P75, stats.P95, stats.P99 }.Should().Equal(expected);

        // The exceedance curves' quantiles (by selection too) against the same sorted reference.
        double[] returnPeriodProbabilities = [0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999, 1];
        var curve = new double[returnPeriodProbabilities.Length];
        var before = (double[])values.Clone();
        SampleSummary.Quantiles(values, returnPeriodProbabilities, curve, new double[n]);
        values.Should().Equal(before, "the values are read where they are");
        curve.Should().Equal(SortedType7(sorted, returnPeriodProbabilities));
        var k = (int)Math.Ceiling(n / 100.0);
        var tailSum = default(ExactSum);
        tailSum.AddRange(sorted.AsSpan(n - k));
        stats.TVaR99.Should().Be(tailSum.Round() / k, "the tail's sum is exact, then rounded");
        stats.PExceed.Should().Be(values.Count(v => v > 0.5) / (double)n);
        stats.Count.Should().Be(n);

        // Without a threshold the census compares nothing against one; the rest is the same.
        var unthresholded = SampleSummary.Summarize(values, threshold: double.NaN, new double[n]);
        unthresholded.Should().Be(stats with { PExceed = double.NaN });
    }

    [Fact]
    public void Moments_are_exactly_those_of_running_moments()
    {
        var random = new System.Random(5);
        var values = Enumerable.Range(0, 10_007).Select(_ => random.NextDouble() < 0.6 ? 0 : Math.Exp(10 * random.NextDouble())).ToArray();
        var moments = RunningMoments.Of(values);

        var stats = SampleSummary.Summarize(values, double.NaN, new double[values.Length]);
        stats.Mean.Should().Be(moments.Mean);
        stats.StandardDeviation.Should().Be(moments.StandardDeviation);
        stats.StandardError.Should().Be(moments.StandardError);
        stats.PExceed.Should().Be(double.NaN);
    }

    [Fact]
    public void Moments_are_bit_for_bit_those_of_running_moments_at_every_length_around_the_vector_steps()
    {
        // The census adds Σx for the moments in RunningMoments.Of's order (steps of sixteen, then the rest).
        var random = new System.Random(17);
        for (var n = 1; n <= 70; n++)
        {
            var values = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.3 ? 0 : 1e6 * Math.Exp(5 * random.NextDouble())).ToArray();
            var moments = RunningMoments.Of(values);
            var stats = SampleSummary.Summarize(values, double.NaN, new double[n]);
            BitConverter.DoubleToInt64Bits(stats.Mean).Should().Be(BitConverter.DoubleToInt64Bits(moments.Mean), $"n = {n}");
            if (n > 1)
            {
                BitConverter.DoubleToInt64Bits(stats.StandardDeviation).Should().Be(BitConverter.DoubleToInt64Bits(moments.StandardDeviation), $"n = {n}");
            }
        }
    }

    [Theory]
    [InlineData("continuous", 17)]
    [InlineData("continuous", 1_000)]
    [InlineData("continuous", 20_003)]
    [InlineData("continuous", 40_001)]
    [InlineData("continuous", 100_000)]
    [InlineData("loss", 1_000)]
    [InlineData("loss", 20_009)]
    [InlineData("loss", 100_000)]
    [InlineData("sparse-loss", 100_015)]
    [InlineData("periodic", 40_000)]
    [InlineData("periodic", 65_543)]
    [InlineData("all-ranks-in-zeros", 50_000)]
    [InlineData("npv", 100_003)]
    [InlineData("npv", 1_001)]
    public void Moments_taken_in_a_selection_pass_are_bit_for_bit_those_of_running_moments(string shape, int n)
    {
        // Σ(x − mean₀) and Σ(x − mean₀)² ride on the selection's first full pass: the histogram
        // (continuous, periodic), the compress of the values above zero (loss, sparse loss), the
        // partition at zero (npv); or,
        // when the zero mass settles every rank, a pass of their own.
        var random = new System.Random(n);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            values[i] = shape switch
            {
                "continuous" => 1.3 + (0.05 * (u - 0.5)) + (1e-3 * random.NextDouble()),
                "loss" => u < 0.6 ? 0 : 1e6 * Math.Exp(5 * random.NextDouble()),
                "sparse-loss" => u < 0.1 ? 0 : 1e3 * Math.Exp(3 * random.NextDouble()),
                "periodic" => i % 8 == 0 ? u : 10 + u,
                "npv" => u < 0.05 ? 0 : (u < 0.4 ? -1e6 * Math.Exp(4 * random.NextDouble()) : 1e6 * Math.Exp(5 * random.NextDouble())),
                _ => u < 0.999 ? 0 : 1e9 * u,
            };
        }

        var moments = RunningMoments.Of(values);
        var stats = SampleSummary.Summarize(values, double.NaN, new double[n]);
        BitConverter.DoubleToInt64Bits(stats.Mean).Should().Be(BitConverter.DoubleToInt64Bits(moments.Mean));
        BitConverter.DoubleToInt64Bits(stats.StandardDeviation).Should().Be(BitConverter.DoubleToInt64Bits(moments.StandardDeviation));
        BitConverter.DoubleToInt64Bits(stats.StandardError).Should().Be(BitConverter.DoubleToInt64Bits(moments.StandardError));
    }

    [Fact]
    public void A_sample_with_NaN_is_summarised_without_hanging_or_throwing()
    {
        var values = new[] { 1.0, double.NaN, 3.0, 0.0, 2.0 };
        var stats = SampleSummary.Summarize(values, 1.0, new double[5]);
        double.IsNaN(stats.Mean).Should().BeTrue();
        stats.PExceed.Should().Be(0.4);
    }

    /// <summary>
    /// The census no longer counts NaN or compares with the first value per value (a NaN shows
    /// in Σx; "all equal" is one key or all ±0): NaN anywhere, in the vector steps or the
    /// scalar rest, still sends the sample to the sort; +∞ with −∞ (Σx NaN, no NaN) does not;
    /// zeros of both signs are still a constant cell; one differing value anywhere is not.
    /// </summary>
    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(100)]
    [InlineData(1001)]
    public void The_census_finds_NaN_infinities_and_constants_wherever_they_are(int n)
    {
        foreach (var at in new[] { 0, 9, n / 2, n - 1 })
        {
            var random = new System.Random(n + at);
            var values = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
            values[at] = double.NaN;
            var stats = SampleSummary.Summarize(values, 0.5, new double[n]);
            var sorted = values.Order().ToArray();
            double.IsNaN(stats.Mean).Should().BeTrue($"NaN at {at} of {n}");
            new[] { stats.P5, stats.P25, stats.P50, stats.P75, stats.P95, stats.P99 }.Should().Equal(SortedType7(sorted, SampleSummary.Probabilities.ToArray()), $"NaN at {at} of {n}");
            stats.PExceed.Should().Be(values.Count(v => v > 0.5) / (double)n);

            values[at] = double.PositiveInfinity;
            values[(at + 1) % n] = double.NegativeInfinity;
            stats = SampleSummary.Summarize(values, 0.5, new double[n]);
            sorted = values.Order().ToArray();
            new[] { stats.P5, stats.P25, stats.P50, stats.P75, stats.P95, stats.P99 }.Should().Equal(SortedType7(sorted, SampleSummary.Probabilities.ToArray()), $"±∞ at {at} of {n}");
            stats.TVaR99.Should().Be(double.PositiveInfinity);

            var zeros = Enumerable.Range(0, n).Select(i => (i * 7) % 3 == 0 ? -0.0 : 0.0).ToArray();
            var first = zeros[0];
            SampleSummary.Summarize(zeros, -1.0, new double[n]).Should().Be(SampleSummary.OfConstant(first, n, -1.0), "zeros of both signs are constant");

            var constant = Enumerable.Repeat(4.25, n).ToArray();
            SampleSummary.Summarize(constant, 4.0, new double[n]).Should().Be(SampleSummary.OfConstant(4.25, n, 4.0));
            constant[at] = Math.BitIncrement(4.25);
            var uneven = SampleSummary.Summarize(constant, 4.0, new double[n]);
            uneven.StandardDeviation.Should().BeGreaterThan(0, $"one value differs at {at} of {n}");
            uneven.TVaR99.Should().Be(((Math.Ceiling(n / 100.0) - 1) * 4.25 + Math.BitIncrement(4.25)) / Math.Ceiling(n / 100.0));
        }
    }

    /// <summary>Type 7 read off a fully sorted copy: the independent reference for the selection.</summary>
    private static double[] SortedType7(double[] sorted, double[] probabilities)
    {
        var n = sorted.Length;
        return probabilities.Select(p =>
        {
            var h = (n - 1) * p;
            var j = (int)Math.Floor(h);
            return j + 1 < n ? sorted[j] + ((h - j) * (sorted[j + 1] - sorted[j])) : sorted[j];
        }).ToArray();
    }
}
