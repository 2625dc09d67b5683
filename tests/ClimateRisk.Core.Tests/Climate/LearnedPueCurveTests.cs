using ClimateRisk.Core.Climate;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Planning;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Climate;

/// <summary>A_s(Δ) from a response learned from telemetry (MODEL §4, <see cref="PueCurve.FromResponse"/>).</summary>
public class LearnedPueCurveTests
{
    private const double TableStepC = 0.5;

    /// <summary>
    /// The default softplus curve of <paramref name="cooling"/> (no floor: the level is calibrated
    /// away) tabulated at 0.5 °C on −60…110 °C, wider than any Gauss–Hermite node reaches for these
    /// climates (μ −3…27 °C, Δ −6…12 °C, σ_h 4.5 °C, largest node ≈ 7.1σ), so flatness outside
    /// the table plays no part.
    /// </summary>
    private static PiecewiseLinear Tabulated(CoolingType cooling)
    {
        var t = Enumerable.Range(0, 341).Select(i => -60 + (i * TableStepC)).ToArray();
        var pue = t.Select(x => cooling.BetaPuePerC * cooling.WidthC * PueCurve.Softplus((x - cooling.KneeC) / cooling.WidthC)).ToArray();
        return new PiecewiseLinear(t, pue);
    }

    /// <summary>
    /// The table's interpolation error, derived: f(T) = β·w·softplus((T − k)/w) has
    /// f'' = (β/w)·s(1 − s) ≤ β/(4w) (s the logistic function), so its chord on a step h lies
    /// above it by 0 … f''max·h²/8 = β·h²/(32·w). Gauss–Hermite weights are positive and sum to
    /// 1 (and the month weights too), so the quadrature of that error lies in [0, b] at every Δ;
    /// the level calibration subtracts its value at Δ = 0, leaving |A_learned(Δ) − A_default(Δ)|
    /// ≤ b. Both A tables share the Δ grid, so their interpolants differ by no more; each
    /// path's PUE (A + planned change) then differs by ≤ b, and so do its mean and every
    /// quantile, and the portfolio PUE (an IT-energy-weighted mean of the sites').
    /// </summary>
    private static double InterpolationBound(CoolingType cooling) => cooling.BetaPuePerC * TableStepC * TableStepC / (32 * cooling.WidthC);

    [Theory]
    [InlineData(1.20)]
    [InlineData(1.362)]
    [InlineData(1.55)]
    public void The_level_of_a_learned_curve_is_calibrated_to_the_reported_pue_to_1e_6(double reported)
    {
        // A hockey stick far from the reported level: only its shape may survive.
        var hockey = new PiecewiseLinear([-20, 12, 45], [2.0, 2.0, 2.7]);
        var curve = PueCurve.FromResponse(hockey, SyntheticInputs.Chiller, SyntheticInputs.Climate(), reported);
        curve.Annual(0).Should().BeApproximately(reported, 1e-6);
        curve.Lookup(0).Should().BeApproximately(reported, 1e-6);
        curve.LearnedResponse.Should().BeSameAs(hockey);
        curve.Hourly(0).Should().BeApproximately(curve.Floor + 2.0, 1e-12);
    }

    [Fact]
    public void A_learned_curve_is_averaged_by_the_same_quadrature_as_an_independent_fine_grid()
    {
        var hockey = new PiecewiseLinear([-20, 12, 45], [1.2, 1.2, 1.9]);
        var climate = SyntheticInputs.Climate();
        var curve = PueCurve.FromResponse(hockey, SyntheticInputs.Chiller, climate, 1.35);
        int[] days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        double Reference(double delta)
        {
            // Midpoint rule over ±10 σ with 40,000 cells of the normal density.
            var total = 0.0;
            for (var m = 0; m < 12; m++)
            {
                var mu = climate.MonthlyMeanC[m] + delta;
                var sigma = climate.HourlySdC;
                const int Cells = 40_000;
                var width = 20 * sigma / Cells;
                var expectation = 0.0;
                for (var i = 0; i < Cells; i++)
                {
                    var t = mu - (10 * sigma) + ((i + 0.5) * width);
                    var density = Math.Exp(-0.5 * Math.Pow((t - mu) / sigma, 2)) / (sigma * Math.Sqrt(2 * Math.PI));
                    expectation += hockey.At(t) * density * width;
                }

                total += days[m] * 24.0 / 8760 * expectation;
            }

            return total;
        }

        // 32 Gauss–Hermite nodes on a kinked integrand are not exact; 1e-4 PUE is far below any reported digit.
        var shift = 1.35 - Reference(0);
        foreach (var delta in new[] { -2.0, 1.5, 4.0, 8.0 })
        {
            curve.Annual(delta).Should().BeApproximately(shift + Reference(delta), 1e-4, $"Δ = {delta}");
        }
    }

