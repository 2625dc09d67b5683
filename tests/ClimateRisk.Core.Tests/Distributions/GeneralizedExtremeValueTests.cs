using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Tests.TestSupport;
using Xunit.Abstractions;
using static ClimateRisk.Core.Tests.Distributions.ReferenceCsv;

namespace ClimateRisk.Core.Tests.Distributions;

public class GeneralizedExtremeValueTests(ITestOutputHelper output)
{
    [Fact]
    public void Cdf_and_Pdf_match_scipy_genextreme_with_c_equal_minus_xi()
    {
        double maxCdf = 0, maxPdf = 0;
        string worstCdf = "", worstPdf = "";
        foreach (var r in Read("gev_cdf_pdf.csv"))
        {
            var d = new GeneralizedExtremeValue(r["mu"], r["sigma"], r["xi"]);
            double ec = RelErr(d.Cdf(r["x"]), r["cdf"]);
            double ep = RelErr(d.Pdf(r["x"]), r["pdf"]);
            if (ec > maxCdf)
            {
                maxCdf = ec;
                worstCdf = $"xi={F(r["xi"])} x={F(r["x"])}";
            }

            if (ep > maxPdf)
            {
                maxPdf = ep;
                worstPdf = $"xi={F(r["xi"])} x={F(r["x"])}";
            }
        }

        output.WriteLine($"max rel err Cdf = {maxCdf:E2} at {worstCdf}; Pdf = {maxPdf:E2} at {worstPdf}");
        // Largest error (≈ 3e−14) is in the far lower tail of ξ = 0.25 where F ≈ 1e−12: there
        // t = (1 + ξz)^(−1/ξ) ≈ 28 and exp(−t) amplifies the ulp-level error of t by t.
        maxCdf.Should().BeLessThan(1e-13);
        maxPdf.Should().BeLessThan(1e-13);
    }

    [Fact]
    public void InvCdf_matches_scipy_genextreme_ppf()
    {
        double max = 0;
        string worst = "";
        foreach (var r in Read("gev_ppf.csv"))
        {
            var d = new GeneralizedExtremeValue(r["mu"], r["sigma"], r["xi"]);
            double x = d.InvCdf(r["p"]);
            GeneralizedExtremeValue.InvCdfUnchecked(r["mu"], r["sigma"], r["xi"], r["p"]).Should().Be(x);
            double e = RelErr(x, r["x"], floor: r["sigma"]);
            if (e > max)
            {
                max = e;
                worst = $"xi={F(r["xi"])} p={F(r["p"])}";
            }
        }

        output.WriteLine($"max err InvCdf (relative, absolute/σ near 0) = {max:E2} at {worst}");
        max.Should().BeLessThan(1e-14);
    }

    [Fact]
    public void Mean_matches_scipy_genextreme_mean()
    {
        foreach (var r in Read("gev_mean.csv"))
        {
            double mean = new GeneralizedExtremeValue(r["mu"], r["sigma"], r["xi"]).Mean;

            // SciPy evaluates expm1(gammaln(1 − ξ))/ξ, whose error is ≈ 1e−16/|ξ| relative
            // (2e−9 at ξ = 1e−8, 4e−13 at ξ = −1e−3); our series branch (|ξ| < 0.05) is accurate
            // there (see Mean_is_cancellation_free_for_small_shape), so the tolerance follows SciPy's error.
            double tol = Math.Max(2e-14, 1e-15 / Math.Abs(r["xi"]));
            RelErr(mean, r["mean"], floor: 1.0).Should().BeLessThan(tol, $"xi = {F(r["xi"])}");
        }
    }

    [Theory]
    [InlineData(1e-8)]
    [InlineData(-1e-8)]
    [InlineData(1e-13)]
    [InlineData(5e-4)]
    [InlineData(-0.001)]
    public void Mean_is_cancellation_free_for_small_shape(double xi)
    {
        // (Γ(1 − ξ) − 1)/ξ = γ + (γ²/2 + π²/12)ξ + O(ξ²)   (A&S 6.1.33)
        const double gamma = 0.5772156649015329;
        double c1 = (gamma * gamma / 2) + (Math.PI * Math.PI / 12);
        double expected = gamma + (c1 * xi);
        // Below |ξ| = 1e−12 the distribution is evaluated as its Gumbel limit, so the mean is μ + γσ.
        double tolerance = (2 * xi * xi) + 2e-16 + (Math.Abs(xi) < 1e-12 ? c1 * Math.Abs(xi) : 0);
        new GeneralizedExtremeValue(0, 1, xi).Mean.Should().BeApproximately(expected, tolerance);
    }

