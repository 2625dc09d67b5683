using System.Xml.Linq;
using ClimateRisk.Core.Planning;
using ClimateRisk.Core.Statistics;
using ClimateRisk.Reporting.Compare;
using ClimateRisk.Reporting.Tests.TestSupport;

namespace ClimateRisk.Reporting.Tests;

/// <summary>The facility-planning charts: every plotted value read back through the chart's own scale.</summary>
public class CompareChartTests
{
    private static readonly string[] Scenarios = ["nz", "cp"];

    private static CellStatistics Stats(double mean, double p5, double p95) => new()
    {
        Count = 1000, Mean = mean, StandardError = mean / 100, StandardDeviation = mean / 3, P5 = p5, P25 = mean * 0.9, P50 = mean, P75 = mean * 1.1, P95 = p95, P99 = p95 * 1.2, TVaR99 = p95 * 1.3, PExceed = double.NaN,
    };

    private static IReadOnlyList<CandidateResult> Candidates() =>
    [
        .. Scenarios.SelectMany((s, k) => new[] { ("west", 120e6), ("east", 180e6), ("flood", 390e6) }.Select((c, i) => new CandidateResult
        {
            ScenarioId = s,
            SiteId = c.Item1,
            Rank = i + 1,
            Npv = Stats(c.Item2 * (1 - (0.4 * k)), c.Item2 * 0.8 * (1 - (0.4 * k)), c.Item2 * 1.6 * (1 - (0.4 * k))),
            DiscountedItEnergyMwh = 3.05e6,
            Pue2030 = 1.15 + (0.07 * i),
            Pue2050 = 1.14 + (0.07 * i),
            BreachProbability2030 = 0,
            BreachProbability2050 = i / 2.0,
            DominantComponent = "carbon_price",
            ComponentNpv = new Dictionary<string, double> { ["carbon_price"] = c.Item2 / 2 },
            DifferenceToBest = c.Item2 - 120e6,
            DifferenceStandardError = 1e5,
            UnpairedStandardError = 2e6,
        })),
    ];

    private static IReadOnlyList<MeasureResult> Measures() =>
    [
        new() { ScenarioId = "nz", MeasureId = "barrier", SiteId = "east", Benefit = Stats(130e6, 0, 700e6), PresentCostCny = 4e6, EnergyCostSavingCny = 0 },
        new() { ScenarioId = "nz", MeasureId = "ppa", SiteId = "west", Benefit = Stats(-1.7e6, -1.8e6, -1.6e6), PresentCostCny = 2.5e6, EnergyCostSavingCny = 0 },
        new() { ScenarioId = "nz", MeasureId = "noop", SiteId = "west", Benefit = Stats(0, 0, 0), PresentCostCny = 0, EnergyCostSavingCny = 0 },
    ];

    private static readonly Dictionary<string, string> Names = new() { ["west"] = "West hub", ["east"] = "East plain", ["flood"] = "Flood plain" };
    private static readonly Dictionary<string, string> ScenarioNames = new() { ["nz"] = "Net Zero", ["cp"] = "Current Policies" };

    private static CompareReport Report() => new(Candidates(), Measures(), Names, new Dictionary<string, string> { ["barrier"] = "Flood barrier" }, ScenarioNames);

    private static XElement Svg(string stem) => XDocument.Parse(Report().Charts.Single(c => c.FileStem == stem).ToSvg()).Root!;

    private static IEnumerable<(string Row, double X, double Y, XElement Panel)> Plotted(XElement svg, string cssClass)
        => svg.Descendants(SvgFile.Ns + "path").Where(e => SvgFile.HasClass(e, cssClass) && e.Attribute("data-row") is not null)
            .Select(e => ((string)e.Attribute("data-row")!, SvgFile.Translation(e).X, SvgFile.Translation(e).Y, SvgFile.Panel(e)));

    [Theory]
    [InlineData(CandidateRankingChart.FileStem, "NPV of total climate cost (CNY m)")]
    [InlineData(CandidateScatterChart.FileStem, "Climate cost (CNY per MWh IT)")]
    [InlineData(MeasureBenefitChart.FileStem, "Benefit–cost ratio (log scale)")]
    public void Charts_parse_with_a_title_and_axis_labels_with_units(string stem, string axisLabel)
    {
        var svg = Svg(stem);
        svg.Element(SvgFile.Ns + "title")!.Value.Should().NotBeNullOrWhiteSpace();
        svg.Descendants(SvgFile.Ns + "text").Select(t => t.Value).Should().Contain(axisLabel);
    }