    [Theory]
    [InlineData(0.016, 8, 4)]
    [InlineData(0.03, 18, 2)]
    public void A_learned_response_equal_to_the_default_curve_gives_the_default_annual_pue_within_the_tables_interpolation_error(double beta, double knee, double width)
    {
        var cooling = SyntheticInputs.Chiller with { BetaPuePerC = beta, KneeC = knee, WidthC = width };
        var bound = InterpolationBound(cooling);
        foreach (var climate in new[] { SyntheticInputs.Climate(), SyntheticInputs.Climate() with { MonthlyMeanC = [-13, -9, -2, 6, 13, 18, 20, 18, 12, 5, -4, -11] } })
        {
            var standard = PueCurve.Calibrate(cooling, climate, 1.36);
            var learned = PueCurve.FromResponse(Tabulated(cooling), cooling, climate, 1.36);
            var worst = 0.0;
            for (var delta = PueCurve.MinDeltaC; delta <= PueCurve.MaxDeltaC; delta += 0.01)
            {
                worst = Math.Max(worst, Math.Abs(learned.Lookup(delta) - standard.Lookup(delta)));
            }

            worst.Should().BeLessThanOrEqualTo(bound + 1e-12);
            // The learned curve is really used: a knee 1 °C off moves A_s by far more than the bound.
            var shifted = PueCurve.FromResponse(Tabulated(cooling with { KneeC = knee + 1 }), cooling, climate, 1.36);
            Math.Abs(shifted.Lookup(6) - standard.Lookup(6)).Should().BeGreaterThan(10 * bound);
        }
    }

    [Fact]
    public void A_run_with_the_default_curve_as_learned_response_reproduces_the_default_runs_pue_statistics()
    {
        var cooling = SyntheticInputs.Chiller;
        var bound = InterpolationBound(cooling);
        Site[] sites =
        [
            SyntheticInputs.Site("beijing") with { Climate = SyntheticInputs.Climate(0.6) },
            SyntheticInputs.Site("ulanqab", 41.0, 113.1) with { Climate = SyntheticInputs.Climate(0.6) with { MonthlyMeanC = [-13, -9, -2, 6, 13, 18, 20, 18, 12, 5, -4, -11] }, ReportedPue = 1.22 },
        ];
        var standard = SyntheticInputs.Inputs(sites, [SyntheticInputs.Scenario("warm", "WARM")]);
        var learned = standard with { Sites = sites.Select(s => s with { LearnedPueResponse = Tabulated(cooling) }).ToArray() };
        var settings = new SimulationSettings { Paths = 4_000, FirstYear = 2030, LastYear = 2050, Horizons = [2030, 2050] };

        var a = Simulator.Run(standard, settings).Cells.Where(c => c.Metric is Metric.Pue or Metric.PueDrift).ToArray();
        var b = Simulator.Run(learned, settings).Cells.Where(c => c.Metric is Metric.Pue or Metric.PueDrift).ToArray();

        b.Select(c => (c.EntityId, c.Year, c.Metric)).Should().Equal(a.Select(c => (c.EntityId, c.Year, c.Metric)));
        a.Select(c => c.EntityId).Distinct().Should().Contain(["beijing", "ulanqab", SimulationResult.PortfolioId]);
        var worst = 0.0;
        var moved = false;
        for (var i = 0; i < a.Length; i++)
        {
            var (x, y) = (a[i].Statistics, b[i].Statistics);
            foreach (var (p, q) in new[] { (x.Mean, y.Mean), (x.P5, y.P5), (x.P25, y.P25), (x.P50, y.P50), (x.P75, y.P75), (x.P95, y.P95) })
            {
                worst = Math.Max(worst, Math.Abs(p - q));
                moved |= p != q;
            }
        }

        worst.Should().BeLessThanOrEqualTo(bound + 1e-12);
        moved.Should().BeTrue("the learned path must actually be taken");
    }

    [Fact]
    public void A_new_cooling_type_drops_the_learned_response_and_a_new_pue_alone_keeps_it()
    {
        var site = SyntheticInputs.Site() with { LearnedPueResponse = Tabulated(SyntheticInputs.Chiller) };
        new SiteChange { Cooling = SyntheticInputs.Chiller with { Id = "dlc" }, Pue = 1.15 }.ApplyTo(site).LearnedPueResponse.Should().BeNull();
        new SiteChange { Pue = 1.25 }.ApplyTo(site).LearnedPueResponse.Should().BeSameAs(site.LearnedPueResponse);
    }
}
