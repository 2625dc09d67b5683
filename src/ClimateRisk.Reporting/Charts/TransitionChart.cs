using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.Charts.Internal;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// Transition metrics of a site or the portfolio over time, one line per scenario: the carbon
/// cost (coverage × carbon price × (Scope 1 + Scope 2 market-based)) and the Scope 2
/// market-based emissions (MODEL §10). Means; markers at the reporting horizons.
/// </summary>
public static class TransitionChart
{
    /// <summary>Width, CSS pixels.</summary>
    public const double Width = 1000;

    /// <summary>Height, CSS pixels.</summary>
    public const double Height = 300;

    /// <summary>The file stem of an entity's chart.</summary>
    public static string FileStem(string entityId) => "transition_" + entityId;

    /// <summary>Draws the chart.</summary>
    public static ChartDocument Create(ReportData data, string entityId, ScenarioPalette palette)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(palette);
        var index = data.Index;
        var years = index.Years;
        var horizons = index.Horizons;
        var source = entityId == SimulationResult.PortfolioId ? "portfolio_year" : "site_year";
        var doc = new ChartDocument(
            FileStem(entityId),
            "transition",
            Width,
            Height,
            $"Carbon cost and Scope 2 emissions — {data.EntityName(entityId)}",
            "Mean by year and scenario. Carbon cost = coverage × carbon price × (Scope 1 + Scope 2 market-based), real 2023 CNY m; Scope 2 market-based, kt CO2.",
            "Scope 2 market-based = facility energy × (1 − renewable share) × grid factor (MODEL §10); the renewable share follows the operator's plan in data/sites.csv.");
        doc.AddLegend(ChartParts.ScenarioLegend(data, palette));

        (Metric Metric, string Title, string Label, double Factor)[] panels =
        [
            (Metric.CarbonCostCny, "Carbon cost", "Carbon cost (CNY m)", 1e-6),
            (Metric.Scope2MarketT, "Scope 2 emissions, market-based", "Scope 2 market-based (kt CO2)", 1e-3),
        ];
        var areas = doc.Body.Inset(64, 22, 8, 40).Grid(2, 1, 90, 0);
        for (var i = 0; i < panels.Length; i++)
        {
            var (metric, title, label, factor) = panels[i];
            var area = areas[i];
            var means = data.Result.ScenarioIds.ToDictionary(s => s, s => years.Select(t => index.Cell(s, entityId, t, metric).Mean).ToArray());
            var max = means.Values.SelectMany(v => v).DefaultIfEmpty(0).Max();
            var min = Math.Min(0, means.Values.SelectMany(v => v).DefaultIfEmpty(0).Min());
            var x = LinearScale.Years(years[0], years[^1], area.X, area.Right);
            var y = LinearScale.Nice(min, max > min ? max : min + (1 / factor), area.Bottom, area.Y);
            var panel = ChartParts.Panel(metric.Name(), x, y);
            panel.Add(ChartParts.PanelTitle(area, title));
            panel.Add(Axis.Left(area, y, label, Axis.Plain(y, 5, factor)));
            panel.Add(Axis.Bottom(area, x, "Year (calendar)", v => Format.Int((int)Math.Round(v)), years.Where(t => t % 5 == 0).Select(t => (double)t).ToArray(), grid: false));
            foreach (var scenario in data.Result.ScenarioIds)
            {
                var style = palette.Style(scenario);
                var line = SvgElements.Polyline(years.Select((t, j) => (x.Map(t), y.Map(means[scenario][j]))), style.Colour, 2, style.Dash, "series");
                line.SetAttributeValue("data-source", source);
                line.SetAttributeValue("data-entity", entityId);
                line.SetAttributeValue("data-scenario", scenario);
                line.SetAttributeValue("data-metric", metric.Name());
                line.SetAttributeValue("data-stat", "mean");
                panel.Add(line);
                foreach (var h in horizons)
                {
                    var j = h - years[0];
                    panel.Add(style.MarkerAt(x.Map(h), y.Map(means[scenario][j]), 6.5));
                }
            }

            doc.Add(panel);
        }

        return doc;
    }
}
