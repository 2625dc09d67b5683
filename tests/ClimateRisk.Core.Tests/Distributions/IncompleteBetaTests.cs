using ClimateRisk.Core.Distributions.Internal;
using MathNet.Numerics;
using Xunit.Abstractions;
using static ClimateRisk.Core.Tests.Distributions.ReferenceCsv;

namespace ClimateRisk.Core.Tests.Distributions;

public class IncompleteBetaTests(ITestOutputHelper output)
{
    /// <summary>
    /// I_x(a, b) and 1 − I_x(a, b) over the shapes and points of the damage draw (three JRC curves,
    /// depths 1e−4 m to 5.999 m, x = the p-quantiles for p ∈ [1e−12, 1 − 1e−12]): written by
    /// tests/reference/make_incomplete_beta_references.py with SciPy's <c>betainc</c> and with mpmath
    /// at 40 digits.
    /// </summary>
    [Fact]
    public void Tail_matches_scipy_betainc_over_the_damage_curves_shapes()
    {
        // Against mpmath: relative 2e−12 (observed 1.1e−12, in the bulk of shapes of a few
        // thousand — the continued fraction near its switch point and the 1 − Q of a small lower
        // tail past it — and ≤ 5e−15 for shapes below 10) and absolute 1e−13 (BetaQuantile's
        // target). SciPy's own distance from mpmath is up to 7.6e−11 on the same rows.
        const double tolerance = 2e-12;
        const double absolute = 1e-13;
        double worstMp = 0, worstAbs = 0, worstScipyExcess = 0;
        string worstAt = "";
        int rows = 0;
        foreach (var r in Read("betainc_damage.csv"))
        {
            double a = r["a"], b = r["b"], x = r["x"];
            double lnBeta = IncompleteBeta.LnBeta(a, b);
            foreach (bool lower in new[] { true, false })
            {
                double got = IncompleteBeta.Tail(a, b, x, lnBeta, lower, out double front);
                double exact = lower ? r["I_mp"] : r["Q_mp"];
                double scipy = lower ? r["I"] : r["Q"];
                double err = RelErr(got, exact);
                if (err > worstMp)
                {
                    worstMp = err;
                    worstAt = $"a={F(a)} b={F(b)} x={F(x)} {(lower ? "I" : "Q")}";
                }

                err.Should().BeLessThan(tolerance, $"a={F(a)} b={F(b)} x={F(x)} lower={lower}: {F(got)} against mpmath {F(exact)}");
                worstAbs = Math.Max(worstAbs, Math.Abs(got - exact));
                Math.Abs(got - exact).Should().BeLessThan(absolute, $"a={F(a)} b={F(b)} x={F(x)} lower={lower}");

                // Within SciPy's own distance from mpmath (up to 7.6e−11 at b = 3.3e4) plus ours.
                double scipyError = Math.Abs(scipy - exact);
                double excess = Math.Abs(got - scipy) - scipyError;
                worstScipyExcess = Math.Max(worstScipyExcess, excess / exact);
                Math.Abs(got - scipy).Should().BeLessThanOrEqualTo(scipyError + (tolerance * exact), $"a={F(a)} b={F(b)} x={F(x)} lower={lower}");

                // The prefactor xᵃ(1 − x)ᵇ/B(a, b), which the quantile's Newton step uses as x(1 − x)·pdf.
                double frontMathNet = Math.Exp((a * Math.Log(x)) + (b * Math.Log(1 - x)) - SpecialFunctions.BetaLn(a, b));
                RelErr(front, frontMathNet).Should().BeLessThan(1e-9, "the prefactor agrees with Math.NET's within Math.NET's ln Γ error");
            }

            rows++;
        }

        output.WriteLine($"{rows} rows: largest relative error against mpmath {worstMp:E2} at {worstAt}, absolute {worstAbs:E2}; largest excess over SciPy's own error {worstScipyExcess:E2}");
        rows.Should().BeGreaterThan(900);
    }

