using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.Charts.Internal;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// PUE fan chart of one site: per scenario (one small panel each, shared axes) the median annual
/// PUE with its P25–P75 and P5–P95 bands by year, the operator's PUE target and the regulatory
/// limit in force (a step line, e.g. Beijing's 1.35 from 2026), and the probability of being
/// above the limit in the last year (MODEL §4, §10).
/// </summary>
public static class PueFanChart
{
    /// <summary>
    /// Width, CSS pixels: drawn for one column of the site page (half of A4 landscape, about
    /// 136 mm, so 10.5 px ticks print at about 7 pt).
    /// </summary>
    public const double Width = 560;

    /// <summary>Height, CSS pixels: panels two abreast, each tall enough to show the bands.</summary>
    public const double Height = 410;

    private const string ReferenceInk = "#333333";

    /// <summary>The file stem of a site's chart.</summary>
    public static string FileStem(string siteId) => "pue_" + siteId;

    /// <summary>Draws the chart of <paramref name="site"/>.</summary>
    public static ChartDocument Create(ReportData data, Site site, ScenarioPalette palette)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(palette);
        var index = data.Index;
        var years = index.Years;
        var scenarios = data.Result.ScenarioIds;
        var limits = years.Select(y => (Year: y, Rule: data.LimitInForce(site, y))).ToArray();
        var rules = limits.Where(l => l.Rule is not null).Select(l => l.Rule!).Distinct().ToArray();
        var limitText = string.Join("; ", rules.Select(r => $"{Format.Pue(r.LimitPue)} from {Format.Int(r.FromYear)}{(data.IsAssumption(r) ? " (assumed)" : string.Empty)}"));
        var assumed = rules.Length > 0 && rules.All(data.IsAssumption) ? "Limit, assumed" : rules.Any(data.IsAssumption) ? "Limit, partly assumed" : "Regulatory limit";
        var doc = new ChartDocument(
            FileStem(site.Id),
            "pue-fan",
            Width,
            Height,
            "PUE by year",
            $"{site.Name}: annual PUE by scenario (median, P25–P75, P5–P95). Reported {Format.Pue(site.ReportedPue)} ({Format.Int(site.ReportingYear)}); "
                + $"target {Format.Pue(site.PueTarget)}" + (limitText.Length > 0 ? $"; {site.PueJurisdiction} limit {limitText}." : "; no regulatory limit."),
            "With the operator's planned efficiency programme and climate-driven drift (MODEL §4). P(> limit): share of paths above the limit in force.");
        doc.AddLegend(
        [
            new LegendItem("Median", LegendSymbol.Line, Stroke: ReferenceInk),
            new LegendItem("P25–P75", LegendSymbol.Swatch, Fill: "#777777", Stroke: "none", Opacity: 0.45),
            new LegendItem("P5–P95", LegendSymbol.Swatch, Fill: "#777777", Stroke: "none", Opacity: 0.2),
            new LegendItem($"Target {Format.Pue(site.PueTarget)}", LegendSymbol.Line, Fill: "2 2.5", Stroke: ReferenceInk),
            new LegendItem(assumed, LegendSymbol.Line, Stroke: "#9b1c1c"),
        ]);

        var values = scenarios.SelectMany(s => years.SelectMany(y => new[] { index.Cell(s, site.Id, y, Metric.Pue).P5, index.Cell(s, site.Id, y, Metric.Pue).P95 }))
            .Append(site.PueTarget)
            .Concat(limits.Where(l => l.Rule is not null).Select(l => l.Rule!.LimitPue))
            .ToArray();
        var (lo, hi) = (values.Min(), values.Max());
        var pad = Math.Max(0.005, (hi - lo) * 0.05);

