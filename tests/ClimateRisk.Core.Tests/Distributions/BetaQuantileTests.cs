using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Distributions.Internal;
using MathNet.Numerics;
using Xunit.Abstractions;
using static ClimateRisk.Core.Tests.Distributions.ReferenceCsv;

namespace ClimateRisk.Core.Tests.Distributions;

public class BetaQuantileTests(ITestOutputHelper output)
{
    [Fact]
    public void InvCdf_matches_scipy_beta_ppf()
    {
        double maxAbs = 0, maxRel = 0;
        string worstAbs = "", worstRel = "";
        foreach (var r in Read("beta_ppf.csv"))
        {
            double x = BetaQuantile.InvCdf(r["a"], r["b"], r["p"]);
            double abs = Math.Abs(x - r["x"]);
            double rel = RelErr(x, r["x"]);
            if (abs > maxAbs)
            {
                maxAbs = abs;
                worstAbs = $"a={F(r["a"])} b={F(r["b"])} p={F(r["p"])}";
            }

            if (rel > maxRel)
            {
                maxRel = rel;
                worstRel = $"a={F(r["a"])} b={F(r["b"])} p={F(r["p"])}";
            }
        }

        output.WriteLine($"max abs err = {maxAbs:E2} at {worstAbs}; max rel err = {maxRel:E2} at {worstRel}");
        // Observed: abs ≈ 1.3e−14, rel ≈ 6e−13 (x ≈ 0.008 with p = 0.75, solved in the upper tail
        // Q = I_{1−x}(b, a), where rounding of 1 − x limits x to ≈ 1e−16 absolute); since the
        // starting value's fix (2026-12-06) abs 1.25e−14, rel 4.0e−14 (a = 0.7, b = 10, p = 0.75).
        maxAbs.Should().BeLessThan(1e-13);
        maxRel.Should().BeLessThan(5e-12);
    }

    [Fact]
    public void InvCdf_inverts_BetaRegularized()
    {
        foreach (double a in new[] { 0.3, 1.7, 50.0 })
        {
            foreach (double b in new[] { 0.3, 4.0, 50.0 })
            {
                for (double p = 0.005; p < 1.0; p += 0.0375)
                {
                    double x = BetaQuantile.InvCdf(a, b, p);

                    // Check in the tail the solver works in (lower: I_x(a, b) = p; upper: I_{1−x}(b, a) = 1 − p).
                    // I cannot be hit more closely than pdf(x)·ulp(x) (large near 0/1 for a, b < 1), and the
                    // solver stops once its Newton step is below 4e−16·x (a few ulp): allow pdf·4 ulp.
                    // 2e−14 allows for the evaluation's own error. I is evaluated by IncompleteBeta, the
                    // function the solver inverts (tested on its own against SciPy and mpmath in
                    // IncompleteBetaTests): Math.NET's BetaRegularized, used here before, is itself off
                    // by 2.2e−14 at a = 0.3, b = 50, p = 0.155 (its ln B(0.3, 50) by 1.4e−13; mpmath).
                    double pdf = Math.Exp(((a - 1) * Math.Log(x)) + ((b - 1) * Math.Log(1 - x)) - SpecialFunctions.BetaLn(a, b));
                    double tolerance = 2e-14 + (4 * pdf * (Math.BitIncrement(x) - x));
                    double achieved = IncompleteBeta.Tail(a, b, x, IncompleteBeta.LnBeta(a, b), p <= 0.5, out _);
                    achieved.Should().BeApproximately(p <= 0.5 ? p : 1 - p, tolerance, $"a={a} b={b} p={p}");
                }
            }
        }
    }

    [Fact]
    public void Starting_value_for_shapes_above_one_is_near_the_scipy_quantile()
    {
        // A & S 26.5.22 on the SciPy references with a, b ≥ 1 and p in [0.01, 0.99]: |Δ ln x| (ln(1 − x)
        // above ½) 0.056 at the median, 0.91 at worst (a = b = 1, p = 0.01). With the normal deviate's
        // sign reversed, as it was until 2026-12-06, the median is 1.31 and the worst 6.9
        // (the same computation in Python on beta_ppf.csv). The solver converges from either; the
        // number of its evaluations, the kernel's cost, depends on this.
        var errors = new List<double>();
        foreach (var r in Read("beta_ppf.csv"))
        {
            double a = r["a"], b = r["b"], p = r["p"], x = r["x"];
            if (a < 1 || b < 1 || p < 0.01 || p > 0.99)
            {
                continue;
            }

            double start = BetaQuantile.InitialGuess(a, b, p);
            double error = x < 0.5 ? Math.Abs(Math.Log(start) - Math.Log(x)) : Math.Abs(Math.Log(1 - start) - Math.Log(1 - x));
            error.Should().BeLessThan(1.0, $"a={F(a)} b={F(b)} p={F(p)}");
            errors.Add(error);
        }

        errors.Sort();
        output.WriteLine($"{errors.Count} starting values: median |Δ ln x| {errors[errors.Count / 2]:F3}, largest {errors[^1]:F3}");
        errors.Should().HaveCount(126);
        errors[errors.Count / 2].Should().BeLessThan(0.1);
    }

