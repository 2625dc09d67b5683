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
}
