using ClimateRisk.Core.Random;
using ClimateRisk.Core.Sensitivity;

namespace ClimateRisk.Core.Tests.Sensitivity;

/// <summary>
/// The pick-freeze estimators against analytic indices, with the design built exactly as the
/// engine builds it: each input is one random-number stream, B re-keys them all, AB_i re-keys
/// stream i only (<see cref="CounterRng.Rekeyed"/>).
/// </summary>
public class SobolEstimatorTests
{
    private static readonly RandomStreamId[] Inputs = [RandomStreamId.Warming, RandomStreamId.SeaLevel, RandomStreamId.Carbon, RandomStreamId.Grid];

    /// <summary>
    /// Ishigami function, a = 7, b = 0.1, x_i ~ U(−π, π). Closed forms (Sobol' &amp; Levitan 1999;
    /// Saltelli et al. 2008 §4.9): V = a²/8 + bπ⁴/5 + b²π⁸/18 + ½, V1 = ½(1 + bπ⁴/5)², V2 = a²/8,
    /// V3 = 0, V13 = 8b²π⁸/225. Evaluated, and checked by 60³-point Gauss–Legendre quadrature of the
    /// conditional expectations, in tests/reference/make_sensitivity_references.py.
    /// </summary>
    private static readonly (double S, double ST)[] IshigamiIndices =
    [
        (0.31390519114781146, 0.5575888552099592),
        (0.4424111447900409, 0.4424111447900409),
        (0.0, 0.24368366406214773),
    ];

    [Fact]
    public void Ishigami_closed_forms_are_what_the_reference_script_computed()
    {
        const double A = 7, B = 0.1;
        var pi4 = Math.Pow(Math.PI, 4);
        var pi8 = pi4 * pi4;
        var v = (A * A / 8) + (B * pi4 / 5) + (B * B * pi8 / 18) + 0.5;
        var v1 = 0.5 * Math.Pow(1 + (B * pi4 / 5), 2);
        var v13 = 8 * B * B * pi8 / 225;
        (v1 / v).Should().BeApproximately(IshigamiIndices[0].S, 1e-12);
        (A * A / 8 / v).Should().BeApproximately(IshigamiIndices[1].S, 1e-12);
        ((v1 + v13) / v).Should().BeApproximately(IshigamiIndices[0].ST, 1e-12);
        (v13 / v).Should().BeApproximately(IshigamiIndices[2].ST, 1e-12);
    }

    [Fact]
    public void Ishigami_indices_are_recovered_within_four_standard_errors()
    {
        var estimates = Estimate(3, 20_000, 0, Ishigami);
        for (var i = 0; i < 3; i++)
        {
            var (s, st) = IshigamiIndices[i];
            var e = estimates[i];
            Math.Abs(e.FirstOrder - s).Should().BeLessThan(4 * e.FirstOrderSe, $"S{i + 1} = {e.FirstOrder} ± {e.FirstOrderSe}, exact {s}");
            Math.Abs(e.Total - st).Should().BeLessThan(4 * e.TotalSe, $"ST{i + 1} = {e.Total} ± {e.TotalSe}, exact {st}");
            e.FirstOrderSe.Should().BeLessThan(0.03, "20,000 rows pin the indices down");
            e.TotalSe.Should().BeLessThan(0.03);
        }
    }

    [Fact]
    public void Linear_model_indices_are_the_variance_shares_within_four_standard_errors()
    {
        // Y = Σ c_i σ_i Z_i: S_i = S_Ti = c_i² σ_i² / Σ_j c_j² σ_j² (no interactions); the fourth
        // input has no effect and must come out exactly 0.
        double[] weights = [3.0, -2.0, 1.0, 0.0];
        var total = weights.Sum(w => w * w);
        var estimates = Estimate(4, 5_000, 0, z => (weights[0] * z[0]) + (weights[1] * z[1]) + (weights[2] * z[2]) + (weights[3] * z[3]) + 100, normal: true);
        for (var i = 0; i < 3; i++)
        {
            var exact = weights[i] * weights[i] / total;
            var e = estimates[i];
            Math.Abs(e.FirstOrder - exact).Should().BeLessThan(4 * e.FirstOrderSe, $"S{i + 1} = {e.FirstOrder} ± {e.FirstOrderSe}, exact {exact}");
            Math.Abs(e.Total - exact).Should().BeLessThan(4 * e.TotalSe, $"ST{i + 1} = {e.Total} ± {e.TotalSe}, exact {exact}");
        }

        estimates[3].Should().Be(new SobolEstimate(0, 0, 0, 0));
    }

