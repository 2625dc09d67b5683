using ClimateRisk.Core.Random;

namespace ClimateRisk.Core.Tests.Random;

public class CounterRngTests
{
    [Fact]
    public void Uniforms_have_mean_one_half_and_variance_one_twelfth_within_four_standard_errors()
    {
        var rng = new CounterRng(7);
        const int N = 200_000;
        double sum = 0, sumSq = 0;
        for (var p = 0; p < N; p++)
        {
            var u = rng.Uniform(RandomStreamId.Flood, p, 2030, 12345, 0);
            u.Should().BeGreaterThan(0).And.BeLessThan(1);
            sum += u;
            sumSq += u * u;
        }

        var mean = sum / N;
        (Math.Abs(mean - 0.5) / Math.Sqrt(1.0 / 12 / N)).Should().BeLessThan(4);
        var variance = (sumSq / N) - (mean * mean);
        // Var of U² is 4/45; the s.e. of the second moment bounds the variance estimate's error.
        (Math.Abs(variance - (1.0 / 12)) / Math.Sqrt(4.0 / 45 / N)).Should().BeLessThan(4);
    }

    [Fact]
    public void Draws_are_a_pure_function_of_the_key_and_differ_across_each_key_part()
    {
        var rng = new CounterRng(20231231);
        var u = rng.Uniform(RandomStreamId.Wind, 17, 2040, 99, 0);
        new CounterRng(20231231).Uniform(RandomStreamId.Wind, 17, 2040, 99, 0).Should().Be(u);
        var others = new[]
        {
            new CounterRng(20231232).Uniform(RandomStreamId.Wind, 17, 2040, 99, 0),
            rng.Uniform(RandomStreamId.Surge, 17, 2040, 99, 0),
            rng.Uniform(RandomStreamId.Wind, 18, 2040, 99, 0),
            rng.Uniform(RandomStreamId.Wind, 17, 2041, 99, 0),
            rng.Uniform(RandomStreamId.Wind, 17, 2040, 98, 0),
            rng.Uniform(RandomStreamId.Wind, 17, 2040, 99, 1),
        };
        others.Should().NotContain(u).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Normals_are_standard_within_four_standard_errors_and_uncorrelated_across_streams()
    {
        var rng = new CounterRng(3);
        const int N = 100_000;
        double sum = 0, sumSq = 0, cross = 0;
        for (var p = 0; p < N; p++)
        {
            var a = rng.Normal(RandomStreamId.Warming, p, 0, 0, 0);
            var b = rng.Normal(RandomStreamId.SeaLevel, p, 0, 0, 0);
            sum += a;
            sumSq += a * a;
            cross += a * b;
        }

        (Math.Abs(sum / N) * Math.Sqrt(N)).Should().BeLessThan(4);
        // Var(Z²) = 2 and Var(Z·W) = 1 for independent standard normals.
        (Math.Abs((sumSq / N) - 1) / Math.Sqrt(2.0 / N)).Should().BeLessThan(4);
        (Math.Abs(cross / N) * Math.Sqrt(N)).Should().BeLessThan(4);
    }

    [Fact]
    public void Site_keys_depend_on_the_id_only_and_are_never_the_path_level_key()
    {
        SiteKey.FromId("ks-ulanqab").Should().Be(SiteKey.FromId("ks-ulanqab"));
        SiteKey.FromId("ks-ulanqab").Should().NotBe(SiteKey.FromId("ks-ulanqab2"));
        // FNV-1a 32 of "a" (one code unit 0x61) is 0xe40c292c.
        SiteKey.FromId("a").Should().Be(0xe40c292cu);
    }

    [Fact]
    public void Rekeying_changes_exactly_the_named_streams_and_agrees_between_generators_of_one_replicate()
    {
        var plain = new CounterRng(20231231);
        var rekeyed = plain.Rekeyed([RandomStreamId.Flood, RandomStreamId.HotDays], 1);
        var all = plain.Rekeyed(Enum.GetValues<RandomStreamId>(), 1);
        foreach (var stream in Enum.GetValues<RandomStreamId>())
        {
            for (var path = 0; path < 50; path++)
            {
                var u = plain.Uniform(stream, path, 2040, 77, 1);
                var v = rekeyed.Uniform(stream, path, 2040, 77, 1);
                if (stream is RandomStreamId.Flood or RandomStreamId.HotDays)
                {
                    v.Should().NotBe(u);
                    v.Should().Be(all.Uniform(stream, path, 2040, 77, 1), "a stream re-keyed with one replicate is one and the same draw");
                }
                else
                {
                    v.Should().Be(u);
                }
            }
        }

        rekeyed.KeyFor(RandomStreamId.Flood).Should().Be(CounterRng.ReplicateKey(20231231, 1)).And.NotBe(20231231UL);
        rekeyed.KeyFor(RandomStreamId.Wind).Should().Be(20231231UL);
        CounterRng.ReplicateKey(20231231, 0).Should().Be(20231231UL);
        CounterRng.ReplicateKey(20231231, 2).Should().NotBe(CounterRng.ReplicateKey(20231231, 1));
        new CounterRng(5).IsRekeyed(RandomStreamId.Warming).Should().BeFalse();
        rekeyed.IsRekeyed(RandomStreamId.HotDays).Should().BeTrue();
    }

    [Fact]
    public void A_rekeyed_stream_is_independent_of_the_original_within_four_standard_errors()
    {
        // Correlation of Φ⁻¹(u) under the seed and under the replicate key: 0 ± 1/√N.
        var plain = new CounterRng(11);
        var rekeyed = plain.Rekeyed([RandomStreamId.Warming], 1);
        const int N = 100_000;
        double cross = 0;
        for (var p = 0; p < N; p++)
        {
            cross += plain.Normal(RandomStreamId.Warming, p, 0, 0, 0) * rekeyed.Normal(RandomStreamId.Warming, p, 0, 0, 0);
        }

        Math.Abs(cross / N).Should().BeLessThan(4 / Math.Sqrt(N));
    }

    [Fact]
    public void Rekeying_with_a_second_replicate_is_refused()
    {
        var once = new CounterRng(1).Rekeyed([RandomStreamId.Flood], 1);
        once.Rekeyed([RandomStreamId.Wind], 1).IsRekeyed(RandomStreamId.Flood).Should().BeTrue();
        var act = () => once.Rekeyed([RandomStreamId.Wind], 2);
        act.Should().Throw<InvalidOperationException>();
    }
}