    [Theory]
    [InlineData(500.0, 0.3, 1e-300)]
    [InlineData(0.3, 500.0, 1e-60)] // x ≈ 1e−203; at p = 1e−300 the quantile (≈ 1e−1000) underflows to 0
    [InlineData(0.01, 1.0, 0.5)]
    [InlineData(2.0, 0.05, 1e-200)]
    public void InvCdf_converges_in_deep_tails(double a, double b, double p)
    {
        // Newton on ln I_x is exact for the power-law tail I_x ≈ xᵃ/(a·B(a, b)).
        double x = BetaQuantile.InvCdf(a, b, p);
        x.Should().BeInRange(double.Epsilon, 1.0);
        (SpecialFunctions.BetaRegularized(a, b, x) / p).Should().BeApproximately(1.0, 1e-11);
        if (b == 1.0)
        {
            x.Should().BeApproximately(Math.Pow(p, 1 / a), 1e-12 * x); // Beta(a, 1): x = p^(1/a)
        }
    }

    [Fact]
    public void InvCdf_handles_endpoints_and_uniform_case()
    {
        BetaQuantile.InvCdf(2, 3, 0.0).Should().Be(0.0);
        BetaQuantile.InvCdf(2, 3, 1.0).Should().Be(1.0);
        BetaQuantile.InvCdf(1, 1, 0.37).Should().BeApproximately(0.37, 1e-15);
    }

    [Fact]
    public void ParametersFromMeanSd_is_method_of_moments()
    {
        var (a, b) = BetaQuantile.ParametersFromMeanSd(0.3, 0.2);
        double nu = (0.3 * 0.7 / 0.04) - 1;
        a.Should().BeApproximately(0.3 * nu, 1e-12);
        b.Should().BeApproximately(0.7 * nu, 1e-12);
        double mean = a / (a + b);
        double variance = a * b / ((a + b) * (a + b) * (a + b + 1));
        mean.Should().BeApproximately(0.3, 1e-14);
        Math.Sqrt(variance).Should().BeApproximately(0.2, 1e-14);
    }

    [Fact]
    public void ParametersFromMeanSd_clamps_variance_at_or_above_Bernoulli_bound()
    {
        var (a, b) = BetaQuantile.ParametersFromMeanSd(0.05, 0.5); // s² = 0.25 > m(1 − m) = 0.0475
        double nu = (1 / 0.999) - 1;
        a.Should().BeApproximately(0.05 * nu, 1e-15);
        b.Should().BeApproximately(0.95 * nu, 1e-15);
        (a / (a + b)).Should().BeApproximately(0.05, 1e-15);
    }

    [Theory]
    [InlineData(0.0, 0.2)]
    [InlineData(1.0, 0.2)]
    [InlineData(0.42, 0.0)]
    public void SampleFromMeanSd_is_deterministic_at_degenerate_inputs(double mean, double sd)
    {
        foreach (double u in new[] { 0.0, 0.01, 0.5, 0.99, 1.0 })
        {
            BetaQuantile.SampleFromMeanSd(mean, sd, u).Should().Be(mean);
        }
    }

    [Fact]
    public void SampleFromMeanSd_equals_InvCdf_of_moment_parameters()
    {
        var (a, b) = BetaQuantile.ParametersFromMeanSd(0.62, 0.25);
        BetaQuantile.SampleFromMeanSd(0.62, 0.25, 0.3).Should().Be(BetaQuantile.InvCdf(a, b, 0.3));
    }

    [Theory]
    [InlineData(0.05, 0.08)]
    [InlineData(0.3, 0.2)]
    [InlineData(0.9, 0.1)]
    public void Sample_mean_from_inverse_transform_is_within_4_standard_errors(double m, double s)
    {
        var (mean, se) = Sampling.MeanAndStandardError(11, 200_000, u => BetaQuantile.SampleFromMeanSd(m, s, u));
        output.WriteLine($"m={m} s={s}: sample mean {mean}, se {se}");
        Math.Abs(mean - m).Should().BeLessThan(4 * se);
    }

    [Theory]
    [InlineData(0.0, 1.0, 0.5, "a")]
    [InlineData(-1.0, 1.0, 0.5, "a")]
    [InlineData(1.0, 0.0, 0.5, "b")]
    [InlineData(1.0, double.NaN, 0.5, "b")]
    [InlineData(1.0, 1.0, -0.1, "p")]
    [InlineData(1.0, 1.0, 1.1, "p")]
    public void InvCdf_rejects_invalid_arguments(double a, double b, double p, string name)
    {
        var act = () => BetaQuantile.InvCdf(a, b, p);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name);
    }

    [Theory]
    [InlineData(0.0, 0.1, "mean")]
    [InlineData(1.0, 0.1, "mean")]
    [InlineData(0.5, 0.0, "sd")]
    [InlineData(0.5, -0.1, "sd")]
    public void ParametersFromMeanSd_rejects_invalid_arguments(double m, double s, string name)
    {
        var act = () => BetaQuantile.ParametersFromMeanSd(m, s);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name);
    }

    [Theory]
    [InlineData(-0.1, 0.1, 0.5, "mean")]
    [InlineData(0.5, -0.1, 0.5, "sd")]
    [InlineData(0.5, 0.1, 1.5, "u")]
    public void SampleFromMeanSd_rejects_invalid_arguments(double m, double s, double u, string name)
    {
        var act = () => BetaQuantile.SampleFromMeanSd(m, s, u);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name);
    }
}
