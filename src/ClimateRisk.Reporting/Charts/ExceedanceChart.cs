using System.Globalization;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.Charts.Internal;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// Loss exceedance curves of a site or the portfolio at one horizon year: the annual aggregate
/// loss (AEP) and the largest single occurrence (OEP) exceeded once in R years, one line per
/// scenario, on a logarithmic return-period axis (MODEL §11). Draws the materiality threshold
/// and shades return periods with fewer than ten simulated paths beyond them.
/// </summary>
public static class ExceedanceChart
{
    /// <summary>Width, CSS pixels.</summary>
    public const double Width = 1000;

    /// <summary>Height, CSS pixels.</summary>
    public const double Height = 290;

    /// <summary>The file stem of the chart of <paramref name="entityId"/> at <paramref name="year"/>.</summary>
    public static string FileStem(string entityId, int year) => $"exceedance_{entityId}_{year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Draws the chart.</summary>
    public static ChartDocument Create(ReportData data, string entityId, int year, ScenarioPalette palette)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(palette);
        var index = data.Index;
        var portfolio = entityId == SimulationResult.PortfolioId;
        var paths = data.Result.Settings.Paths;
        var threshold = data.Threshold(Metric.PhysicalLossCny, portfolio);
        var doc = new ChartDocument(
            FileStem(entityId, year),
            "exceedance",
            Width,
            Height,
            $"Loss exceedance — {data.EntityName(entityId)}, {Format.Int(year)}",
            "Physical loss exceeded on average once in R years, by scenario. AEP: annual aggregate loss; OEP: largest single "
                + (portfolio ? "site's loss of the year." : "peril's loss of the year.") + " Real 2023 CNY m.",
            $"Type-7 quantiles at 1 − 1/R of {Format.Whole(paths)} simulated paths per scenario (MODEL §11). Shaded: fewer than 10 paths beyond that return period.");
        var legend = ChartParts.ScenarioLegend(data, palette).ToList();
        if (threshold is not null)
        {
            legend.Add(new LegendItem($"Materiality {Format.Money(threshold.Materiality)}", LegendSymbol.Line, Fill: "5 3", Stroke: "#444444"));
        }

        doc.AddLegend(legend);

        var curves = new[] { "AEP", "OEP" };
        var allPoints = data.Result.ScenarioIds.SelectMany(s => curves.SelectMany(c => index.Curve(s, entityId, year, c))).ToArray();
        var returnPeriods = allPoints.Select(p => p.ReturnPeriodY).Distinct().Order().ToArray();
        if (returnPeriods.Length < 2)
        {
            returnPeriods = data.Result.Settings.ReturnPeriodsY.Order().ToArray();
        }

        var maxLoss = allPoints.Select(p => p.LossCny).DefaultIfEmpty(0).Max();
        if (threshold is not null && threshold.Materiality <= maxLoss * 1.6)
        {
            maxLoss = Math.Max(maxLoss, threshold.Materiality);
        }

        var panels = doc.Body.Inset(64, 20, 8, 38).Grid(2, 1, 86, 0);
        for (var i = 0; i < curves.Length; i++)
        {
            var area = panels[i];
            var x = new LogScale(returnPeriods[0], returnPeriods[^1], area.X, area.Right);
            var y = LinearScale.Nice(0, maxLoss > 0 ? maxLoss : 1e6, area.Bottom, area.Y);
            var panel = ChartParts.Panel(curves[i], x, y);
            panel.Add(ChartParts.PanelTitle(area, curves[i] == "AEP" ? "AEP — annual aggregate loss" : "OEP — largest single occurrence"));

            var sparse = paths / 10.0;
            if (sparse < returnPeriods[^1])
            {
                var from = x.Map(Math.Max(sparse, returnPeriods[0]));
                panel.Add(SvgElements.Rect(from, area.Y, area.Right - from, area.Height, "#efefef", cssClass: "sparse-region"));
                panel.Add(SvgElements.Text(area.Right - 4, area.Bottom - 16, "< 10 paths beyond", ChartTheme.NoteSize, "end", fill: ChartTheme.Muted));
            }

            panel.Add(Axis.Left(area, y, "Loss (CNY m)", Axis.Millions(y)));
            panel.Add(Axis.Bottom(area, x, "Return period (years, log scale)", v => Format.Whole(v), returnPeriods));
            if (threshold is not null && threshold.Materiality <= y.DomainMax)
            {
                var ty = y.Map(threshold.Materiality);
                panel.Add(SvgElements.Line(area.X, ty, area.Right, ty, "#444444", 1.2, "5 3", "reference materiality"));
                // Under the line when above it would run into the panel title.
                var labelY = ty - 4 - ChartTheme.NoteSize < area.Y + 2 ? ty + ChartTheme.NoteSize + 3 : ty - 4;
                panel.Add(SvgElements.Text(area.X + 4, labelY, "materiality", ChartTheme.NoteSize, fill: "#444444"));
            }

            foreach (var scenario in data.Result.ScenarioIds)
            {
                var points = index.Curve(scenario, entityId, year, curves[i]);
                if (points.Count == 0)
                {
                    continue;
                }

                var style = palette.Style(scenario);
                var series = SvgElements.Group("series-group");
                var line = SvgElements.Polyline(points.Select(p => (x.Map(p.ReturnPeriodY), y.Map(p.LossCny))), style.Colour, 2, style.Dash, "series");
                line.SetAttributeValue("data-source", "exceedance");
                line.SetAttributeValue("data-entity", entityId);
                line.SetAttributeValue("data-scenario", scenario);
                line.SetAttributeValue("data-year", Format.Int(year));
                line.SetAttributeValue("data-curve", curves[i]);
                series.Add(line);
                foreach (var p in points)
                {
                    series.Add(style.MarkerAt(x.Map(p.ReturnPeriodY), y.Map(p.LossCny), 5.5));
                }

                panel.Add(series);
            }

            doc.Add(panel);
        }

        return doc;
    }
}