    [Fact]
    public void Delta_method_standard_errors_match_the_spread_of_independent_replicates()
    {
        // 200 independent designs of 500 rows each (disjoint path ranges): the s.d. of the 200
        // estimates against the mean reported s.e. Their ratio has a relative s.e. of about
        // 1/√(2·199) = 5 %, so 0.8–1.25 is a ±4 s.e. band.
        const int Replicates = 200, Rows = 500;
        var first = new double[3][];
        var total = new double[3][];
        var firstSe = new double[3];
        var totalSe = new double[3];
        for (var i = 0; i < 3; i++)
        {
            first[i] = new double[Replicates];
            total[i] = new double[Replicates];
        }

        for (var r = 0; r < Replicates; r++)
        {
            var e = Estimate(3, Rows, (long)r * Rows, Ishigami);
            for (var i = 0; i < 3; i++)
            {
                first[i][r] = e[i].FirstOrder;
                total[i][r] = e[i].Total;
                firstSe[i] += e[i].FirstOrderSe / Replicates;
                totalSe[i] += e[i].TotalSe / Replicates;
            }
        }

        for (var i = 0; i < 3; i++)
        {
            (Sd(first[i]) / firstSe[i]).Should().BeInRange(0.8, 1.25, $"S{i + 1}");
            (Sd(total[i]) / totalSe[i]).Should().BeInRange(0.8, 1.25, $"ST{i + 1}");
        }
    }

    [Fact]
    public void An_output_that_does_not_vary_has_no_indices()
    {
        double[] constant = [5, 5, 5, 5];
        var e = SobolEstimator.Estimate(constant, constant, constant);
        double.IsNaN(e.FirstOrder).Should().BeTrue();
        double.IsNaN(e.TotalSe).Should().BeTrue();
    }

    [Fact]
    public void Mismatched_or_too_short_samples_are_refused()
    {
        var one = () => SobolEstimator.Estimate([1.0], [2.0], [3.0]);
        one.Should().Throw<ArgumentException>();
        var mismatched = () => SobolEstimator.Estimate([1.0, 2], [2.0, 3], [3.0]);
        mismatched.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_estimate_is_a_pure_function_of_the_values()
    {
        // Hand-worked: a = (1, 3), b = (2, 6), ab = (1, 5); m = 3; U = (0, 6), T = (0, 2), W = (2.5, 4.5).
        var e = SobolEstimator.Estimate([1.0, 3], [2.0, 6], [1.0, 5]);
        e.FirstOrder.Should().BeApproximately(6 / 7.0, 1e-15);
        e.Total.Should().BeApproximately(2 / 7.0, 1e-15);

        // se² = Σ (X − R·W)² / (N (N − 1) W̄²), W̄ = 3.5.
        var r1 = 6 / 7.0;
        var se1 = Math.Sqrt((Math.Pow(0 - (r1 * 2.5), 2) + Math.Pow(6 - (r1 * 4.5), 2)) / (2 * 1 * 3.5 * 3.5));
        e.FirstOrderSe.Should().BeApproximately(se1, 1e-15);
    }

    private static double Ishigami(double[] u)
    {
        const double A = 7, B = 0.1;
        var x1 = Math.PI * ((2 * u[0]) - 1);
        var x2 = Math.PI * ((2 * u[1]) - 1);
        var x3 = Math.PI * ((2 * u[2]) - 1);
        var s2 = Math.Sin(x2);
        return Math.Sin(x1) + (A * s2 * s2) + (B * Math.Pow(x3, 4) * Math.Sin(x1));
    }

    /// <summary>Indices of each of the first <paramref name="d"/> inputs on rows [firstRow, firstRow + rows).</summary>
    private static SobolEstimate[] Estimate(int d, int rows, long firstRow, Func<double[], double> f, bool normal = false)
    {
        var seed = new CounterRng(20231231);
        var streams = Inputs.AsSpan(0, d).ToArray();
        var b = seed.Rekeyed(streams, 1);
        var yA = Evaluate(seed, d, rows, firstRow, f, normal);
        var yB = Evaluate(b, d, rows, firstRow, f, normal);
        var estimates = new SobolEstimate[d];
        for (var i = 0; i < d; i++)
        {
            var yAb = Evaluate(seed.Rekeyed([streams[i]], 1), d, rows, firstRow, f, normal);
            estimates[i] = SobolEstimator.Estimate(yA, yB, yAb);
        }

        return estimates;
    }

    private static double[] Evaluate(CounterRng rng, int d, int rows, long firstRow, Func<double[], double> f, bool normal)
    {
        var y = new double[rows];
        var x = new double[d];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < d; i++)
            {
                x[i] = normal ? rng.Normal(Inputs[i], firstRow + r, 0, 0, 0) : rng.Uniform(Inputs[i], firstRow + r, 0, 0, 0);
            }

            y[r] = f(x);
        }

        return y;
    }

    private static double Sd(double[] x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
    }
}