        // Panels two abreast in a column-wide chart (three from 800 px): a panel needs ~220 px for its years.
        var columns = Math.Min(Width >= 800 ? 3 : 2, scenarios.Count);
        var rows = (scenarios.Count + columns - 1) / columns;
        // Each panel has two header lines (scenario name, then P(> limit)) above it and year ticks below.
        // Years are labelled under the last row only (the panels share their x axis), so a row gap holds just those two lines.
        var cells = doc.Body.Inset(56, 32, 8, 34).Grid(columns, rows, 36, 40);
        for (var k = 0; k < scenarios.Count; k++)
        {
            var scenario = scenarios[k];
            var area = cells[k];
            var style = palette.Style(scenario);
            var x = LinearScale.Years(years[0], years[^1], area.X, area.Right);
            // As many y ticks as the panel's height holds with a label's height (plus air) between them.
            var yTicks = Math.Clamp((int)(area.Height / (ChartTheme.TickSize * 2.2)), 2, 4);
            var y = LinearScale.Nice(lo - pad, hi + pad, area.Bottom, area.Y, yTicks);
            var panel = ChartParts.Panel(scenario, x, y);
            panel.Add(ChartParts.StyleSample(style, area.X, area.Y - 24, 18));
            var last = years[^1];
            var breach = index.Cell(scenario, site.Id, last, Metric.Pue).PExceed;
            var breachText = double.IsNaN(breach) ? string.Empty : $"P(> limit) {Format.Int(last)}: {Format.Percent(breach)}";
            var noteSize = ChartTheme.NoteSize + 0.5;

            // The title has the panel's whole width (the note sits on its own line below it).
            panel.Add(SvgElements.Text(area.X + 24, area.Y - 20, ChartParts.Ellipsize(data.ScenarioName(scenario), area.Width - 24, ChartTheme.PanelTitleSize, bold: true), ChartTheme.PanelTitleSize, weight: "bold", cssClass: "panel-title"));
            var firstColumn = k % columns == 0;
            var lastRow = k / columns == rows - 1 || k + columns >= scenarios.Count;
            panel.Add(Axis.Left(area, y, firstColumn ? "PUE (ratio)" : string.Empty, Axis.Plain(y, yTicks), y.Ticks(yTicks), showTickLabels: true));
            panel.Add(Axis.Bottom(area, x, lastRow ? "Year (calendar)" : string.Empty, v => lastRow ? Format.Int((int)Math.Round(v)) : string.Empty, YearTicks(years), grid: false));

            var cells95 = years.Select(t => index.Cell(scenario, site.Id, t, Metric.Pue)).ToArray();
            panel.Add(Band(x, y, years, cells95.Select(c => c.P5).ToArray(), cells95.Select(c => c.P95).ToArray(), style.Colour, 0.2, site.Id, scenario, "p5:p95"));
            panel.Add(Band(x, y, years, cells95.Select(c => c.P25).ToArray(), cells95.Select(c => c.P75).ToArray(), style.Colour, 0.42, site.Id, scenario, "p25:p75"));

            var median = SvgElements.Polyline(years.Select((t, i) => (x.Map(t), y.Map(cells95[i].P50))), style.Colour, 2.2, style.Dash, "series");
            median.SetAttributeValue("data-source", "site_year");
            median.SetAttributeValue("data-entity", site.Id);
            median.SetAttributeValue("data-scenario", scenario);
            median.SetAttributeValue("data-metric", Metric.Pue.Name());
            median.SetAttributeValue("data-stat", "p50");
            panel.Add(median);

            var target = SvgElements.Line(area.X, y.Map(site.PueTarget), area.Right, y.Map(site.PueTarget), ReferenceInk, 1.3, "2 2.5", "reference target");
            target.SetAttributeValue("data-value", Format.Fixed(site.PueTarget, 4));
            panel.Add(target);

            foreach (var segment in LimitSegments(limits))
            {
                var limit = SvgElements.Polyline(segment.Select(p => (x.Map(p.Year), y.Map(p.Limit))), "#9b1c1c", 1.8, cssClass: "reference limit");
                panel.Add(limit);
            }

            if (breachText.Length > 0)
            {
                var note = SvgElements.Text(area.Right, area.Y - 5, breachText, noteSize, "end", "bold", ReferenceInk, "annotation");
                panel.Add(note);
            }

            doc.Add(panel);
        }

        return doc;
    }

    private static System.Xml.Linq.XElement Band(LinearScale x, LinearScale y, IReadOnlyList<int> years, double[] lower, double[] upper, string colour, double opacity, string site, string scenario, string stat)
    {
        var points = years.Select((t, i) => (x.Map(t), y.Map(lower[i])))
            .Concat(years.Select((t, i) => (x.Map(t), y.Map(upper[i]))).Reverse());
        var band = SvgElements.Polygon(points, colour, opacity, "band");
        band.SetAttributeValue("data-source", "site_year");
        band.SetAttributeValue("data-entity", site);
        band.SetAttributeValue("data-scenario", scenario);
        band.SetAttributeValue("data-metric", Metric.Pue.Name());
        band.SetAttributeValue("data-stat", stat);
        return band;
    }

    /// <summary>Runs of years with a limit in force, as step-line points (a change is drawn as a vertical step at the year it takes effect).</summary>
    private static List<List<(int Year, double Limit)>> LimitSegments((int Year, PueRule? Rule)[] limits)
    {
        var segments = new List<List<(int Year, double Limit)>>();
        List<(int Year, double Limit)>? current = null;
        for (var i = 0; i < limits.Length; i++)
        {
            var (year, rule) = limits[i];
            if (rule is null)
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                current = [(year, rule.LimitPue)];
                segments.Add(current);
            }
            else if (current[^1].Limit != rule.LimitPue)
            {
                current.Add((year, current[^1].Limit));
                current.Add((year, rule.LimitPue));
            }

            var runEnds = i == limits.Length - 1 || limits[i + 1].Rule is null;
            if (runEnds && current[^1] != (year, rule.LimitPue) || runEnds && current.Count == 1)
            {
                current.Add((year, rule.LimitPue));
            }
        }

        return segments;
    }

    private static double[] YearTicks(IReadOnlyList<int> years)
    {
        var span = years[^1] - years[0];
        var step = span > 20 ? 5 : span > 8 ? 2 : 1;
        return years.Where(y => y % step == 0).Select(y => (double)y).ToArray();
    }
}
