using ClimateRisk.Core.Sensitivity;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.Charts.Internal;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// What drives the spread of a scenario's portfolio cost: one row per driver group, sorted by its
/// total Sobol index for the NPV, with the total index (alone and through interactions) as a
/// light bar, the first-order index (alone) as a dark bar inside it and ± 2 s.e. whiskers; one
/// panel for the NPV and one for the total climate cost of the last horizon
/// (results/sensitivity.csv; docs/model.md, "Sensitivity").
/// </summary>
public static class TornadoChart
{
    /// <summary>Width, CSS pixels.</summary>
    public const double Width = 720;

    /// <summary>Total index bar colour.</summary>
    public const string TotalColour = "#a6c8e4";

    /// <summary>First-order index bar colour.</summary>
    public const string FirstOrderColour = "#1f5f99";

    private const double LabelColumn = 168;

    // Each panel keeps this much on its right for the "first / total" numbers.
    private const double ValueColumn = 64;
    private const double RowPitch = 21;

    /// <summary>The file stem of a scenario's chart.</summary>
    public static string FileStem(string scenarioId) => "sensitivity_" + scenarioId;

    /// <summary>Height for <paramref name="drivers"/> rows.</summary>
    public static double HeightFor(int drivers) => 150 + (drivers * RowPitch);

    /// <summary>
    /// The horizon of the cost panel: the latest year among the portfolio's total-climate-cost
    /// rows of <paramref name="indices"/> (2050 by default), or null when there is none.
    /// </summary>
    public static int? CostYear(IEnumerable<SensitivityIndex> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return indices
            .Where(i => i.EntityId == SimulationResult.PortfolioId && i.Metric == Metric.TotalClimateCostCny.Name() && i.Horizon != "npv")
            .Select(i => int.Parse(i.Horizon, System.Globalization.CultureInfo.InvariantCulture))
            .Select(y => (int?)y)
            .Max();
    }

