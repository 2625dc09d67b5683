using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Tests.Statistics;

public class QuantileSketchTests
{
    private static double[] LossLike(int n, int seed)
    {
        // A point mass at zero, a lognormal body, a few negatives (a cool year's climate energy cost).
        var random = new System.Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var u = random.NextDouble();
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return u < 0.5 ? 0.0 : u < 0.6 ? -Math.Exp(5 + z) : Math.Exp(12 + (2 * z));
        }).ToArray();
    }

    [Fact]
    public void A_shard_sized_loss_sample_keeps_its_buckets_in_about_two_bytes_each()
    {
        // A shard holds every cell's sketch until it writes them (docs/performance.md, seventeenth
        // session): the buckets are kept encoded, not as int and long arrays (12 bytes a bucket).
        // Measured on this sample: 2,052 buckets (1,443 positive, 609 negative) in 4,110 bytes.
        var sketch = QuantileSketch.Build(LossLike(25_000, 17));
        var buckets = sketch.PositiveBucketCount + sketch.NegativeBucketCount;
        var bytes = sketch.EncodedPositiveBuckets.Length + sketch.EncodedNegativeBuckets.Length;
        buckets.Should().BeGreaterThan(1_000);
        bytes.Should().BeLessThan(3 * buckets);
        sketch.PositiveIndices.Length.Should().Be(sketch.PositiveBucketCount);
        sketch.NegativeCounts.Length.Should().Be(sketch.NegativeBucketCount);
    }

    private static double Type7(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var j = (int)Math.Floor(h);
        return j + 1 < sorted.Length ? sorted[j] + ((h - j) * (sorted[j + 1] - sorted[j])) : sorted[j];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void Every_order_statistic_is_within_the_relative_accuracy(int n)
    {
        var values = LossLike(n, n);
        var sketch = QuantileSketch.Build(values);
        var sorted = values.Order().ToArray();
        sketch.Count.Should().Be(n);
        for (var k = 0; k < n; k += Math.Max(1, n / 997))
        {
            var estimate = sketch.OrderStatistic(k);
            Math.Abs(estimate - sorted[k]).Should().BeLessThanOrEqualTo((QuantileSketch.DefaultAccuracy * Math.Abs(sorted[k])) + 1e-9, $"rank {k}");
        }
    }

    [Fact]
    public void Type7_quantiles_and_tvar_of_non_negative_values_are_within_the_relative_accuracy()
    {
        var values = LossLike(50_000, 7).Select(Math.Abs).ToArray();
        var sketch = QuantileSketch.Build(values);
        var sorted = values.Order().ToArray();
        foreach (var p in new[] { 0.05, 0.25, 0.5, 0.75, 0.95, 0.99 })
        {
            var exact = Type7(sorted, p);
            Math.Abs(sketch.Quantile(p) - exact).Should().BeLessThanOrEqualTo(QuantileSketch.DefaultAccuracy * exact + 1e-9, $"p = {p}");
        }

        var tvar = sorted[^500..].Average();
        Math.Abs(sketch.TailMean(0.01) - tvar).Should().BeLessThanOrEqualTo(QuantileSketch.DefaultAccuracy * tvar);
    }

    [Fact]
    public void Shards_merge_to_exactly_the_sketch_of_the_whole_in_any_order()
    {
        var values = LossLike(20_000, 3);
        var whole = QuantileSketch.Build(values);
        var parts = values.Chunk(4_999).Select(c => QuantileSketch.Build(c)).ToArray();
        var forward = parts.Aggregate(QuantileSketch.Merge);
        var backward = parts.Reverse().Aggregate(QuantileSketch.Merge);
        foreach (var merged in new[] { forward, backward })
        {
            merged.Count.Should().Be(whole.Count);
            merged.ZeroCount.Should().Be(whole.ZeroCount);
            merged.PositiveIndices.ToArray().Should().Equal(whole.PositiveIndices.ToArray());
            merged.PositiveCounts.ToArray().Should().Equal(whole.PositiveCounts.ToArray());
            merged.NegativeIndices.ToArray().Should().Equal(whole.NegativeIndices.ToArray());
            merged.NegativeCounts.ToArray().Should().Equal(whole.NegativeCounts.ToArray());
        }
    }

    [Fact]
    public void A_constant_sample_and_restored_buckets_answer_like_the_original()
    {
        var sketch = QuantileSketch.Build(new double[] { 1.35, 1.35, 1.35 });
        Math.Abs(sketch.Quantile(0.5) - 1.35).Should().BeLessThanOrEqualTo(0.005 * 1.35);
        var restored = QuantileSketch.FromBuckets(sketch.Accuracy, sketch.ZeroCount, sketch.PositiveIndices.ToArray(), sketch.PositiveCounts.ToArray(), sketch.NegativeIndices.ToArray(), sketch.NegativeCounts.ToArray());
        restored.Quantile(0.5).Should().Be(sketch.Quantile(0.5));
        QuantileSketch.Build(new double[] { 0, 0 }).Quantile(0.99).Should().Be(0);
    }

    [Fact]
    public void Half_a_percent_takes_100_buckets_per_binade_and_bounds_the_error_by_1_in_201()
    {
        QuantileSketch.BucketsPerBinade(QuantileSketch.DefaultAccuracy).Should().Be(100);
        (1.0 / 201).Should().BeLessThanOrEqualTo(QuantileSketch.DefaultAccuracy);
        QuantileSketch.BucketsPerBinade(0.01).Should().Be(50);
        QuantileSketch.BucketsPerBinade(0.1).Should().Be(5);
    }

    [Theory]
    [InlineData(0.005)]
    [InlineData(0.02)]
    [InlineData(1e-4)]
    public void Buckets_are_binade_aligned_monotone_and_every_value_is_within_the_bound_of_its_representative(double accuracy)
    {
        var b = QuantileSketch.BucketsPerBinade(accuracy);
        var bound = 1.0 / ((2 * b) + 1);
        bound.Should().BeLessThanOrEqualTo(accuracy);

        // A power of two closes the last bucket of the binade below; the next double opens the first of its own.
        foreach (var e in new[] { -29, -1, 0, 1, 40, 1023 })
        {
            var power = Math.ScaleB(1.0, e);
            QuantileSketch.Index(power, b).Should().Be(e * b);
            QuantileSketch.Index(Math.BitIncrement(power), b).Should().Be((e * b) + 1);
        }

        // Bucket edges 2ᵉ·(1 + j/B) (rounded to a double, so on either side of the true edge): the
        // index steps by exactly one across each edge, and the worst relative error is at the edges.
        var worst = 0.0;
        foreach (var e in new[] { -30, 0, 17, 1000 })
        {
            for (var j = 1; j <= b; j += Math.Max(1, b / 500))
            {
                var edge = Math.ScaleB(1 + ((double)j / b), e);
                var below = QuantileSketch.Index(Math.BitDecrement(edge), b);
                var above = QuantileSketch.Index(Math.BitIncrement(edge), b);
                above.Should().Be(below + 1, $"edge j = {j} of binade {e}");
                below.Should().Be((e * b) + j, $"edge j = {j} of binade {e}");
                foreach (var x in new[] { edge, Math.BitIncrement(edge), Math.BitDecrement(edge) })
                {
                    var i = QuantileSketch.Index(x, b);
                    var error = Math.Abs(QuantileSketch.Representative(i, b) - x) / x;
                    error.Should().BeLessThanOrEqualTo(bound * (1 + 1e-12), $"x = {x:R}");
                    worst = Math.Max(worst, error);
                }
            }
        }

        worst.Should().BeGreaterThan(bound * 0.999, "the bound is attained at the first bucket of a binade");

        // Random magnitudes over the whole range the sketch keeps: monotone index, error within the bound.
        var random = new System.Random(5);
        var values = Enumerable.Range(0, 200_000).Select(_ => Math.Pow(10, -9 + (317 * random.NextDouble()))).Append(double.MaxValue).Append(QuantileSketch.MinMagnitude).Order().ToArray();
        var previous = int.MinValue;
        foreach (var x in values)
        {
            var i = QuantileSketch.Index(x, b);
            i.Should().BeGreaterThanOrEqualTo(previous);
            previous = i;
            (Math.Abs(QuantileSketch.Representative(i, b) - x) / x).Should().BeLessThanOrEqualTo(bound * (1 + 1e-12));
        }
    }

    /// <summary>
    /// The counts of <see cref="QuantileSketch.Build"/> (vector pass, compressed non-zero values,
    /// one dense count array) against the plainest reading of its definition: every value's
    /// <c>Index</c> counted in a dictionary per sign, zeros apart. Lengths around the register
    /// width, every kind of value the bits can hold (±0, below MinMagnitude, subnormals, ±∞,
    /// ±MaxValue, binade edges).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(67)]
    [InlineData(100_003)]
    public void Build_counts_every_value_in_the_bucket_its_index_names(int n)
    {
        var random = new System.Random(n + 11);
        double[] specials = [0.0, -0.0, 1e-10, -1e-10, double.Epsilon, 1e-9, -1e-9, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, -double.MaxValue, 1.0, 2.0, -4.0, Math.BitIncrement(1.0), Math.BitDecrement(2.0), 1.01, 1.0100000000000002];
        var values = Enumerable.Range(0, n).Select(i => random.NextDouble() switch
        {
            < 0.4 => 0.0,
            < 0.5 => specials[random.Next(specials.Length)],
            < 0.6 => -Math.Exp(random.NextDouble() * 20),
            _ => Math.Exp((random.NextDouble() * 60) - 20),
        }).ToArray();

        CountsMatchTheDefinition(values);
    }

    /// <summary>
    /// The same check on samples that span few buckets but hold many values — the usual cell,
    /// and the case where <c>Build</c> counts into four tables and adds them (more than four
    /// values a bucket of the range) — with both signs, zeros, and lengths that leave 0–3 values
    /// after the last group of four.
    /// </summary>
    [Theory]
    [InlineData(4_000)]
    [InlineData(50_001)]
    [InlineData(50_002)]
    [InlineData(50_003)]
    [InlineData(50_004)]
    public void Build_counts_a_narrow_sample_of_many_values_in_the_bucket_its_index_names(int n)
    {
        var random = new System.Random(n + 5);
        var values = Enumerable.Range(0, n).Select(i => random.NextDouble() switch
        {
            < 0.3 => 0.0,
            < 0.6 => -Math.Exp(random.NextDouble() * 3),
            _ => Math.Exp(random.NextDouble() * 3),
        }).ToArray();

        CountsMatchTheDefinition(values);
    }

    private static void CountsMatchTheDefinition(double[] values)
    {
        var n = values.Length;
        var sketch = QuantileSketch.Build(values);

        var buckets = QuantileSketch.BucketsPerBinade(QuantileSketch.DefaultAccuracy);
        var positive = new SortedDictionary<int, long>();
        var negative = new SortedDictionary<int, long>();
        long zeros = 0;
        foreach (var v in values)
        {
            if (Math.Abs(v) < QuantileSketch.MinMagnitude)
            {
                zeros++;
                continue;
            }

            var side = v > 0 ? positive : negative;
            var index = QuantileSketch.Index(Math.Abs(v), buckets);
            side[index] = side.GetValueOrDefault(index) + 1;
        }

        sketch.ZeroCount.Should().Be(zeros);
        sketch.Count.Should().Be(n);
        sketch.PositiveIndices.ToArray().Should().Equal(positive.Keys);
        sketch.PositiveCounts.ToArray().Should().Equal(positive.Values);
        sketch.NegativeIndices.ToArray().Should().Equal(negative.Keys);
        sketch.NegativeCounts.ToArray().Should().Equal(negative.Values);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    public void A_nan_anywhere_is_refused(int position)
    {
        var values = Enumerable.Range(1, 16).Select(i => (double)i).ToArray();
        values[position] = double.NaN;
        FluentActions.Invoking(() => QuantileSketch.Build(values)).Should().Throw<ArgumentException>().WithMessage("Cannot sketch NaN.*");
    }
}