    [Fact]
    public void Ranking_markers_and_whiskers_read_back_to_the_candidates_npv()
    {
        var candidates = Candidates().ToDictionary(c => $"{c.ScenarioId}|{c.SiteId}");
        var points = Plotted(Svg(CandidateRankingChart.FileStem), "mean").ToArray();
        points.Should().HaveCount(6);
        foreach (var (row, x, _, panel) in points)
        {
            var scale = SvgFile.XScale(panel)!;
            var expected = candidates[row[..row.LastIndexOf('|')]].Npv.Mean;
            scale.Invert(x).Should().BeApproximately(expected, SvgFile.Tolerance(scale, expected));
        }

        var whiskers = Svg(CandidateRankingChart.FileStem).Descendants(SvgFile.Ns + "line").Where(e => SvgFile.HasClass(e, "interval")).ToArray();
        whiskers.Should().HaveCount(6);
        foreach (var line in whiskers)
        {
            var row = (string)line.Attribute("data-row")!;
            var c = candidates[row[..row.LastIndexOf('|')]];
            var scale = SvgFile.XScale(SvgFile.Panel(line))!;
            scale.Invert(SvgFile.Num(line, "x1")).Should().BeApproximately(c.Npv.P5, SvgFile.Tolerance(scale, c.Npv.P5));
            scale.Invert(SvgFile.Num(line, "x2")).Should().BeApproximately(c.Npv.P95, SvgFile.Tolerance(scale, c.Npv.P95));
        }
    }

    [Fact]
    public void Scatter_points_read_back_to_pue_2050_and_cost_per_mwh()
    {
        var candidates = Candidates().ToDictionary(c => $"{c.ScenarioId}|{c.SiteId}");
        var plotted = Plotted(Svg(CandidateScatterChart.FileStem), "point").ToArray();
        plotted.Select(p => p.Row).Should().BeEquivalentTo(candidates.Keys, "every candidate under every scenario has a finite PUE and cost, so each is plotted once");
        foreach (var (row, x, y, panel) in plotted)
        {
            var c = candidates[row];
            var (sx, sy) = (SvgFile.XScale(panel)!, SvgFile.YScale(panel)!);
            sx.Invert(x).Should().BeApproximately(c.Pue2050, SvgFile.Tolerance(sx, c.Pue2050));
            sy.Invert(y).Should().BeApproximately(c.CostPerMwh, SvgFile.Tolerance(sy, c.CostPerMwh));
        }
    }

    [Fact]
    public void Benefit_cost_ratios_read_back_and_non_positive_ones_sit_at_the_floor()
    {
        var points = Plotted(Svg(MeasureBenefitChart.FileStem), "ratio").ToDictionary(p => p.Row);
        points.Keys.Should().BeEquivalentTo(["nz|barrier|bcr", "nz|ppa|bcr"], "a measure that costs nothing has no ratio");
        var barrier = points["nz|barrier|bcr"];
        var scale = SvgFile.XScale(barrier.Panel)!;
        scale.Invert(barrier.X).Should().BeApproximately(130e6 / 4e6, 32.5 * 0.002);
        scale.Invert(points["nz|ppa|bcr"].X).Should().BeApproximately(MeasureBenefitChart.Floor, MeasureBenefitChart.Floor * 0.002);

        // Whiskers: P5–P95 of the per-path ratio. Barrier: P5 0 / 4e6 = 0 sits at the floor, P95 700e6 / 4e6 = 175;
        // ppa: both ends negative (−1.8e6 and −1.6e6 over 2.5e6), so the whole whisker sits at the floor.
        var whiskers = Svg(MeasureBenefitChart.FileStem).Descendants(SvgFile.Ns + "line").Where(e => SvgFile.HasClass(e, "interval"))
            .ToDictionary(e => (string)e.Attribute("data-row")!);
        whiskers.Keys.Should().BeEquivalentTo(["nz|barrier|p5-p95", "nz|ppa|p5-p95"]);
        var expected = new Dictionary<string, (double P5, double P95)>
        {
            ["nz|barrier|p5-p95"] = (MeasureBenefitChart.Floor, 700e6 / 4e6),
            ["nz|ppa|p5-p95"] = (MeasureBenefitChart.Floor, MeasureBenefitChart.Floor),
        };
        foreach (var (row, (p5, p95)) in expected)
        {
            var line = whiskers[row];
            var lineScale = SvgFile.XScale(SvgFile.Panel(line))!;
            lineScale.Invert(SvgFile.Num(line, "x1")).Should().BeApproximately(p5, p5 * 0.002, row);
            lineScale.Invert(SvgFile.Num(line, "x2")).Should().BeApproximately(p95, p95 * 0.002, row);
            SvgFile.Num(line, "y1").Should().Be(SvgFile.Num(line, "y2"), row);
            SvgFile.Num(line, "y1").Should().BeApproximately(points[row.Replace("p5-p95", "bcr", StringComparison.Ordinal)].Y, 0.011, "the whisker runs through its marker");
        }
    }

    [Fact]
    public void The_pack_holds_the_three_charts_and_both_tables()
    {
        var html = Report().Html();
        html.Should().Contain("id=\"candidate_ranking-chart\"").And.Contain("id=\"candidate_pue_cost-chart\"").And.Contain("id=\"measure_benefit_cost-chart\"");
        html.Should().Contain("Net Zero: the five lowest-cost candidates").And.Contain("Current Policies: the five lowest-cost candidates");
        html.Should().Contain("Flood barrier").And.Contain("32.50 (0.00–175.00)");
    }
}
