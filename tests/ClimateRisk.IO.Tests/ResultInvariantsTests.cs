using ClimateRisk.Core.Statistics;

namespace ClimateRisk.IO.Tests;

/// <summary>ResultInvariants: what merge checks in every cell before writing.</summary>
public sealed class ResultInvariantsTests
{
    private static readonly CellStatistics Good = new()
    {
        Count = 100, Mean = 5, StandardError = 0.5, StandardDeviation = 5, P5 = 0, P25 = 1, P50 = 4, P75 = 7, P95 = 12, P99 = 20, TVaR99 = 25, PExceed = 0.1,
    };

    [Fact]
    public void A_consistent_cell_passes() => ResultInvariants.Check(Good).Should().BeNull();

    [Fact]
    public void Equal_quantiles_pass() => ResultInvariants.Check(Good with { P5 = 0, P25 = 0, P50 = 0, P75 = 0, P95 = 0, P99 = 0 }).Should().BeNull();

    [Theory]
    [InlineData("p25", 1e300, "p25 1E+300 > p50 4")]
    [InlineData("p95", -3.0, "p75 7 > p95 -3")]
    [InlineData("p99", double.NaN, "p95 12 > p99 NaN")]
    [InlineData("se", -0.1, "mean 5, se -0.1, sd 5 (expected a finite mean and se, sd ≥ 0)")]
    [InlineData("mean", double.PositiveInfinity, "mean Infinity, se 0.5, sd 5 (expected a finite mean and se, sd ≥ 0)")]
    [InlineData("p_exceed", 1.5, "p_exceed 1.5 outside [0, 1]")]
    public void A_broken_invariant_is_named(string field, double value, string expected)
    {
        var cell = field switch
        {
            "p25" => Good with { P25 = value },
            "p95" => Good with { P95 = value },
            "p99" => Good with { P99 = value },
            "se" => Good with { StandardError = value },
            "mean" => Good with { Mean = value },
            _ => Good with { PExceed = value },
        };

        ResultInvariants.Check(cell).Should().Be(expected);
    }
}
