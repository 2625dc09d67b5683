using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Tests.TestSupport;
using Xunit.Abstractions;
using static ClimateRisk.Core.Tests.Distributions.ReferenceCsv;

namespace ClimateRisk.Core.Tests.Distributions;

public class BinomialQuantileTests(ITestOutputHelper output)
{
    [Fact]
    public void InvCdf_equals_scipy_binom_ppf_exactly()
    {
        // The generator skips u within 1e−12 of a CDF step, so every remaining point must agree exactly.
        var rows = Read("binom_ppf.csv");
        var mismatches = rows
            .Where(r => BinomialQuantile.InvCdf((int)r["n"], r["q"], r["u"]) != (int)r["k"])
            .Select(r => $"n={r["n"]} q={F(r["q"])} u={F(r["u"])}: got {BinomialQuantile.InvCdf((int)r["n"], r["q"], r["u"])}, scipy {r["k"]}")
            .ToList();
        output.WriteLine($"{rows.Count} points, {mismatches.Count} mismatches");
        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Degenerate_success_probabilities_give_0_or_n()
    {
        foreach (double u in new[] { 0.0, 1e-12, 0.5, 1 - 1e-12, 1.0 })
        {
            BinomialQuantile.InvCdf(40, 0.0, u).Should().Be(0);
            BinomialQuantile.InvCdf(40, 1.0, u).Should().Be(u == 0.0 ? 0 : 40);
        }

        BinomialQuantile.InvCdf(0, 0.3, 0.9).Should().Be(0);
        BinomialQuantile.InvCdf(17, 0.3, 1.0).Should().Be(17);
    }

    [Fact]
    public void Mode_start_branch_agrees_with_symmetry_for_large_n_and_q()
    {
        // n = 2000, q = 0.9: (1 − q)^n underflows, so the search starts at the mode.
        // X ~ Bin(n, q) ⇔ n − X ~ Bin(n, 1 − q); check P(X ≤ k) ≥ u > P(X ≤ k − 1) via the mirror.
        for (double u = 0.01; u < 1.0; u += 0.049)
        {
            int k = BinomialQuantile.InvCdf(2000, 0.9, u);
            int mirror = BinomialQuantile.InvCdf(2000, 0.1, 1.0 - u);
            Math.Abs(k - (2000 - mirror)).Should().BeLessThanOrEqualTo(1);
        }
    }

    [Theory]
    [InlineData(92, 0.15)]
    [InlineData(5, 0.5)]
    [InlineData(300, 0.99)]
    public void Sample_mean_from_inverse_transform_is_within_4_standard_errors(int n, double q)
    {
        var (mean, se) = Sampling.MeanAndStandardError(5, 200_000, u => BinomialQuantile.InvCdf(n, q, u));
        output.WriteLine($"n={n} q={q}: sample mean {mean}, closed form {n * q}, se {se}");
        Math.Abs(mean - (n * q)).Should().BeLessThan(4 * se);
    }

    [Fact]
    public void InvCdfUnchecked_does_not_allocate()
    {
        // Warm up both branches (JIT, MathNet static initialisation) before measuring.
        long sink = BinomialQuantile.InvCdfUnchecked(92, 0.15, 0.3) + BinomialQuantile.InvCdfUnchecked(2000, 0.9, 0.3);
        Allocation.LeastOf(3, () =>
        {
            for (int i = 1; i < 5_000; i++)
            {
                sink += BinomialQuantile.InvCdfUnchecked(92, 0.15, i / 5_000.0);
                sink += BinomialQuantile.InvCdfUnchecked(2000, 0.9, i / 5_000.0);
            }
        }).Should().Be(0);
        sink.Should().BePositive();
    }

    [Theory]
    [InlineData(-1, 0.5, 0.5, "n")]
    [InlineData(5, -0.1, 0.5, "q")]
    [InlineData(5, double.NaN, 0.5, "q")]
    [InlineData(5, 0.5, 1.5, "u")]
    [InlineData(5, 0.5, double.NaN, "u")]
    public void InvCdf_rejects_invalid_arguments(int n, double q, double u, string name)
    {
        var act = () => BinomialQuantile.InvCdf(n, q, u);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name);
    }

    [Fact]
    public void A_tabulated_pmf0_gives_the_same_count_as_the_direct_search()
    {
        // The kernel tabulates p(0) per site for n = 0..92; the count must not change.
        var random = new System.Random(11);
        foreach (var q in new[] { 1e-9, 0.003, 0.05, 0.3, 0.97, 0.9999999 })
        {
            for (var i = 0; i < 2_000; i++)
            {
                var n = random.Next(0, 2_000);
                var u = random.NextDouble();
                BinomialQuantile.InvCdfUnchecked(n, q, u, BinomialQuantile.Pmf0(n, q)).Should().Be(BinomialQuantile.InvCdfUnchecked(n, q, u), $"n = {n}, q = {q:R}, u = {u:R}");
            }
        }
    }
}
