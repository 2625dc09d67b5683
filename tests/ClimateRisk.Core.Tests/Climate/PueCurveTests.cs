using System.Globalization;
using ClimateRisk.Core.Climate;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Climate;

public class PueCurveTests
{
    public static TheoryData<string> SeedSites()
    {
        var data = new TheoryData<string>();
        foreach (var row in BundledData.Csv("data/sites.csv"))
        {
            data.Add(row["site_id"]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SeedSites))]
    public void Calibration_reproduces_the_reported_pue_of_every_seed_site_to_1e_6(string siteId)
    {
        var (cooling, climate, reported) = LoadSeedSite(siteId);
        var curve = PueCurve.Calibrate(cooling, climate, reported);
        curve.Annual(0).Should().BeApproximately(reported, 1e-6);
        curve.Lookup(0).Should().BeApproximately(reported, 1e-6);
    }

    [Theory]
    [InlineData("chiller_water_economizer")]
    [InlineData("indirect_evaporative")]
    [InlineData("pumped_refrigerant_free_cooling")]
    [InlineData("direct_liquid_cooling")]
    public void Annual_pue_increases_with_warming_for_every_cooling_type(string coolingType)
    {
        var cooling = LoadCooling(coolingType);
        foreach (var climate in new[] { SyntheticInputs.Climate(), SyntheticInputs.Climate() with { MonthlyMeanC = [-13, -9, -2, 6, 13, 18, 20, 18, 12, 5, -4, -11] } })
        {
            var curve = PueCurve.Calibrate(cooling, climate, 1.3);
            var previous = double.NegativeInfinity;
            for (var delta = PueCurve.MinDeltaC; delta <= PueCurve.MaxDeltaC; delta += 0.5)
            {
                var value = curve.Lookup(delta);
                value.Should().BeGreaterThan(previous, $"A_s must increase at Δ = {delta} for {coolingType}");
                previous = value;
            }
        }
    }

    [Fact]
    public void Quadrature_matches_an_independent_fine_grid_integral()
    {
        var cooling = SyntheticInputs.Chiller;
        var climate = SyntheticInputs.Climate();
        var curve = PueCurve.Calibrate(cooling, climate, 1.36);
        int[] days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        foreach (var delta in new[] { -2.0, 0.0, 1.5, 4.0 })
        {
            // Midpoint rule over ±10 σ with 40,000 cells of the normal density.
            var reference = 0.0;
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
                    var x = (t - cooling.KneeC) / cooling.WidthC;
                    var pue = curve.Floor + (cooling.BetaPuePerC * cooling.WidthC * Math.Log(1 + Math.Exp(x)));
                    expectation += pue * density * width;
                }

                reference += days[m] * 24.0 / 8760 * expectation;
            }

            curve.Annual(delta).Should().BeApproximately(reference, 1e-9);
            curve.Lookup(delta).Should().BeApproximately(reference, 1e-6, "the 0.02 °C table interpolates a smooth curve");
        }
    }

    private static (CoolingType Cooling, SiteClimate Climate, double Reported) LoadSeedSite(string siteId)
    {
        var site = BundledData.Csv("data/sites.csv").Single(r => r["site_id"] == siteId);
        var climateRow = BundledData.Csv("data/climate/site_climate.csv").Single(r => r["site_id"] == siteId);
        string[] months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        var climate = new SiteClimate
        {
            MonthlyMeanC = months.Select(m => Parse(climateRow[$"t_{m}_c"])).ToArray(),
            HourlySdC = Parse(climateRow["hourly_sd_c"]),
            SummerTmaxMeanC = Parse(climateRow["summer_tmax_mean_c"]),
            SummerTmaxSdC = Parse(climateRow["summer_tmax_sd_c"]),
            InterannualSdC = Parse(climateRow["interannual_sd_c"]),
        };
        return (LoadCooling(site["cooling_type"]), climate, Parse(site["reported_pue"]));
    }

    private static CoolingType LoadCooling(string id)
    {
        var row = BundledData.Csv("data/cooling_types.csv").Single(r => r["cooling_type"] == id);
        return new CoolingType { Id = id, BetaPuePerC = Parse(row["beta_pue_per_c"]), KneeC = Parse(row["knee_c"]), WidthC = Parse(row["width_c"]), TCritC = Parse(row["t_crit_c"]) };
    }

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>
    /// The span softplus (a month's quadrature nodes on vector lanes) gives every element the
    /// scalar form's bits, and both stay within 4.5e−16·max(1, |value|) of
    /// max(x, 0) + ln(1 + e^−|x|) evaluated with libm (the form before; an absolute bound below 1,
    /// where 1 + e^−|x| may round to the other neighbour when the two exps differ by an ulp), over
    /// arguments from −60 to 60 and the special cases.
    /// </summary>
    [Fact]
    public void Softplus_on_a_span_is_the_scalar_form_element_by_element()
    {
        var values = new List<double> { 0.0, -0.0, 1e-300, -1e-300, 36.7, -36.7, 37.0, -37.0, 700.0, -745.0, double.NaN };
        var random = new System.Random(20261207);
        while (values.Count < 64)
        {
            values.Add((random.NextDouble() * 120) - 60);
        }

        var span = values.ToArray();
        PueCurve.Softplus(span);
        for (var i = 0; i < values.Count; i++)
        {
            var x = values[i];
            var scalar = PueCurve.Softplus(x);
            BitConverter.DoubleToInt64Bits(span[i]).Should().Be(BitConverter.DoubleToInt64Bits(scalar), $"x = {x:R}");
            if (!double.IsNaN(x))
            {
                var libm = Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));
                Math.Abs(scalar - libm).Should().BeLessThanOrEqualTo(4.5e-16 * Math.Max(1.0, Math.Abs(libm)), $"x = {x:R}");
            }
        }

        double.IsNaN(span[10]).Should().BeTrue("NaN stays NaN");
    }
}
