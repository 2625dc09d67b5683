using System.Globalization;
using System.Xml.Linq;
using ClimateRisk.Core.Sensitivity;
using ClimateRisk.Reporting.BoardPack;
using ClimateRisk.Reporting.Charts;
using static ClimateRisk.Reporting.Tests.TestSupport.SvgFile;

namespace ClimateRisk.Reporting.Tests;

/// <summary>The sentence and the tornado chart drawn from sensitivity indices.</summary>
public sealed class SensitivityReportingTests
{
    private static SensitivityIndex[] Npv(string scenario, params (SensitivityDriver Driver, double S, double SSe, double T, double TSe)[] given)
        => SensitivityDrivers.All.Select(d =>
        {
            var g = given.FirstOrDefault(x => x.Driver == d);
            var estimate = given.Any(x => x.Driver == d) ? new SobolEstimate(g.S, g.SSe, g.T, g.TSe) : new SobolEstimate(0.001, 0.001, 0.002, 0.0005);
            return new SensitivityIndex(scenario, "portfolio", "total_climate_cost_cny", "npv", d, estimate);
        }).ToArray();

    [Fact]
    public void A_dominant_driver_with_a_second_one_and_an_interaction()
    {
        var rows = Npv(
            "nz",
            (SensitivityDriver.Flood, 0.6182, 0.0795, 0.7217, 0.0516),
            (SensitivityDriver.CarbonPrice, 0.2766, 0.0403, 0.3025, 0.0320),
            (SensitivityDriver.DamageUncertainty, 0.0221, 0.0234, 0.1013, 0.0165));
        SensitivitySentence.For("nz", "NGFS Net Zero 2050", rows).Should().Be(
            "NGFS Net Zero 2050: the spread of the portfolio NPV is driven mostly by river and pluvial floods (alone 62 % ± 8 % of its variance), "
            + "followed by the carbon price (28 % ± 4 %); damage uncertainty matters mainly through interactions (total 10 % ± 2 %, alone 2 % ± 2 %); "
            + "the other 8 drivers each explain less than 5 %.");
    }

    [Fact]
    public void No_dominant_driver()
    {
        var rows = Npv(
            "dt",
            (SensitivityDriver.CarbonPrice, 0.41, 0.05, 0.45, 0.04),
            (SensitivityDriver.Flood, 0.38, 0.06, 0.44, 0.05));
        SensitivitySentence.For("dt", "Delayed", rows).Should().Be(
            "Delayed: no single driver dominates the spread of the portfolio NPV; the largest is the carbon price (41 % ± 5 % alone, 45 % ± 4 % with interactions), "
            + "followed by river and pluvial floods (38 % ± 6 %); the other 9 drivers each explain less than 5 %.");
    }

    [Fact]
    public void Drivers_beyond_those_named_are_bounded_by_the_largest_of_them()
    {
        var rows = Npv(
            "x",
            (SensitivityDriver.Flood, 0.30, 0.05, 0.32, 0.04),
            (SensitivityDriver.CarbonPrice, 0.20, 0.04, 0.22, 0.03),
            (SensitivityDriver.GridFactor, 0.15, 0.03, 0.16, 0.02),
            (SensitivityDriver.Warming, 0.10, 0.03, 0.12, 0.02),
            (SensitivityDriver.Heat, 0.06, 0.02, 0.08, 0.01));
        SensitivitySentence.For("x", "X", rows).Should().EndWith(
            "followed by the carbon price (20 % ± 4 %) and the grid emission factor (15 % ± 3 %); the other 8 drivers each explain at most 12 %.");
    }

    [Fact]
    public void Nothing_material_and_nothing_varying_are_said_plainly()
    {
        SensitivitySentence.For("q", "Quiet", Npv("q")).Should().Be("Quiet: no driver explains as much as 5 % of the spread of the portfolio NPV.");
        var flat = SensitivityDrivers.All.Select(d => new SensitivityIndex("f", "portfolio", "total_climate_cost_cny", "npv", d, SobolEstimate.Undefined)).ToArray();
        SensitivitySentence.For("f", "Flat", flat).Should().Be("Flat: the portfolio NPV does not vary across paths, so no driver can be ranked.");
        SensitivitySentence.For("other", "Other", flat).Should().BeNull();
    }

    [Fact]
    public void A_negative_first_order_estimate_is_shown_with_a_minus_and_a_rounded_zero_without()
    {
        var rows = Npv(
            "n",
            (SensitivityDriver.Flood, 0.81, 0.1, 1.01, 0.06),
            (SensitivityDriver.DamageUncertainty, -0.03, 0.02, 0.14, 0.02),
            (SensitivityDriver.Surge, -0.004, 0.008, 0.013, 0.004));
        SensitivitySentence.For("n", "N", rows).Should().Contain("(total 14 % ± 2 %, alone −3 % ± 2 %)").And.NotContain("−0 %");
    }

    [Fact]
    public void Tornado_chart_sorts_by_the_npv_total_index_and_plots_the_csv_values()
    {
        var npv = Npv("nz", (SensitivityDriver.Flood, 0.6182, 0.0795, 0.7217, 0.0516), (SensitivityDriver.CarbonPrice, 0.2766, 0.0403, 0.3025, 0.0320));
        var cost = npv.Select(i => i with { Horizon = "2050", Estimate = i.Estimate with { FirstOrder = i.Estimate.FirstOrder / 2, Total = i.Estimate.Total / 2 } });
        var older = npv.Select(i => i with { Horizon = "2030" });
        var site = npv.Select(i => i with { EntityId = "site-a", Estimate = new SobolEstimate(0.9, 0.1, 0.9, 0.1) });
        var indices = npv.Concat(cost).Concat(older).Concat(site).ToArray();

        var chart = TornadoChart.Create("nz", "NGFS Net Zero 2050", indices, "NPV 2025–2050", 384);
        var root = XElement.Parse(chart.ToSvg().Split('\n', 2)[1]);
        chart.FileName.Should().Be("sensitivity_nz.svg");
        var labels = root.Descendants(Ns + "text").Where(t => HasClass(t, "category")).Select(t => t.Value).ToArray();
        labels.Should().HaveCount(11);
        labels[0].Should().Be("River and pluvial floods");
        labels[1].Should().Be("Carbon price");

        var bars = root.Descendants(Ns + "rect").Where(r => (string?)r.Attribute("data-source") == "sensitivity").ToArray();
        bars.Should().HaveCount(2 * 2 * 11);
        bars.Select(b => (string)b.Attribute("data-horizon")!).Distinct().Should().BeEquivalentTo(["npv", "2050"]);
        foreach (var bar in bars)
        {
            var driver = (string)bar.Attribute("data-driver")!;
            var horizon = (string)bar.Attribute("data-horizon")!;
            var stat = (string)bar.Attribute("data-stat")!;
            var source = indices.Single(i => i.EntityId == "portfolio" && i.Horizon == horizon && i.Driver.Name() == driver).Estimate;
            var expected = stat == "total" ? source.Total : source.FirstOrder;
            double.Parse((string)bar.Attribute("data-value")!, CultureInfo.InvariantCulture).Should().Be(expected);
            var x = XScale(Panel(bar))!;
            var width = Num(bar, "width");
            x.Invert(x.Map(0) + width).Should().BeApproximately(Math.Clamp(expected, 0, 1), Tolerance(x, expected), $"{driver} {horizon} {stat}");
        }

        root.Descendants(Ns + "text").Where(t => HasClass(t, "axis-label")).Select(t => t.Value).Should().AllBe("Share of variance (%)");
    }
}
