using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Tests.Numerics;
using Xunit.Abstractions;
using static ClimateRisk.Core.Tests.Distributions.ReferenceCsv;

namespace ClimateRisk.Core.Tests.Distributions;

/// <summary>
/// The kernel's vector GEV/Gumbel quantiles and e^(−λ): against SciPy's values (the same stored
/// references as the libm-based <see cref="GeneralizedExtremeValue"/> and <see cref="Gumbel"/>,
/// and the same tolerance), and span against scalar bit for bit (the block and scalar kernels
/// depend on it).
/// </summary>
public class VectorQuantilesTests(ITestOutputHelper output)
{
    [Fact]
    public void Gev_matches_scipy_genextreme_ppf()
    {
        double max = 0;
        string worst = "";
        foreach (var r in Read("gev_ppf.csv"))
        {
            var x = VectorQuantiles.Gev(r["mu"], r["sigma"], r["xi"], r["p"]);
            var e = RelErr(x, r["x"], floor: r["sigma"]);
            if (e > max)
            {
                max = e;
                worst = $"xi={F(r["xi"])} p={F(r["p"])}";
            }
        }

        output.WriteLine($"max err (relative, absolute/σ near 0) = {max:E2} at {worst}");
        max.Should().BeLessThan(1e-14);
    }

    [Fact]
    public void Gumbel_matches_scipy_gumbel_r_ppf()
    {
        double max = 0;
        foreach (var r in Read("gumbel_ppf.csv"))
        {
            max = Math.Max(max, RelErr(VectorQuantiles.Gumbel(r["mu"], r["beta"], r["p"]), r["x"], floor: r["beta"]));
        }

        output.WriteLine($"max err (relative, absolute/β near 0) = {max:E2}");
        max.Should().BeLessThan(1e-14);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.12)]
    [InlineData(-0.2)]
    [InlineData(1e-9)]
    public void Gev_span_gives_the_scalar_bits_at_every_length_and_alignment(double shape)
    {
        var pool = Enumerable.Range(1, 97).Select(i => i / 98.0).Concat([1e-300, 1e-12, 0.999999999, 1 - 1.1e-16]).ToArray();
        LaneHarness.AssertSpanEqualsScalarAtEveryLengthAndAlignment(
            $"Gev(ξ = {shape})", pool, (p, d) => VectorQuantiles.Gev(3.1, 0.4, shape, p, d), p => VectorQuantiles.Gev(3.1, 0.4, shape, p));
    }

    [Fact]
    public void ExpNegative_span_gives_the_scalar_bits_and_is_within_one_ulp_of_the_libm_value()
    {
        var pool = Enumerable.Range(0, 200).Select(i => i * 0.4617).Concat([0, 1e-300, 745, 800]).ToArray();
        LaneHarness.AssertSpanEqualsScalarAtEveryLengthAndAlignment("ExpNegative", pool, VectorQuantiles.ExpNegative, VectorQuantiles.ExpNegative);
        foreach (var lambda in pool.Where(l => l < 700))
        {
            LaneHarness.Ulps(VectorQuantiles.ExpNegative(lambda), Math.Exp(-lambda)).Should().BeLessThanOrEqualTo(1, $"λ = {lambda:R}");
        }
    }

    [Fact]
    public void ExpM1_is_accurate_near_zero_and_matches_the_scalar_form_elsewhere()
    {
        // eˣ − 1 = x + x²/2 + x³/6 + …: for |x| ≤ 1e−6 four terms are exact to double precision.
        foreach (var x in new[] { 1e-300, -1e-20, 3e-12, -7.5e-7, 1e-6 })
        {
            var series = x + (x * x / 2) + (x * x * x / 6) + (x * x * x * x / 24);
            VectorQuantiles.ExpM1(x).Should().BeApproximately(series, 4e-16 * Math.Abs(series), $"x = {x:R}");
        }

        foreach (var x in new[] { -0.5, -0.3, 0.01, 0.49, 0.7, 3.0, -20.0 })
        {
            VectorQuantiles.ExpM1(x).Should().BeApproximately(Math.Exp(x) - 1, 4e-16 * Math.Max(1, Math.Abs(Math.Exp(x) - 1)) * 4, $"x = {x:R}");
        }
    }

    [Fact]
    public void Poisson_with_a_supplied_pmf0_is_the_quantile_when_pmf0_is_libm_exp()
    {
        var random = new System.Random(5);
        for (var i = 0; i < 5_000; i++)
        {
            var lambda = random.NextDouble() * 60;
            var u = random.NextDouble();
            PoissonQuantile.InvCdfUnchecked(lambda, Math.Exp(-lambda), u).Should().Be(PoissonQuantile.InvCdfUnchecked(lambda, u), $"λ = {lambda:R}, u = {u:R}");
        }
    }
}
