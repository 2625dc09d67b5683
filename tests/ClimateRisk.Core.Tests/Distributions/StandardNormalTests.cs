using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Tests.TestSupport;
using Xunit.Abstractions;
using static ClimateRisk.Core.Tests.Distributions.ReferenceCsv;

namespace ClimateRisk.Core.Tests.Distributions;

public class StandardNormalTests(ITestOutputHelper output)
{
    [Fact]
    public void Cdf_matches_scipy_norm_cdf_including_far_lower_tail()
    {
        double max = 0;
        string worst = "";
        foreach (var r in Read("normal_cdf.csv"))
        {
            // Below 2.2e−308 results are subnormal and carry fewer significant bits, and SciPy flushes
            // Φ(−37.75) ≈ 4e−312 to 0; compare such values absolutely (floor 1e−295).
            double e = RelErr(StandardNormal.Cdf(r["x"]), r["cdf"], floor: 1e-295);
            if (e > max)
            {
                max = e;
                worst = $"x={F(r["x"])}";
            }
        }

        output.WriteLine($"max rel err Cdf = {max:E2} at {worst}");

        // erfc(−x/√2) has condition number ≈ x² in its argument, so rounding x·(1/√2) could cost
        // up to x²·1e−16 relative deep in the tail; SciPy (Cephes ndtr) rounds the same way and the
        // observed maximum is ≈ 1e−15.
        max.Should().BeLessThan(1e-14);
    }

    [Fact]
    public void InvCdf_matches_scipy_norm_ppf_from_1e_minus_307_to_1_minus_1e_minus_16()
    {
        double max = 0;
        string worst = "";
        foreach (var r in Read("normal_ppf.csv"))
        {
            double e = RelErr(StandardNormal.InvCdf(r["p"]), r["x"]);
            if (e > max)
            {
                max = e;
                worst = $"p={F(r["p"])}";
            }
        }

        output.WriteLine($"max rel err InvCdf = {max:E2} at {worst}");
        max.Should().BeLessThan(1e-14);
    }

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.8413447460685429, 1.0)]
    public void InvCdf_reproduces_published_values(double p, double expected)
    {
        // Wichura (1988) AS 241; tabulated normal percentage points (Abramowitz & Stegun Table 26.5).
        StandardNormal.InvCdf(p).Should().BeApproximately(expected, 1e-15 * Math.Max(1.0, Math.Abs(expected)));
    }

    [Fact]
    public void InvCdf_inverts_Cdf_and_is_antisymmetric()
    {
        // p = i/4096 keeps 1 − p exact, so the antisymmetry check is not blurred by rounding of 1 − p.
        for (int i = 1; i < 4096; i += 7)
        {
            double p = i / 4096.0;
            double x = StandardNormal.InvCdf(p);
            StandardNormal.Cdf(x).Should().BeApproximately(p, 1e-15);
            StandardNormal.InvCdf(1.0 - p).Should().BeApproximately(-x, 1e-12 * Math.Max(1.0, Math.Abs(x)));
            StandardNormal.InvCdfUnchecked(p).Should().Be(x);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void InvCdf_rejects_probabilities_outside_open_unit_interval(double p)
    {
        var act = () => StandardNormal.InvCdf(p);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(p));
    }

    [Fact]
    public void InvCdfUnchecked_returns_infinities_at_the_ends()
    {
        StandardNormal.InvCdfUnchecked(0.0).Should().Be(double.NegativeInfinity);
        StandardNormal.InvCdfUnchecked(1.0).Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void InvCdfUnchecked_does_not_allocate()
    {
        double sink = StandardNormal.InvCdfUnchecked(0.3);
        Allocation.LeastOf(3, () =>
        {
            for (int i = 1; i < 10_000; i++)
            {
                sink += StandardNormal.InvCdfUnchecked(i / 10_000.0);
            }
        }).Should().Be(0);
        double.IsNaN(sink).Should().BeFalse();
    }
}
