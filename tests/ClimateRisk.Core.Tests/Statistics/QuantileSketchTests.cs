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
}
