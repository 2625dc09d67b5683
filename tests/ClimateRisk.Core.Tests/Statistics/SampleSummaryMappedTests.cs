using ClimateRisk.Core.Statistics;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Statistics;

/// <summary>
/// <see cref="SampleSummary.TrySummarizeMapped"/> from one selection of x against
/// <see cref="SampleSummary.Summarize"/> on f(x) itself, field by field in bits, for
/// non-decreasing maps that keep, tie, zero out or step the values.
/// </summary>
public class SampleSummaryMappedTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var map in Maps.Keys)
        {
            foreach (var n in new[] { 1, 2, 99, 101, 257, 1_000, 20_000, 100_003 })
            {
                data.Add(map, n);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, Func<double, double>> Maps = new()
    {
        ["identity"] = x => x,
        ["shift"] = x => x + -1.25,
        ["scale"] = x => 3.7e6 * (x + 0.01),
        // Ties: many x onto one value, and a mass at zero (a surcharge below its limit).
        ["grid"] = x => Math.Floor(x * 20) / 20,
        ["above limit"] = x => 1.3 < x ? 5e5 * (x - 1.3) * (2.6 < x ? 500.0 : 200.0) : 0.0,
        ["step"] = x => 1.4 < x ? 1.0 : 0.0,
        ["constant"] = _ => 42.0,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_summarize_on_the_mapped_values(string map, int n)
    {
        var f = Maps[map];
        var random = new System.Random(n);
        // A climate PUE: positive, narrow, with a tail; a few repeats.
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.02 ? 1.25 : 1.1 + (0.3 * Math.Exp(random.NextDouble()) * random.NextDouble())).ToArray();
        var original = (double[])x.Clone();
        var tailCount = SampleSummary.TailCount(n);
        var selected = new double[SampleSummary.SelectedCount(n)];
        var tail = new double[tailCount];
        SampleSummary.TrySelectPositive(x, new double[n], selected, tail, out var minimum, out var maximum).Should().BeTrue();
        x.Should().Equal(original, "the sample is not modified");
        minimum.Should().Be(x.Min());
        maximum.Should().Be(x.Max());

        var y = x.Select(f).ToArray();
        var mapped = SampleSummary.TrySummarizeMapped(y, 1.0, selected.Select(f).ToArray(), tail.Select(f).ToArray(), out var statistics);
        mapped.Should().BeTrue();
        Exact.Fields(statistics!).Should().Equal(Exact.Fields(SampleSummary.Summarize(y, 1.0, new double[n])), $"{map}, n = {n}");

        // The tail's addends are the k largest values (in no particular order).
        tail.Order().Should().Equal(x.Order().Skip(n - tailCount));
    }

    [Theory]
    [InlineData("+0")]
    [InlineData("-0")]
    [InlineData("-1")]
    [InlineData("NaN")]
    public void Refuses_a_sample_that_is_not_all_positive(string oddValue)
    {
        var odd = oddValue == "-0" ? -0.0 : double.Parse(oddValue, System.Globalization.CultureInfo.InvariantCulture);
        var x = Enumerable.Range(1, 500).Select(i => i * 0.01).ToArray();
        x[137] = odd;
        SampleSummary.TrySelectPositive(x, new double[x.Length], new double[SampleSummary.SelectedCount(x.Length)], new double[SampleSummary.TailCount(x.Length)], out _, out _).Should().BeFalse();
    }

    [Fact]
    public void Leaves_a_mapped_sample_with_nan_to_summarize()
    {
        var y = Enumerable.Range(1, 500).Select(i => i * 0.01).ToArray();
        y[3] = double.NaN;
        SampleSummary.TrySummarizeMapped(y, 1.0, new double[SampleSummary.SelectedCount(y.Length)], new double[SampleSummary.TailCount(y.Length)], out var statistics).Should().BeFalse();
        statistics.Should().BeNull();
    }
}
