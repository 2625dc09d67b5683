using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Tests.Statistics;

public class RunningMomentsTests
{
    [Fact]
    public void Combining_shards_equals_one_pass_and_the_two_pass_formula()
    {
        var random = new System.Random(11);
        var values = Enumerable.Range(0, 10_001).Select(_ => 1e6 + (1000 * random.NextDouble())).ToArray();
        var whole = default(RunningMoments);
        foreach (var v in values)
        {
            whole.Push(v);
        }

        var combined = default(RunningMoments);
        foreach (var shard in values.Chunk(777))
        {
            var part = default(RunningMoments);
            foreach (var v in shard)
            {
                part.Push(v);
            }

            combined = RunningMoments.Combine(combined, part);
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        combined.Count.Should().Be(values.Length);
        combined.Mean.Should().BeApproximately(mean, 1e-12 * mean);
        whole.Mean.Should().BeApproximately(mean, 1e-12 * mean);
        combined.Variance.Should().BeApproximately(variance, 1e-9 * variance);
        whole.Variance.Should().BeApproximately(variance, 1e-9 * variance);
    }

    [Fact]
    public void Combining_with_an_empty_accumulator_is_the_identity()
    {
        var a = default(RunningMoments);
        a.Push(2);
        a.Push(4);
        RunningMoments.Combine(a, default).Should().Be(a);
        RunningMoments.Combine(default, a).Should().Be(a);
        a.Mean.Should().Be(3);
        a.Variance.Should().Be(2);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 1.0)]
    [InlineData(15, 1.0)]
    [InlineData(16, 1.0)]
    [InlineData(17, 1.0)]
    [InlineData(10_007, 1.0)]
    [InlineData(10_007, 1e9)]
    public void A_whole_sample_at_once_matches_exact_rational_arithmetic(int n, double offset)
    {
        // Reference in exact rational arithmetic: every value here is ≥ 1 or 0, so v·2⁶⁰ is an
        // integer; mean = ΣX/(n·2⁶⁰), M2 = (nΣX² − (ΣX)²)/(n·2¹²⁰). The offset case defeats the
        // naive Σx² − n·mean² formula in doubles.
        var random = new System.Random(n + 3);
        var values = Enumerable.Range(0, n).Select(_ => offset + (random.NextDouble() < 0.5 ? 0 : Math.Exp(8 * random.NextDouble()))).ToArray();
        var moments = RunningMoments.Of(values);
        moments.Count.Should().Be(n);
        if (n == 0)
        {
            double.IsNaN(moments.Mean).Should().BeTrue();
            return;
        }

        var scaled = values.Select(v => new System.Numerics.BigInteger(Math.ScaleB(v, 60))).ToArray();
        var sum = scaled.Aggregate(System.Numerics.BigInteger.Zero, (a, x) => a + x);
        var sumSquares = scaled.Aggregate(System.Numerics.BigInteger.Zero, (a, x) => a + (x * x));
        var exactMean = Math.ScaleB((double)sum / n, -60);
        var exactM2 = Math.ScaleB((double)((n * sumSquares) - (sum * sum)) / n, -120);
        moments.Mean.Should().BeApproximately(exactMean, 2e-15 * Math.Abs(exactMean));
        moments.SumOfSquaredDeviations.Should().BeApproximately(exactM2, (1e-13 * exactM2) + 1e-300);

        var welford = default(RunningMoments);
        foreach (var v in values)
        {
            welford.Push(v);
        }

        // Mergeable with Push-built and shard moments alike.
        var first = RunningMoments.Of(values.AsSpan(0, n / 3));
        var second = RunningMoments.Of(values.AsSpan(n / 3));
        var combined = RunningMoments.Combine(first, second);
        combined.Mean.Should().BeApproximately(exactMean, 2e-15 * Math.Abs(exactMean));

        // Combining adds δ²·n_a·n_b/n with δ the difference of the parts' means, each rounded to
        // about one ulp: an error of up to 2|δ|·2ulp(mean)·n_a·n_b/n on top of the parts' own.
        var delta = n < 3 ? 0 : Math.Abs(second.Mean - first.Mean);
        var combineError = 4 * delta * (Math.BitIncrement(Math.Abs(exactMean)) - Math.Abs(exactMean)) * first.Count * second.Count / Math.Max(n, 1);
        combined.SumOfSquaredDeviations.Should().BeApproximately(exactM2, (1e-13 * exactM2) + combineError + 1e-300);
        welford.Mean.Should().BeApproximately(exactMean, 1e-13 * Math.Abs(exactMean));
    }

    [Fact]
    public void A_whole_sample_with_NaN_or_infinity_has_NaN_moments()
    {
        double.IsNaN(RunningMoments.Of([1.0, double.NaN, 3.0]).Mean).Should().BeTrue();
        double.IsNaN(RunningMoments.Of(Enumerable.Repeat(2.0, 40).Append(double.PositiveInfinity).ToArray()).Variance).Should().BeTrue();
    }
}
