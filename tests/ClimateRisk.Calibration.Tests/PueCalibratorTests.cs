using ClimateRisk.Calibration.Tests.TestSupport;
using ClimateRisk.IO;
using Xunit.Abstractions;

namespace ClimateRisk.Calibration.Tests;

public class PueCalibratorTests(ITestOutputHelper output)
{
    /// <summary>Largest |learned − true| on the table between the 2.5th and 97.5th temperature percentile (where the data is dense).</summary>
    private double WorstDenseError(TelemetrySeries series, SiteCalibration fit, Func<double, double> truth)
    {
        var lo = PueCalibrator.Quantile(series.OutdoorTempC, 0.025);
        var hi = PueCalibrator.Quantile(series.OutdoorTempC, 0.975);
        var worst = 0.0;
        var at = double.NaN;
        for (var i = 0; i < fit.TemperatureC.Count; i++)
        {
            var t = fit.TemperatureC[i];
            if (t >= lo && t <= hi && Math.Abs(fit.Pue[i] - truth(t)) > worst)
            {
                (worst, at) = (Math.Abs(fit.Pue[i] - truth(t)), t);
            }
        }

        output.WriteLine($"{series.SiteId}: dense {lo:0.0}…{hi:0.0} °C, worst |learned − true| = {worst:0.0000} at {at} °C");
        return worst;
    }

    private static readonly CalibrationOptions CurveOnly = new() { Validate = false };

    [Fact]
    public void A_hockey_stick_is_recovered_within_0_01_pue_where_the_data_is_dense()
    {
        static double Truth(double t) => 1.15 + (0.02 * Math.Max(0, t - 15));
        var series = SyntheticTelemetry.Generate("hockey", Truth, seed: 11);
        var fit = PueCalibrator.Fit(series, CurveOnly);
        WorstDenseError(series, fit, Truth).Should().BeLessThan(0.01);
    }

    [Fact]
    public void A_smooth_quadratic_is_recovered_within_0_01_pue_where_the_data_is_dense()
    {
        static double Truth(double t) => 1.2 + (0.0002 * (t + 10) * (t + 10));
        var series = SyntheticTelemetry.Generate("quadratic", Truth, seed: 12);
        var fit = PueCalibrator.Fit(series, CurveOnly);
        WorstDenseError(series, fit, Truth).Should().BeLessThan(0.01);
    }

    [Fact]
    public void With_a_load_effect_the_response_at_the_median_load_is_recovered_within_0_01_pue()
    {
        // Fixed overheads spread over less IT load: PUE rises as the load share falls.
        static double Truth(double t) => 1.18 + (0.015 * Math.Max(0, t - 10));
        static double Load(double share) => 0.1 * ((1 / share) - 1);
        var series = SyntheticTelemetry.Generate("load", Truth, Load, seed: 13);
        var fit = PueCalibrator.Fit(series, CurveOnly);
        WorstDenseError(series, fit, Truth).Should().BeLessThan(0.01);

        // Ignoring the load would be visibly wrong: the load effect alone spans more than the tolerance.
        (Load(0.8) - Load(1.2)).Should().BeGreaterThan(0.03);
    }

    [Fact]
    public void The_table_is_flat_outside_the_datas_temperature_range_and_the_fit_is_deterministic()
    {
        static double Truth(double t) => 1.15 + (0.02 * Math.Max(0, t - 15));
        var series = SyntheticTelemetry.Generate("flat", Truth, hours: 24 * 200, seed: 14);
        var options = CurveOnly with { GamIterations = 300 };
        var fit = PueCalibrator.Fit(series, options);
        var (low, high) = fit.DataRangeC;
        var below = fit.TemperatureC.Select((t, i) => (t, p: fit.Pue[i])).Where(x => x.t <= low).Select(x => x.p).ToArray();
        var above = fit.TemperatureC.Select((t, i) => (t, p: fit.Pue[i])).Where(x => x.t >= high).Select(x => x.p).ToArray();
        below.Should().NotBeEmpty().And.OnlyContain(p => p == below[0]);
        above.Should().NotBeEmpty().And.OnlyContain(p => p == above[0]);
        fit.TemperatureC[0].Should().Be(-20);
        fit.TemperatureC[^1].Should().Be(45);
        fit.TemperatureC.Should().HaveCount(131);

        PueCalibrator.Fit(series, options).Pue.Should().Equal(fit.Pue);
    }

    [Fact]
    public void Leave_one_month_out_metrics_match_the_noise_of_the_data()
    {
        // With the true curve learnable, held-out errors are about the noise: RMSE ≈ σ = 0.01,
        // MAE ≈ σ·√(2/π) ≈ 0.008, plus what a month's unseen temperatures cost.
        static double Truth(double t) => 1.2 + (0.0002 * (t + 10) * (t + 10));
        var series = SyntheticTelemetry.Generate("lomo", Truth, hours: 24 * 190, seed: 15);
        var fit = PueCalibrator.Fit(series, new CalibrationOptions { GamIterations = 600, TreeCount = 100 });
        output.WriteLine($"GAM {fit.Gam}; FastTree {fit.Tree}; months {fit.Months}; gap {fit.MaxCurveGap:0.0000}");
        fit.Months.Should().Be(7);
        fit.Gam!.Count.Should().Be(series.Count);
        fit.Gam.Rmse.Should().BeInRange(0.0095, 0.013);
        fit.Gam.Mae.Should().BeInRange(0.0075, 0.011);
        fit.Gam.RSquared.Should().BeGreaterThan(0.8);
        fit.Tree!.Rmse.Should().BeInRange(0.0095, 0.015);
    }
}
