using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Tests.TestSupport;
using Xunit.Abstractions;
using static ClimateRisk.Core.Tests.Distributions.ReferenceCsv;

namespace ClimateRisk.Core.Tests.Distributions;

public class PoissonQuantileTests(ITestOutputHelper output)
{
    [Fact]
    public void InvCdf_equals_scipy_poisson_ppf_exactly()
    {
        // The generator skips u within 1e−12 of a CDF step, so every remaining point must agree exactly.
        var rows = Read("poisson_ppf.csv");
        var mismatches = rows
            .Where(r => PoissonQuantile.InvCdf(r["lambda"], r["u"]) != (int)r["k"])
            .Select(r => $"λ={F(r["lambda"])} u={F(r["u"])}: got {PoissonQuantile.InvCdf(r["lambda"], r["u"])}, scipy {r["k"]}")
            .ToList();
        output.WriteLine($"{rows.Count} points, {mismatches.Count} mismatches");
        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Zero_mean_or_zero_uniform_gives_zero()
    {
        PoissonQuantile.InvCdf(0.0, 0.999999).Should().Be(0);
        PoissonQuantile.InvCdf(5.0, 0.0).Should().Be(0);
        PoissonQuantile.InvCdf(500.0, 0.0).Should().Be(0);
    }

    [Fact]
    public void InvCdf_is_monotone_in_u_across_the_sequential_and_mode_branches()
    {
        foreach (double lambda in new[] { 29.999, 30.0, 30.001, 1234.5 })
        {
            int previous = 0;
            for (double u = 1e-9; u < 1.0; u += 0.00137)
            {
                int k = PoissonQuantile.InvCdf(lambda, u);
                k.Should().BeGreaterThanOrEqualTo(previous);
                previous = k;
            }
        }
    }

    [Fact]
    public void InvCdf_terminates_for_u_next_to_one()
    {
        PoissonQuantile.InvCdf(3.0, Math.BitDecrement(1.0)).Should().BeInRange(15, 40);
        PoissonQuantile.InvCdf(200.0, Math.BitDecrement(1.0)).Should().BeInRange(250, 400);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(12.7)]
    [InlineData(92.0)]
    public void Sample_mean_from_inverse_transform_is_within_4_standard_errors(double lambda)
    {
        var (mean, se) = Sampling.MeanAndStandardError(3, 200_000, u => PoissonQuantile.InvCdf(lambda, u));
        output.WriteLine($"λ={lambda}: sample mean {mean}, se {se}");
        Math.Abs(mean - lambda).Should().BeLessThan(4 * se);
    }

    [Fact]
    public void InvCdfUnchecked_does_not_allocate()
    {
        // Warm up both branches (JIT, MathNet static initialisation) before measuring.
        long sink = PoissonQuantile.InvCdfUnchecked(50.0, 0.3) + PoissonQuantile.InvCdfUnchecked(3.0, 0.3);
        Allocation.LeastOf(3, () =>
        {
            for (int i = 1; i < 5_000; i++)
            {
                sink += PoissonQuantile.InvCdfUnchecked(3.0, i / 5_000.0);
                sink += PoissonQuantile.InvCdfUnchecked(150.0, i / 5_000.0);
            }
        }).Should().Be(0);
        sink.Should().BePositive();
    }

    [Theory]
    [InlineData(-1.0, 0.5, "lambda")]
    [InlineData(double.NaN, 0.5, "lambda")]
    [InlineData(2e7, 0.5, "lambda")]
    [InlineData(1.0, 1.0, "u")]
    [InlineData(1.0, -0.01, "u")]
    [InlineData(1.0, double.NaN, "u")]
    public void InvCdf_rejects_invalid_arguments(double lambda, double u, string name)
    {
        var act = () => PoissonQuantile.InvCdf(lambda, u);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name);
    }
}
