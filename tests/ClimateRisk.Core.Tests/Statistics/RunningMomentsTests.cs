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

    [Theory]
    [InlineData(16, 0.0)]
    [InlineData(17, 0.0)]
    [InlineData(1000, 0.0)]
    [InlineData(10007, 1e9)]
    public void The_sums_are_sixteen_lanes_added_pairwise_on_any_hardware(int n, double shift)
    {
        // The order written out in scalar code: lane j adds x[j], x[j + 16], … ; the four
        // registers of four lanes are combined (r₀ + r₁) + (r₂ + r₃), their lanes (l₀ + l₁) +
        // (l₂ + l₃), then the remainder in order. A machine without AVX2 (ARM64) must give these
        // bits too, so a run's means do not depend on the hardware.
        var random = new System.Random(n);
        var values = Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 1e6) + (random.Next(3) == 0 ? 1e12 : 0)).ToArray();
        var deviationLanes = new double[16];
        var squareLanes = new double[16];
        var i = 0;
        for (; i <= n - 16; i += 16)
        {
            for (var lane = 0; lane < 16; lane++)
            {
                var a = values[i + lane] - shift;
                deviationLanes[lane] += a;
                squareLanes[lane] += a * a;
            }
        }

        double Combine(double[] l)
        {
            var r = new double[4];
            for (var lane = 0; lane < 4; lane++)
            {
                r[lane] = (l[lane] + l[4 + lane]) + (l[8 + lane] + l[12 + lane]);
            }

            return (r[0] + r[1]) + (r[2] + r[3]);
        }

        var deviations = Combine(deviationLanes);
        var squares = Combine(squareLanes);
        for (; i < n; i++)
        {
            var a = values[i] - shift;
            deviations += a;
            squares += a * a;
        }

        var sumOfSquares = RunningMoments.SumAbout(values, shift, out var sumOfDeviations);
        BitConverter.DoubleToInt64Bits(sumOfDeviations).Should().Be(BitConverter.DoubleToInt64Bits(deviations));
        BitConverter.DoubleToInt64Bits(sumOfSquares).Should().Be(BitConverter.DoubleToInt64Bits(squares));
    }

    [Fact]
    public void A_whole_sample_with_NaN_or_infinity_has_NaN_moments()
    {
        double.IsNaN(RunningMoments.Of([1.0, double.NaN, 3.0]).Mean).Should().BeTrue();
        double.IsNaN(RunningMoments.Of(Enumerable.Repeat(2.0, 40).Append(double.PositiveInfinity).ToArray()).Variance).Should().BeTrue();
    }
}
