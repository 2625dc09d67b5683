using ClimateRisk.Core.Distributions;
using Xunit.Abstractions;

namespace ClimateRisk.Core.Tests.Distributions;

public class GaussHermiteTests(ITestOutputHelper output)
{
    public static TheoryData<int> Sizes => new() { 1, 2, 3, 5, 10, 20, 33, 40, 64 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Moments_of_standard_normal_are_exact_below_degree_2n(int n)
    {
        var rule = GaussHermite.ForStandardNormal(n);
        double worst = 0;
        for (int k = 0; k < 2 * n; k++)
        {
            double sum = 0, sumAbs = 0;
            for (int i = 0; i < n; i++)
            {
                double term = rule.Weights[i] * Math.Pow(rule.Nodes[i], k);
                sum += term;
                sumAbs += Math.Abs(term);
            }

            double err;
            if (k % 2 == 1)
            {
                err = sumAbs == 0.0 ? Math.Abs(sum) : Math.Abs(sum) / sumAbs;
            }
            else
            {
                double expected = DoubleFactorial(k - 1); // E[Z^k] = (k − 1)!!
                err = Math.Abs(sum - expected) / expected;
            }

            worst = Math.Max(worst, err);
        }

        output.WriteLine($"n={n}: max relative moment error {worst:E2}");

        // Relative error in (k − 1)!! grows slowly with k (≈ k·ulp from the powers and the outer weights).
        worst.Should().BeLessThan(1e-12);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Rule_is_symmetric_sorted_positive_and_normalised(int n)
    {
        var rule = GaussHermite.ForStandardNormal(n);
        rule.Count.Should().Be(n);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            rule.Weights[i].Should().BePositive();
            rule.Nodes[i].Should().Be(-rule.Nodes[n - 1 - i]);
            rule.Weights[i].Should().Be(rule.Weights[n - 1 - i]);
            if (i > 0)
            {
                rule.Nodes[i].Should().BeGreaterThan(rule.Nodes[i - 1]);
            }

            sum += rule.Weights[i];
        }

        sum.Should().BeApproximately(1.0, 1e-15);
    }

    [Fact]
    public void Small_rules_match_closed_forms()
    {
        // n = 3: He_3 = z³ − 3z → nodes 0, ±√3, weights 2/3, 1/6, 1/6.
        var r3 = GaussHermite.ForStandardNormal(3);
        r3.Nodes[2].Should().BeApproximately(Math.Sqrt(3), 1e-15);
        r3.Nodes[1].Should().Be(0.0);
        r3.Weights[1].Should().BeApproximately(2.0 / 3.0, 1e-15);
        r3.Weights[0].Should().BeApproximately(1.0 / 6.0, 1e-15);

        // n = 5: He_5 = z⁵ − 10z³ + 15z → nodes ±√(5 ± √10).
        var r5 = GaussHermite.ForStandardNormal(5);
        r5.Nodes[4].Should().BeApproximately(Math.Sqrt(5 + Math.Sqrt(10)), 1e-14);
        r5.Nodes[3].Should().BeApproximately(Math.Sqrt(5 - Math.Sqrt(10)), 1e-14);
    }

    [Theory]
    [InlineData(20, 0.3, 0.5, 1e-12)]
    [InlineData(20, -1.0, 1.0, 1e-9)]
    [InlineData(20, 1.5, 2.5, 1e-5)]
    [InlineData(32, 1.5, 2.5, 1e-6)]
    [InlineData(64, 1.5, 2.5, 1e-8)]
    [InlineData(64, -4.0, 0.2, 1e-14)]
    public void Softplus_expectation_matches_fine_numeric_integral(int n, double a, double b, double tolerance)
    {
        // softplus is analytic with poles at a + bz = ±iπ(2j + 1), i.e. at distance π/b from the real
        // axis, so Gauss–Hermite converges geometrically but more slowly for large b = σ_h / w
        // (tolerances measured, with margin). Reference: trapezoid rule with h = 0.005 on [−16, 16],
        // spectrally accurate for this smooth, Gaussian-decaying integrand.
        static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
        double quad = GaussHermite.ForStandardNormal(n).Expectation(Softplus, a, b);
        double reference = 0;
        const double h = 0.005;
        for (int i = -3200; i <= 3200; i++)
        {
            double z = i * h;
            reference += Softplus(a + (b * z)) * Math.Exp(-0.5 * z * z);
        }

        reference *= h / Math.Sqrt(2 * Math.PI);
        double rel = Math.Abs(quad - reference) / reference;
        output.WriteLine($"n={n} a={a} b={b}: GH {quad:R}, reference {reference:R}, rel err {rel:E2}");
        rel.Should().BeLessThan(tolerance);
    }

    [Fact]
    public void Rules_are_cached_per_n()
    {
        GaussHermite.ForStandardNormal(24).Should().BeSameAs(GaussHermite.ForStandardNormal(24));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void ForStandardNormal_rejects_n_outside_1_to_64(int n)
    {
        var act = () => GaussHermite.ForStandardNormal(n);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(nameof(n));
    }

    private static double DoubleFactorial(int m)
    {
        double r = 1;
        for (int j = m; j > 1; j -= 2)
        {
            r *= j;
        }

        return r;
    }
}