    [Theory]
    [InlineData(0.3, 0.7)]
    [InlineData(1.7, 4.0)]
    [InlineData(2.47, 32719.76)]
    [InlineData(7208.7, 0.0933)]
    [InlineData(150.0, 250.0)]
    [InlineData(19.99, 20.01)]
    public void LnBeta_matches_its_closed_forms(double a, double b)
    {
        // B(a, b) = B(b, a); and B(a + 1, b) = B(a, b)·a/(a + b), which links the Stirling branch
        // (max ≥ 20) to the three-ln Γ branch when a + 1 crosses 20, and checks each against itself.
        double lnB = IncompleteBeta.LnBeta(a, b);
        IncompleteBeta.LnBeta(b, a).Should().Be(lnB);
        double shifted = IncompleteBeta.LnBeta(a + 1, b);
        double expected = lnB + Math.Log(a / (a + b));
        // Below 20 both sides take three ln Γ shifted up to 20 by the recurrence (about 1e−14
        // absolute each, LnGamma_on_lanes_matches_mpmath); from 20 on, Stirling's series, a few
        // ulp of the result.
        double gammaLnError = Math.Max(a, b) < 20 ? 4e-14 : 0;
        Math.Abs(shifted - expected).Should().BeLessThan(gammaLnError + (8e-15 * Math.Max(1.0, Math.Abs(expected))));
    }

    [Fact]
    public void LnBeta_matches_mpmath_at_large_shapes()
    {
        // mpmath 1.2.1, mp.dps = 40: float(mpmath.log(mpmath.beta(a, b))).
        IncompleteBeta.LnBeta(2.47, 32719.76).Should().BeApproximately(-25.413709686568026, 1e-14 * 25.4);
        IncompleteBeta.LnBeta(1.0, 1e6).Should().BeApproximately(-Math.Log(1e6), 1e-14 * 13.9); // B(1, b) = 1/b
        IncompleteBeta.LnBeta(20.0, 20.0).Should().BeApproximately(-27.95199188624447, 1e-14 * 28.0);
    }

    /// <summary>
    /// The lane ln Γ (shifted up to 20 by the recurrence, then Stirling) against mpmath at 40
    /// digits (tests/reference/make_ln_gamma_references.py): z from 1e−3 to 40, the integers, and
    /// next to 1 and 2 where ln Γ crosses 0 — so an absolute bound, the one ln B needs (an
    /// absolute error of ln B is a relative error of I_x).
    /// </summary>
    [Fact]
    public void LnGamma_on_lanes_matches_mpmath()
    {
        double worst = 0, worstMathNet = 0;
        string worstAt = "";
        int rows = 0;
        foreach (var r in Read("ln_gamma.csv"))
        {
            double z = r["z"], exact = r["lngamma"];
            double got = System.Runtime.Intrinsics.Vector128.ToScalar(IncompleteBeta.LnGamma(new Core.Numerics.Internal.Lanes128(System.Runtime.Intrinsics.Vector128.Create(z))).Value);
            double error = Math.Abs(got - exact);
            if (error > worst)
            {
                worst = error;
                worstAt = $"z={F(z)}";
            }

            // Below 20 the terms of size 40 that cancel to ln Γ(z) leave about 1e−14; above, a few ulp.
            error.Should().BeLessThan(3e-14 + (4e-16 * Math.Abs(exact)), $"z={F(z)}: {F(got)} against mpmath {F(exact)}");
            worstMathNet = Math.Max(worstMathNet, Math.Abs(SpecialFunctions.GammaLn(z) - exact));
            rows++;
        }

        output.WriteLine($"{rows} points: largest absolute error against mpmath {worst:E2} at {worstAt} (Math.NET's GammaLn: {worstMathNet:E2})");
        rows.Should().Be(235);
    }

    /// <summary>ln B(a, b) with both shapes below 20 and across the switch to Stirling at 20, against mpmath (ln_beta_small.csv).</summary>
    [Fact]
    public void LnBeta_of_small_shapes_matches_mpmath()
    {
        double worst = 0, worstMathNet = 0;
        int rows = 0;
        foreach (var r in Read("ln_beta_small.csv"))
        {
            double a = r["a"], b = r["b"], exact = r["lnbeta"];
            double error = Math.Abs(IncompleteBeta.LnBeta(a, b) - exact);
            worst = Math.Max(worst, error);
            error.Should().BeLessThan(6e-14 + (4e-16 * Math.Abs(exact)), $"a={F(a)} b={F(b)}");
            worstMathNet = Math.Max(worstMathNet, Math.Abs(SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b) - exact));
            rows++;
        }

        output.WriteLine($"{rows} shapes: largest absolute error against mpmath {worst:E2} (three Math.NET GammaLn: {worstMathNet:E2})");
        rows.Should().Be(576);
    }
}