    /// <summary>
    /// Draws the chart of <paramref name="scenarioId"/> from the rows of <paramref name="indices"/>
    /// (other scenarios and entities are ignored).
    /// </summary>
    /// <param name="scenarioId">Scenario.</param>
    /// <param name="scenarioName">Its display name.</param>
    /// <param name="indices">Rows of results/sensitivity.csv.</param>
    /// <param name="npvLabel">How the NPV is named, e.g. "NPV 2025–2050".</param>
    /// <param name="baseRows">N_s of the design, for the note (0 when unknown).</param>
    public static ChartDocument Create(string scenarioId, string scenarioName, IReadOnlyList<SensitivityIndex> indices, string npvLabel, int baseRows)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var own = indices.Where(i => i.ScenarioId == scenarioId && i.EntityId == SimulationResult.PortfolioId && i.Metric == Metric.TotalClimateCostCny.Name()).ToArray();
        var costYear = CostYear(own);
        var npv = own.Where(i => i.Horizon == "npv").ToDictionary(i => i.Driver, i => i.Estimate);
        var cost = costYear is { } y
            ? own.Where(i => i.Horizon == y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(i => i.Driver, i => i.Estimate)
            : [];
        var drivers = SensitivityDrivers.All
            .OrderByDescending(d => npv.TryGetValue(d, out var e) && !double.IsNaN(e.Total) ? e.Total : -1)
            .ThenBy(d => (int)d)
            .ToArray();

        var note = baseRows > 0
            ? $"Pick-freeze estimates on {Format.Whole(baseRows)} base rows (docs/model.md, Sensitivity). Whiskers: ± 2 standard errors."
            : "Pick-freeze estimates (docs/model.md, Sensitivity). Whiskers: ± 2 standard errors.";
        var doc = new ChartDocument(
            FileStem(scenarioId),
            "sensitivity",
            Width,
            HeightFor(drivers.Length),
            $"Drivers of the portfolio's cost — {scenarioName}",
            $"Share of the variance of the portfolio's total climate cost ({npvLabel}; {(costYear is { } c ? Format.Int(c) : "–")}) by driver.",
            note);
        doc.AddLegend(
        [
            new LegendItem("Total index (with interactions)", LegendSymbol.Swatch, Fill: TotalColour),
            new LegendItem("First-order index (alone)", LegendSymbol.Swatch, Fill: FirstOrderColour),
        ]);

        var body = doc.Body.Inset(LabelColumn, 18, 8, 38);
        var panels = body.Grid(2, 1, 18, 0);
        var pitch = body.Height / Math.Max(1, drivers.Length);
        var barHeight = Math.Min(15, pitch * 0.72);
        for (var k = 0; k < drivers.Length; k++)
        {
            var cy = body.Y + (pitch * (k + 0.5));
            doc.Add(ChartParts.WrappedLabel(doc.Body.X, cy, DriverLabels.Label(drivers[k]), ChartTheme.TickSize, LabelColumn - 12, "category", pitch));
        }

        DrawPanel(doc, panels[0], npvLabel, "npv", npv);
        DrawPanel(doc, panels[1], costYear is { } yy ? $"Total climate cost {Format.Int(yy)}" : "Total climate cost", costYear is { } h ? Format.Int(h) : string.Empty, cost);
        return doc;

        void DrawPanel(ChartDocument chart, PlotArea panelArea, string title, string horizon, Dictionary<SensitivityDriver, SobolEstimate> estimates)
        {
            var area = panelArea with { Width = panelArea.Width - ValueColumn };
            var x = new LinearScale(0, 1, area.X, area.Right);
            var panel = ChartParts.Panel(horizon, x, null);
            panel.Add(ChartParts.PanelTitle(area, title));
            panel.Add(Axis.Bottom(area, x, "Share of variance (%)", v => Format.Percent(v), [0, 0.5, 1]));
            panel.Add(SvgElements.Text(area.Right + ValueColumn - 2, area.Y - 7, "first / total", ChartTheme.NoteSize, "end", fill: ChartTheme.Muted, cssClass: "column-title"));
            panel.Add(SvgElements.Line(area.X, area.Y, area.X, area.Bottom, ChartTheme.Ink, 1));
            for (var k = 0; k < drivers.Length; k++)
            {
                var cy = area.Y + (pitch * (k + 0.5));
                if (!estimates.TryGetValue(drivers[k], out var e) || double.IsNaN(e.Total))
                {
                    panel.Add(SvgElements.Text(area.X + 4, cy + 3.5, "not estimated", ChartTheme.NoteSize, fill: ChartTheme.Muted, cssClass: "bar-label"));
                    continue;
                }

                var total = Math.Clamp(e.Total, 0, 1);
                var first = Math.Clamp(e.FirstOrder, 0, 1);
                panel.Add(Bar(x, cy - (barHeight / 2), barHeight, total, TotalColour, "total", drivers[k], horizon, e.Total));
                panel.Add(Bar(x, cy - (barHeight * 0.3), barHeight * 0.6, first, FirstOrderColour, "first_order", drivers[k], horizon, e.FirstOrder));
                panel.Add(Whisker(x, cy - (barHeight * 0.35), e.Total, e.TotalSe));
                panel.Add(Whisker(x, cy + (barHeight * 0.2), e.FirstOrder, e.FirstOrderSe));
                panel.Add(SvgElements.Text(area.Right + ValueColumn - 2, cy + 3.5, $"{Index(e.FirstOrder)} / {Index(e.Total)}", ChartTheme.NoteSize, "end", fill: ChartTheme.Ink, cssClass: "bar-label"));
            }

            chart.Add(panel);
        }

        System.Xml.Linq.XElement Bar(LinearScale x, double top, double height, double value, string fill, string stat, SensitivityDriver driver, string horizon, double raw)
        {
            var bar = SvgElements.Rect(x.Map(0), top, Math.Max(0, x.Map(value) - x.Map(0)), height, fill, cssClass: "bar");
            bar.SetAttributeValue("data-source", "sensitivity");
            bar.SetAttributeValue("data-scenario", scenarioId);
            bar.SetAttributeValue("data-entity", SimulationResult.PortfolioId);
            bar.SetAttributeValue("data-metric", Metric.TotalClimateCostCny.Name());
            bar.SetAttributeValue("data-horizon", horizon);
            bar.SetAttributeValue("data-driver", driver.Name());
            bar.SetAttributeValue("data-stat", stat);
            bar.SetAttributeValue("data-value", raw.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            return bar;
        }

        // Two decimals, and a small negative estimate shown as 0.00 rather than −0.00.
        static string Index(double value) => Format.Fixed(Math.Round(value, 2) == 0 ? 0 : value, 2);

        static System.Xml.Linq.XElement Whisker(LinearScale x, double y, double value, double se)
        {
            var lo = x.Map(Math.Clamp(value - (2 * se), 0, 1));
            var hi = x.Map(Math.Clamp(value + (2 * se), 0, 1));
            var group = SvgElements.Group("whisker");
            group.Add(SvgElements.Line(lo, y, hi, y, ChartTheme.Ink, 0.9));
            group.Add(SvgElements.Line(lo, y - 2.5, lo, y + 2.5, ChartTheme.Ink, 0.9));
            group.Add(SvgElements.Line(hi, y - 2.5, hi, y + 2.5, ChartTheme.Ink, 0.9));
            return group;
        }
    }
}
