using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;
using ClimateRisk.Reporting.Charts.Internal;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// Distribution of the portfolio's total climate cost by scenario as box plots from the
/// results' quantiles (box P25–P75, median line, whiskers P5–P95, marker at the mean): the
/// annual cost in the long horizon (2050) and the NPV over the simulated years (MODEL §11).
/// </summary>
public static class CostDistributionChart
{
    /// <summary>Width, CSS pixels.</summary>
    public const double Width = 1000;

    /// <summary>File stem.</summary>
    public const string FileStem = "cost_distribution";

    private const double LabelColumn = 190;
    private const double RowHeight = 27;

    /// <summary>Height for <paramref name="scenarios"/> rows.</summary>
    public static double HeightFor(int scenarios) => 150 + (scenarios * RowHeight);

    /// <summary>Draws the chart for the portfolio.</summary>
    public static ChartDocument Create(ReportData data, ScenarioPalette palette)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(palette);
        var index = data.Index;
        var settings = data.Result.Settings;
        var year = index.LongHorizon;
        var scenarios = data.Result.ScenarioIds;
        const string entity = SimulationResult.PortfolioId;
        var npvLabel = $"npv_{Format.Int(settings.FirstYear)}_{Format.Int(settings.LastYear)}";
        var doc = new ChartDocument(
            FileStem,
            "cost-distribution",
            Width,
            HeightFor(scenarios.Count),
            "Distribution of total climate cost by scenario — portfolio",
            $"Box: P25–P75; line: median; whiskers: P5–P95; marker: mean. Left: annual cost in {Format.Int(year)}; right: NPV {Format.Int(settings.FirstYear)}–{Format.Int(settings.LastYear)} at the scenario's discount rate. Real 2023 CNY m.",
            "Total climate cost = physical loss + climate-driven energy cost + carbon cost + PUE surcharge + green-power premium (MODEL §11). Quantiles are exact order statistics of the paths.");

        (string Key, string Title, Func<string, CellStatistics> Stats)[] panels =
        [
            (Format.Int(year), $"Annual total climate cost, {Format.Int(year)}", s => index.Cell(s, entity, year, Metric.TotalClimateCostCny)),
            (npvLabel, $"NPV of total climate cost, {Format.Int(settings.FirstYear)}–{Format.Int(settings.LastYear)}", s => index.Npv(s, entity)),
        ];
        var body = doc.Body.Inset(LabelColumn, 20, 20, 38);
        var areas = body.Grid(2, 1, 36, 0);
        var pitch = body.Height / Math.Max(1, scenarios.Count);
        for (var k = 0; k < scenarios.Count; k++)
        {
            var cy = body.Y + (pitch * (k + 0.5));
            doc.Add(ChartParts.StyleSample(palette.Style(scenarios[k]), doc.Body.X, cy, 20));
            doc.Add(ChartParts.WrappedLabel(doc.Body.X + 26, cy, data.ScenarioName(scenarios[k]), ChartTheme.TickSize, LabelColumn - 34, "category", pitch));
        }

        for (var i = 0; i < panels.Length; i++)
        {
            var (key, title, stats) = panels[i];
            var area = areas[i];
            var all = scenarios.Select(stats).ToArray();
            var min = Math.Min(0, all.Min(s => Math.Min(s.P5, s.Mean)));
            var max = all.Max(s => Math.Max(s.P95, s.Mean));
            var x = LinearScale.Nice(min, max > min ? max : min + 1e6, area.X, area.Right, 5);
            var panel = ChartParts.Panel(key, x, null);
            panel.Add(ChartParts.PanelTitle(area, title));
            panel.Add(Axis.Bottom(area, x, "Total climate cost (CNY m)", Axis.Millions(x)));
            panel.Add(SvgElements.Line(area.X, area.Y, area.X, area.Bottom, ChartTheme.Ink, 1));
            for (var k = 0; k < scenarios.Count; k++)
            {
                var scenario = scenarios[k];
                var s = all[k];
                var style = palette.Style(scenario);
                var cy = area.Y + (pitch * (k + 0.5));
                var box = SvgElements.Group("box", ("data-source", "horizons"), ("data-entity", entity), ("data-scenario", scenario), ("data-horizon", key), ("data-metric", Metric.TotalClimateCostCny.Name()));
                box.Add(Attr(SvgElements.Line(x.Map(s.P5), cy, x.Map(s.P95), cy, style.Colour, 1.4, cssClass: "whisker"), "p5:p95"));
                box.Add(SvgElements.Line(x.Map(s.P5), cy - 6, x.Map(s.P5), cy + 6, style.Colour, 1.4));
                box.Add(SvgElements.Line(x.Map(s.P95), cy - 6, x.Map(s.P95), cy + 6, style.Colour, 1.4));
                var rect = SvgElements.Rect(x.Map(s.P25), cy - 8, x.Map(s.P75) - x.Map(s.P25), 16, style.Colour, style.Colour, 1.4, "box-iqr");
                rect.SetAttributeValue("fill-opacity", "0.28");
                box.Add(Attr(rect, "p25:p75"));
                box.Add(Attr(SvgElements.Line(x.Map(s.P50), cy - 8, x.Map(s.P50), cy + 8, style.Colour, 3, cssClass: "median"), "p50"));
                box.Add(Attr(style.MarkerAt(x.Map(s.Mean), cy, 7.5, "mean"), "mean"));
                panel.Add(box);
            }

            doc.Add(panel);
        }

        return doc;
    }

    private static System.Xml.Linq.XElement Attr(System.Xml.Linq.XElement element, string stat)
    {
        element.SetAttributeValue("data-stat", stat);
        return element;
    }
}