    [Fact]
    public void Mean_is_infinite_for_shape_at_least_one()
    {
        new GeneralizedExtremeValue(0, 1, 1.0).Mean.Should().Be(double.PositiveInfinity);
    }

    [Fact]
    public void Tiny_shape_agrees_with_Gumbel_limit()
    {
        var g = new Gumbel(1.5, 0.7);
        foreach (double xi in new[] { 0.0, 1e-13, -1e-13, 1e-11 })
        {
            var d = new GeneralizedExtremeValue(1.5, 0.7, xi);
            foreach (double p in new[] { 1e-9, 0.1, 0.5, 0.9, 1 - 1e-9 })
            {
                // Quantile sensitivity to ξ at ξ = 0 is σ·L²/2, L = ln(−ln p) (|L| ≤ 21 here).
                double tol = 1e-14 + (Math.Abs(xi) * 0.7 * 250);
                d.InvCdf(p).Should().BeApproximately(g.InvCdf(p), tol);
                d.Cdf(g.InvCdf(p)).Should().BeApproximately(p, tol);
            }
        }
    }

    [Fact]
    public void Below_the_shape_threshold_quantiles_and_mean_are_the_Gumbel_ones_exactly()
    {
        var g = new Gumbel(1.5, 0.7);
        foreach (double xi in new[] { 0.0, 1e-13, -1e-13 })
        {
            var d = new GeneralizedExtremeValue(1.5, 0.7, xi);
            d.Mean.Should().Be(g.Mean);
            foreach (double p in new[] { 1e-9, 0.1, 0.5, 0.9, 1 - 1e-9 })
            {
                d.InvCdf(p).Should().Be(g.InvCdf(p));
                GeneralizedExtremeValue.InvCdfUnchecked(1.5, 0.7, xi, p).Should().Be(Gumbel.InvCdfUnchecked(1.5, 0.7, p));
            }
        }
    }

    [Fact]
    public void Support_bounds_are_respected()
    {
        var frechet = new GeneralizedExtremeValue(0, 1, 0.5);   // lower bound −2
        frechet.Cdf(-2.5).Should().Be(0);
        frechet.Pdf(-2.5).Should().Be(0);
        var weibull = new GeneralizedExtremeValue(0, 1, -0.5);  // upper bound +2
        weibull.Cdf(2.5).Should().Be(1);
        weibull.Pdf(2.5).Should().Be(0);
        weibull.InvCdf(1 - 1e-15).Should().BeLessThan(2.0);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(-0.2)]
    [InlineData(0.0)]
    public void Sample_mean_from_inverse_transform_is_within_4_standard_errors(double xi)
    {
        var d = new GeneralizedExtremeValue(2.0, 0.4, xi);
        var (mean, se) = Sampling.MeanAndStandardError(7 + (int)(xi * 100), 200_000, d.InvCdf);
        output.WriteLine($"xi={xi}: sample mean {mean}, closed form {d.Mean}, se {se}");
        Math.Abs(mean - d.Mean).Should().BeLessThan(4 * se);
    }

    [Theory]
    [InlineData(double.NaN, 1.0, 0.0, "location")]
    [InlineData(0.0, 0.0, 0.0, "scale")]
    [InlineData(0.0, -1.0, 0.0, "scale")]
    [InlineData(0.0, 1.0, double.NaN, "shape")]
    [InlineData(0.0, 1.0, double.PositiveInfinity, "shape")]
    public void Constructor_rejects_invalid_parameters(double mu, double sigma, double xi, string name)
    {
        var act = () => new GeneralizedExtremeValue(mu, sigma, xi);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void InvCdf_rejects_p_outside_open_interval(double p)
    {
        var act = () => new GeneralizedExtremeValue(0, 1, 0.1).InvCdf(p);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(p));
    }

    [Fact]
    public void InvCdfUnchecked_does_not_allocate()
    {
        double sink = GeneralizedExtremeValue.InvCdfUnchecked(0, 1, 0.1, 0.5);
        Allocation.LeastOf(3, () =>
        {
            for (int i = 1; i < 10_000; i++)
            {
                sink += GeneralizedExtremeValue.InvCdfUnchecked(0, 1, 0.1, i / 10_000.0);
                sink += Gumbel.InvCdfUnchecked(0, 1, i / 10_000.0);
            }
        }).Should().Be(0);
        double.IsNaN(sink).Should().BeFalse();
    }
}
