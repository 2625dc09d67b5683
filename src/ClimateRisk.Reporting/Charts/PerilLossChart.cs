using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.Charts.Internal;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Svg;
using ClimateRisk.Reporting.Svg.Internal;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// Expected annual physical loss of a site or the portfolio, stacked by peril (direct damage +
/// business interruption), one horizontal bar per scenario, one panel per reporting horizon on a
/// shared axis (MODEL §5–§9). Means add up, so the stack's length is the mean total loss.
/// </summary>
public static class PerilLossChart
{
    /// <summary>Width, CSS pixels.</summary>
    public const double Width = 1000;

    private const double LabelColumn = 190;
    private const double RowPitch = 17;

    /// <summary>The file stem of an entity's chart.</summary>
    public static string FileStem(string entityId) => "loss_by_peril_" + entityId;

    /// <summary>
    /// Height for <paramref name="scenarios"/> bars: the fixed parts (title, subtitle, one legend
    /// row, panel titles, axis, note: 158 px) plus a row pitch that holds a label (was 124 + 21 per
    /// row, which left two scenarios 4 px apart).
    /// </summary>
    public static double HeightFor(int scenarios) => 158 + (scenarios * RowPitch);

    /// <summary>
    /// Width of a site's chart, CSS pixels: one column of the site page beside the PUE fan chart
    /// (the portfolio's chart keeps the page's full <see cref="Width"/>).
    /// </summary>
    public const double SiteWidth = 560;

    /// <summary>Height of a site's chart for up to six scenarios (a row pitch more for each further one): under the site's facts, beside the PUE fan chart, the two columns ending together.</summary>
    public const double SiteHeight = 280;

    /// <summary>Draws the chart: full width for the portfolio, a site-page column for a site.</summary>
    public static ChartDocument Create(ReportData data, string entityId, ScenarioPalette palette)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(palette);
        var index = data.Index;
        var scenarios = data.Result.ScenarioIds;
        var horizons = index.ReportingYears;
        var source = entityId == SimulationResult.PortfolioId ? "portfolio_year" : "site_year";
        var doc = new ChartDocument(
            FileStem(entityId),
            "loss-by-peril",
            entityId == SimulationResult.PortfolioId ? Width : SiteWidth,
            entityId == SimulationResult.PortfolioId ? HeightFor(scenarios.Count) : SiteHeight + (Math.Max(0, scenarios.Count - 6) * RowPitch),
            entityId == SimulationResult.PortfolioId ? $"Expected annual physical loss by peril — {data.EntityName(entityId)}" : "Expected annual physical loss by peril",
            entityId == SimulationResult.PortfolioId
                ? "Mean annual loss (direct damage + business interruption; drought: extra energy + BI) at the reporting horizons, by scenario. Real 2023 CNY m."
                : $"{data.EntityName(entityId)}: mean annual loss (direct damage + BI; drought: extra energy + BI) by horizon and scenario. Real 2023 CNY m.",
            "Means over all simulated paths, so rare severe events are included at their probability; see the exceedance curves for the tail.");
        doc.AddLegend(Peril.All.Select(p => new LegendItem(p.Name, LegendSymbol.Swatch, Fill: p.Colour, Stroke: "#444444")).ToArray());

        double Mean(string scenario, int year, Peril peril) => peril.Metrics.Sum(m => index.Cell(scenario, entityId, year, m).Mean);
        var max = scenarios.SelectMany(s => horizons.Select(h => Peril.All.Sum(p => Math.Max(0, Mean(s, h, p))))).DefaultIfEmpty(0).Max();

        // In a site-page column the scenario names wrap onto two lines to leave the panels their width.
        var labelColumn = doc.Width >= Width ? LabelColumn : 140;
        var body = doc.Body.Inset(labelColumn, 18, 30, 38);
        var panels = body.Grid(horizons.Count, 1, doc.Width >= Width ? 34 : 30, 0);
        var pitch = body.Height / Math.Max(1, scenarios.Count);
        var barHeight = Math.Min(16, pitch * 0.68);
        for (var k = 0; k < scenarios.Count; k++)
        {
            var style = palette.Style(scenarios[k]);
            var cy = body.Y + (pitch * (k + 0.5));
            doc.Add(ChartParts.StyleSample(style, doc.Body.X, cy, 20));
            doc.Add(ChartParts.WrappedLabel(doc.Body.X + 26, cy, data.ScenarioName(scenarios[k]), ChartTheme.TickSize, labelColumn - 34, "category", pitch));
        }

        for (var h = 0; h < horizons.Count; h++)
        {
            var year = horizons[h];
            var area = panels[h];
            // As many ticks (at most 4) as the panel's width holds with their labels measured.
            var ticks = 4;
            var x = LinearScale.Nice(0, max > 0 ? max : 1e6, area.X, area.Right, ticks);
            while (ticks > 2 && !TickLabelsFit(x, ticks, area.Width))
            {
                ticks--;
                x = LinearScale.Nice(0, max > 0 ? max : 1e6, area.X, area.Right, ticks);
            }

            var panel = ChartParts.Panel(Format.Int(year), x, null);
            panel.Add(ChartParts.PanelTitle(area, Format.Int(year)));
            // A narrow panel (site page) is too narrow for the full axis title.
            var axisTitle = TextMetrics.Width("Mean annual loss (CNY m)", ChartTheme.AxisLabelSize) > area.Width + 20 ? "Loss (CNY m)" : "Mean annual loss (CNY m)";
            panel.Add(Axis.Bottom(area, x, axisTitle, Axis.Millions(x, ticks), x.Ticks(ticks)));
            panel.Add(SvgElements.Line(area.X, area.Y, area.X, area.Bottom, ChartTheme.Ink, 1));
            for (var k = 0; k < scenarios.Count; k++)
            {
                var scenario = scenarios[k];
                var top = area.Y + (pitch * (k + 0.5)) - (barHeight / 2);
                var cumulative = 0.0;
                foreach (var peril in Peril.All)
                {
                    var value = Math.Max(0, Mean(scenario, year, peril));
                    if (value <= 0)
                    {
                        continue;
                    }

                    var bar = SvgElements.Rect(x.Map(cumulative), top, x.Map(cumulative + value) - x.Map(cumulative), barHeight, peril.Colour, "#ffffff", 0.5, "bar");
                    bar.SetAttributeValue("data-source", source);
                    bar.SetAttributeValue("data-entity", entityId);
                    bar.SetAttributeValue("data-scenario", scenario);
                    bar.SetAttributeValue("data-year", Format.Int(year));
                    bar.SetAttributeValue("data-metric", peril.MetricKey);
                    bar.SetAttributeValue("data-stat", "mean");
                    panel.Add(bar);
                    cumulative += value;
                }

                panel.Add(SvgElements.Text(x.Map(cumulative) + 4, top + (barHeight / 2) + 3.5, Format.Millions(cumulative), ChartTheme.NoteSize + 0.5, fill: ChartTheme.Ink, cssClass: "bar-total"));
            }

            doc.Add(panel);
        }

        return doc;
    }

    /// <summary>Whether the tick labels of <paramref name="x"/> at <paramref name="ticks"/> fit a panel of <paramref name="width"/> px with air between them.</summary>
    private static bool TickLabelsFit(LinearScale x, int ticks, double width)
    {
        var format = Axis.Millions(x, ticks);
        var values = x.Ticks(ticks);
        var widest = values.Select(v => TextMetrics.Width(format(v), ChartTheme.TickSize)).DefaultIfEmpty(0).Max();
        return values.Count < 2 || width / (values.Count - 1) >= widest + 8;
    }
}
