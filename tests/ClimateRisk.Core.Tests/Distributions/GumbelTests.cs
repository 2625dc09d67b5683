using ClimateRisk.Core.Distributions;
using Xunit.Abstractions;
using static ClimateRisk.Core.Tests.Distributions.ReferenceCsv;

namespace ClimateRisk.Core.Tests.Distributions;

public class GumbelTests(ITestOutputHelper output)
{
    [Fact]
    public void Cdf_and_Pdf_match_scipy_gumbel_r()
    {
        double maxCdf = 0, maxPdf = 0;
        foreach (var r in Read("gumbel_cdf_pdf.csv"))
        {
            var d = new Gumbel(r["mu"], r["beta"]);
            maxCdf = Math.Max(maxCdf, RelErr(d.Cdf(r["x"]), r["cdf"]));
            maxPdf = Math.Max(maxPdf, RelErr(d.Pdf(r["x"]), r["pdf"]));
        }

        output.WriteLine($"max rel err Cdf = {maxCdf:E2}, Pdf = {maxPdf:E2}");

        // exp(−exp(−z)) amplifies the rounding of z = (x − μ)/β by |z|·e^(−z): ≈ 30× ulp at the far tail.
        maxCdf.Should().BeLessThan(2e-14);
        maxPdf.Should().BeLessThan(2e-14);
    }

    [Fact]
    public void InvCdf_matches_scipy_gumbel_r_ppf()
    {
        double max = 0;
        foreach (var r in Read("gumbel_ppf.csv"))
        {
            var d = new Gumbel(r["mu"], r["beta"]);
            double x = d.InvCdf(r["p"]);
            max = Math.Max(max, RelErr(x, r["x"], floor: r["beta"]));
            Gumbel.InvCdfUnchecked(r["mu"], r["beta"], r["p"]).Should().Be(x);
        }

        output.WriteLine($"max err InvCdf (relative, absolute/β near 0) = {max:E2}");
        max.Should().BeLessThan(1e-14);
    }

    [Fact]
    public void Mean_uses_Euler_Mascheroni_constant()
    {
        Gumbel.EulerMascheroni.Should().Be(0.5772156649015329);
        new Gumbel(35.0, 4.2).Mean.Should().BeApproximately(35.0 + (0.5772156649015329 * 4.2), 1e-13);
    }

    [Fact]
    public void Sample_mean_from_inverse_transform_is_within_4_standard_errors()
    {
        var d = new Gumbel(35.0, 4.2);
        var (mean, se) = Sampling.MeanAndStandardError(20240601, 200_000, d.InvCdf);
        output.WriteLine($"sample mean {mean}, closed form {d.Mean}, se {se}");
        Math.Abs(mean - d.Mean).Should().BeLessThan(4 * se);
    }

    [Theory]
    [InlineData(double.NaN, 1.0, "location")]
    [InlineData(0.0, 0.0, "scale")]
    [InlineData(0.0, -1.0, "scale")]
    [InlineData(0.0, double.PositiveInfinity, "scale")]
    public void Constructor_rejects_invalid_parameters(double mu, double beta, string name)
    {
        var act = () => new Gumbel(mu, beta);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void InvCdf_rejects_p_outside_open_interval(double p)
    {
        var act = () => new Gumbel(0, 1).InvCdf(p);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(p));
    }
}
