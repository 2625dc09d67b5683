using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClimateRisk.Reporting.Tests.TestSupport;
using static ClimateRisk.Reporting.Tests.TestSupport.SvgFile;

namespace ClimateRisk.Reporting.Tests;

/// <summary>Every chart of the small run: well-formed, titled, labelled axes with units, and its plotted values equal to the results CSVs it was drawn from.</summary>
[Collection(SmallRunGroup.Name)]
public sealed partial class ChartTests(SmallRun run)
{
    private readonly ResultsLookup _results = run.Results;

    [Fact]
    public void The_report_returns_every_file_it_wrote_and_only_those()
    {
        var charts = run.Written.Where(f => f.StartsWith("charts/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        charts.Should().Equal(Directory.GetFiles(run.File("charts"), "*.svg").Select(f => "charts/" + Path.GetFileName(f)).Order(StringComparer.Ordinal));
        run.Written.Should().Contain(["board-pack.html", "sources.html", "register/risk_register.csv", "register/risk_register.xlsx", "register/risk_register.md"]);
        charts.Should().HaveCount(2 + (4 * 3) + 4 + 4 + 3 + 2);
        foreach (var file in run.Written)
        {
            File.Exists(run.File(file)).Should().BeTrue(file);
        }
    }

    [Fact]
    public void Every_chart_parses_has_a_title_and_labelled_axes_with_units()
    {
        foreach (var path in Directory.GetFiles(run.File("charts"), "*.svg"))
        {
            var doc = XDocument.Load(path);
            var root = doc.Root!;
            root.Name.Should().Be(Ns + "svg", path);
            ((string?)root.Element(Ns + "title")).Should().NotBeNullOrWhiteSpace(path);
            var labels = root.Descendants(Ns + "text").Where(t => HasClass(t, "axis-label")).ToArray();
            labels.Should().Contain(t => (string?)t.Attribute("data-axis") == "x", path);
            labels.Should().Contain(t => (string?)t.Attribute("data-axis") == "y" || root.Descendants(Ns + "text").Any(c => HasClass(c, "category")), path);
            foreach (var label in labels)
            {
                UnitPattern().IsMatch(label.Value).Should().BeTrue($"{Path.GetFileName(path)}: axis label '{label.Value}' names its unit in parentheses");
            }

            root.Descendants(Ns + "g").Where(g => HasClass(g, "panel")).Should().NotBeEmpty(path);
        }
    }

    [Fact]
    public void Plotted_lines_bands_and_bars_match_the_year_results()
    {
        var checkedValues = 0;
        foreach (var path in Directory.GetFiles(run.File("charts"), "*.svg"))
        {
            var doc = XDocument.Load(path);
            foreach (var element in doc.Descendants().Where(e => (string?)e.Attribute("data-source") is "site_year" or "portfolio_year"))
            {
                var source = (string)element.Attribute("data-source")!;
                var scenario = (string)element.Attribute("data-scenario")!;
                var entity = (string)element.Attribute("data-entity")!;
                var metric = (string)element.Attribute("data-metric")!;
                var stat = (string)element.Attribute("data-stat")!;
                var panel = Panel(element);
                var x = XScale(panel)!;
                var y = YScale(panel);
                var name = $"{Path.GetFileName(path)} {scenario} {metric} {stat}";
                switch (element.Name.LocalName)
                {
                    case "polyline":
                        foreach (var (px, py) in Points(element))
                        {
                            var year = (int)Math.Round(x.Invert(px));
                            x.Invert(px).Should().BeApproximately(year, 0.01, name);
                            var expected = _results.Cell(source, scenario, entity, year, metric, stat);
                            y!.Invert(py).Should().BeApproximately(expected, Tolerance(y, expected), $"{name} {year}");
                            checkedValues++;
                        }

                        break;
                    case "polygon":
                        var points = Points(element);
                        var half = points.Count / 2;
                        var stats = stat.Split(':');
                        for (var i = 0; i < points.Count; i++)
                        {
                            var (px, py) = points[i];
                            var year = (int)Math.Round(x.Invert(px));
                            var expected = _results.Cell(source, scenario, entity, year, metric, i < half ? stats[0] : stats[1]);
                            y!.Invert(py).Should().BeApproximately(expected, Tolerance(y, expected), $"{name} {year}");
                            checkedValues++;
                        }

                        break;
                    case "rect":
                        var barYear = int.Parse((string)element.Attribute("data-year")!, CultureInfo.InvariantCulture);
                        var value = x.Invert(Num(element, "x") + Num(element, "width")) - x.Invert(Num(element, "x"));
                        var mean = _results.Cell(source, scenario, entity, barYear, metric, stat);
                        value.Should().BeApproximately(mean, 2 * Tolerance(x, mean), $"{name} {barYear}");
                        checkedValues++;
                        break;
                    default:
                        throw new InvalidOperationException($"{name}: unexpected data element {element.Name.LocalName}");
                }
            }
        }

        checkedValues.Should().BeGreaterThan(1000);
    }

    [Fact]
    public void Stacked_bars_add_up_to_the_mean_physical_loss()
    {
        var doc = XDocument.Load(run.File("charts/loss_by_peril_portfolio.svg"));
        foreach (var group in doc.Descendants(Ns + "rect").Where(r => HasClass(r, "bar")).GroupBy(r => ((string)r.Attribute("data-scenario")!, (string)r.Attribute("data-year")!)))
        {
            var x = XScale(Panel(group.First()))!;
            var left = group.Min(r => Num(r, "x"));
            var right = group.Max(r => Num(r, "x") + Num(r, "width"));
            var total = _results.Cell("portfolio_year", group.Key.Item1, "portfolio", int.Parse(group.Key.Item2, CultureInfo.InvariantCulture), "physical_loss_cny", "mean");
            x.Invert(left).Should().BeApproximately(0, Tolerance(x, 0));
            (x.Invert(right) - x.Invert(left)).Should().BeApproximately(total, 2 * Tolerance(x, total) + (1e-9 * total));
        }
    }

    [Fact]
    public void Exceedance_curves_match_exceedance_csv()
    {
        var checkedPoints = 0;
        foreach (var path in Directory.GetFiles(run.File("charts"), "exceedance_*.svg"))
        {
            var doc = XDocument.Load(path);
            foreach (var line in doc.Descendants(Ns + "polyline").Where(p => (string?)p.Attribute("data-source") == "exceedance"))
            {
                var panel = Panel(line);
                var (x, y) = (XScale(panel)!, YScale(panel)!);
                x.Kind.Should().Be("log");
                var expected = _results.Curve((string)line.Attribute("data-scenario")!, (string)line.Attribute("data-entity")!, int.Parse((string)line.Attribute("data-year")!, CultureInfo.InvariantCulture), (string)line.Attribute("data-curve")!);
                var points = Points(line);
                points.Should().HaveCount(expected.Count);
                for (var i = 0; i < points.Count; i++)
                {
                    x.Invert(points[i].X).Should().BeApproximately(expected[i].ReturnPeriod, expected[i].ReturnPeriod * 1e-4);
                    y.Invert(points[i].Y).Should().BeApproximately(expected[i].Loss, Tolerance(y, expected[i].Loss));
                    checkedPoints++;
                }
            }
        }

        checkedPoints.Should().Be(4 * 3 * 2 * 2 * 9);
    }

    [Fact]
    public void Box_plots_match_horizons_csv()
    {
        var doc = XDocument.Load(run.File("charts/cost_distribution.svg"));
        var boxes = doc.Descendants(Ns + "g").Where(g => HasClass(g, "box")).ToArray();
        boxes.Should().HaveCount(2 * 2);
        foreach (var box in boxes)
        {
            var x = XScale(Panel(box))!;
            var scenario = (string)box.Attribute("data-scenario")!;
            var horizon = (string)box.Attribute("data-horizon")!;
            double Expected(string stat) => _results.Horizon(scenario, "portfolio", horizon, "total_climate_cost_cny", stat);
            void Check(double coordinate, string stat) => x.Invert(coordinate).Should().BeApproximately(Expected(stat), Tolerance(x, Expected(stat)), $"{scenario} {horizon} {stat}");

            var whisker = box.Elements().Single(e => (string?)e.Attribute("data-stat") == "p5:p95");
            Check(Num(whisker, "x1"), "p5");
            Check(Num(whisker, "x2"), "p95");
            var iqr = box.Elements().Single(e => (string?)e.Attribute("data-stat") == "p25:p75");
            Check(Num(iqr, "x"), "p25");
            Check(Num(iqr, "x") + Num(iqr, "width"), "p75");
            Check(Num(box.Elements().Single(e => (string?)e.Attribute("data-stat") == "p50"), "x1"), "p50");
            Check(Translation(box.Elements().Single(e => (string?)e.Attribute("data-stat") == "mean")).X, "mean");
        }

        boxes.Select(b => (string)b.Attribute("data-horizon")!).Distinct().Should().BeEquivalentTo("2050", "npv_2025_2050");
    }

    [Fact]
    public void Heat_map_cells_hold_the_register_scores()
    {
        var register = CsvFile.Read(run.File("register/risk_register.csv"));
        foreach (var scenario in run.Result.ScenarioIds)
        {
            var doc = XDocument.Load(run.File($"charts/heatmap_{scenario}.svg"));
            var placed = new List<string>();
            foreach (var cell in doc.Descendants(Ns + "g").Where(g => HasClass(g, "heat-cell")))
            {
                var ids = cell.Elements(Ns + "text").Where(t => HasClass(t, "risk-id")).Select(t => (string)t.Attribute("data-risk-id")!)
                    .Concat(cell.Elements(Ns + "text").Where(t => HasClass(t, "risk-more")).SelectMany(t => ((string)t.Attribute("data-hidden")!).Split(' ')))
                    .ToArray();
                foreach (var id in ids)
                {
                    var row = register.Where(("risk_id", id)).Single();
                    register.Text(row, $"{scenario}_likelihood").Should().Be((string)cell.Attribute("data-likelihood")!, id);
                    register.Text(row, $"{scenario}_impact").Should().Be((string)cell.Attribute("data-impact")!, id);
                }

                placed.AddRange(ids);
            }

            placed.Should().BeEquivalentTo(register.Where(("exposed", "true")).Select(r => register.Text(r, "risk_id")), "every exposed risk is placed once");
        }
    }

    [Fact]
    public void Yizhuang_fan_chart_draws_the_beijing_limit_of_1_35_from_2026_and_the_target()
    {
        var doc = XDocument.Load(run.File("charts/pue_ksc-beijing-yizhuang.svg"));
        var panels = doc.Descendants(Ns + "g").Where(g => HasClass(g, "panel")).ToArray();
        panels.Should().HaveCount(2);
        foreach (var panel in panels)
        {
            var (x, y) = (XScale(panel)!, YScale(panel)!);
            var limit = panel.Elements(Ns + "polyline").Single(p => HasClass(p, "limit"));
            var points = Points(limit);
            x.Invert(points.Min(p => p.X)).Should().BeApproximately(2026, 0.01);
            x.Invert(points.Max(p => p.X)).Should().BeApproximately(2050, 0.01);
            points.Should().OnlyContain(p => Math.Abs(y.Invert(p.Y) - 1.35) < Tolerance(y, 1.35));
            var target = panel.Elements(Ns + "line").Single(l => HasClass(l, "target"));
            y.Invert(Num(target, "y1")).Should().BeApproximately(run.Inputs.Sites.Single(s => s.Id == "ksc-beijing-yizhuang").PueTarget, Tolerance(y, 1.35));
        }
    }

    [Fact]
    public void Scenario_styles_are_the_same_in_every_chart()
    {
        var styles = new Dictionary<string, HashSet<string>>();
        foreach (var path in Directory.GetFiles(run.File("charts"), "*.svg"))
        {
            var doc = XDocument.Load(path);
            foreach (var line in doc.Descendants(Ns + "polyline").Where(p => HasClass(p, "series")))
            {
                var scenario = (string)line.Attribute("data-scenario")!;
                var style = $"{(string?)line.Attribute("stroke")} {(string?)line.Attribute("stroke-dasharray")}";
                if (!styles.TryGetValue(scenario, out var set))
                {
                    styles[scenario] = set = [];
                }

                set.Add(style);
            }
        }

        styles.Keys.Should().BeEquivalentTo(run.Result.ScenarioIds);
        styles.Values.Should().OnlyContain(s => s.Count == 1);
        styles.Values.Select(s => s.Single()).Distinct().Should().HaveCount(styles.Count, "each scenario has its own colour and dash");
    }

    [GeneratedRegex(@"\(.+\)")]
    private static partial Regex UnitPattern();
}
