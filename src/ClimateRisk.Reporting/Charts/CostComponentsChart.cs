using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.Charts.Internal;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Svg;
using ClimateRisk.Reporting.Svg.Internal;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// The board pack's headline picture: the portfolio's expected total climate cost in the long
/// horizon (2050) per scenario as one bar stacked by component — physical loss, climate-driven
/// energy cost, carbon cost, PUE surcharge, green-power premium (MODEL §11: they sum to the
/// total) — with the P95 of the total marked on each bar. Values are the means of
/// <c>portfolio_year.csv</c>.
/// </summary>
public static class CostComponentsChart
{
    /// <summary>Width, CSS pixels.</summary>
    public const double Width = 1000;

    /// <summary>File stem.</summary>
    public const string FileStem = "cost_components";

    private const double RowHeight = 26;
    private const string P95Ink = "#111111";

    /// <summary>The components in stacking order, with legend names and fills (Okabe–Ito colours, distinct in colour-blind vision).</summary>
    public static IReadOnlyList<(Metric Metric, string Name, string Colour)> Components { get; } =
    [
        (Metric.PhysicalLossCny, "Physical loss", "#0072B2"),
        (Metric.ClimateEnergyCostCny, "Climate-driven energy cost", "#E69F00"),
        (Metric.CarbonCostCny, "Carbon cost", "#555555"),
        (Metric.PueSurchargeCny, "PUE surcharge", "#D55E00"),
        (Metric.RenewablePremiumCny, "Green-power premium", "#009E73"),
    ];

    /// <summary>Height for <paramref name="scenarios"/> rows.</summary>
    public static double HeightFor(int scenarios) => 128 + (scenarios * RowHeight);

    /// <summary>Draws the chart.</summary>
    public static ChartDocument Create(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var index = data.Index;
        var year = index.LongHorizon;
        var scenarios = data.Result.ScenarioIds;
        const string entity = SimulationResult.PortfolioId;
        var doc = new ChartDocument(
            FileStem,
            "cost-components",
            Width,
            HeightFor(scenarios.Count),
            $"What climate change costs the portfolio in {Format.Int(year)}, by scenario",
            $"Expected annual cost by component, real 2023 CNY m; the black mark is the P95 of the total (exceeded in 5 % of simulated years).",
            string.Empty);
        doc.AddLegend(
        [
            .. Components.Select(c => new LegendItem(c.Name, LegendSymbol.Swatch, Fill: c.Colour, Stroke: "#ffffff")),
            new LegendItem("P95 of the total", LegendSymbol.Line, Stroke: P95Ink),
        ]);

        var mean = (string s, Metric m) => index.Cell(s, entity, year, m).Mean;
        var p95 = scenarios.Select(s => index.Cell(s, entity, year, Metric.TotalClimateCostCny).P95).ToArray();
        var negative = scenarios.Select(s => Components.Sum(c => Math.Min(0, mean(s, c.Metric)))).DefaultIfEmpty(0).Min();
        var positive = scenarios.Select((s, k) => Math.Max(p95[k], Components.Sum(c => Math.Max(0, mean(s, c.Metric))))).DefaultIfEmpty(0).Max();

        // Measure before laying out: the label column is as wide as the longest scenario name.
        var labelColumn = Math.Min(320, scenarios.Select(s => TextMetrics.Width(data.ScenarioName(s), ChartTheme.TickSize)).DefaultIfEmpty(0).Max() + 34);
        var valueLabel = TextMetrics.Width("0,000.0 (P95 0,000.0)", ChartTheme.NoteSize + 0.5) + 8;
        var area = doc.Body.Inset(labelColumn, 4, valueLabel, 38);
        // The axis ends just past the largest value (P95 or stack), not at the next round number:
        // a round end can leave a fifth of the width empty (a P95 of 259 on an axis to 300).
        var nice = LinearScale.Nice(negative, positive > negative ? positive : negative + 1e6, area.X, area.Right, 6);
        var end = positive > negative ? Math.Min(nice.DomainMax, positive + (0.03 * (positive - negative))) : nice.DomainMax;
        var x = new LinearScale(nice.DomainMin, end, area.X, area.Right);
        var panel = ChartParts.Panel(Format.Int(year), x, null);
        panel.Add(Axis.Bottom(area, x, $"Expected annual cost in {Format.Int(year)} (CNY m)", Axis.Millions(x)));
        panel.Add(SvgElements.Line(x.Map(0), area.Y, x.Map(0), area.Bottom, ChartTheme.Ink, 1));
        var pitch = area.Height / Math.Max(1, scenarios.Count);
        var barHeight = Math.Min(17, pitch * 0.66);
        for (var k = 0; k < scenarios.Count; k++)
        {
            var scenario = scenarios[k];
            var cy = area.Y + (pitch * (k + 0.5));
            doc.Add(ChartParts.WrappedLabel(doc.Body.X, cy, data.ScenarioName(scenario), ChartTheme.TickSize, labelColumn - 12, "category", pitch));
            var (up, down) = (0.0, 0.0);
            foreach (var (metric, name, colour) in Components)
            {
                var value = mean(scenario, metric);
                if (value == 0 || double.IsNaN(value))
                {
                    continue;
                }

                var from = value > 0 ? up : down + value;
                var bar = SvgElements.Rect(x.Map(from), cy - (barHeight / 2), x.Map(from + Math.Abs(value)) - x.Map(from), barHeight, colour, "#ffffff", 0.6, "bar");
                bar.SetAttributeValue("data-source", "portfolio_year");
                bar.SetAttributeValue("data-entity", entity);
                bar.SetAttributeValue("data-scenario", scenario);
                bar.SetAttributeValue("data-year", Format.Int(year));
                bar.SetAttributeValue("data-metric", metric.Name());
                bar.SetAttributeValue("data-stat", "mean");
                bar.SetAttributeValue("data-from", Format.Fixed(from, 2));
                bar.SetAttributeValue("data-value", Format.Fixed(value, 2));
                var title = SvgElements.Element("title");
                title.Value = $"{name}: CNY {Format.Millions(value)} m";
                bar.Add(title);
                panel.Add(bar);
                (up, down) = value > 0 ? (up + value, down) : (up, down + value);
            }

            var mark = SvgElements.Line(x.Map(p95[k]), cy - (barHeight / 2) - 3, x.Map(p95[k]), cy + (barHeight / 2) + 3, P95Ink, 2.4, cssClass: "p95");
            mark.SetAttributeValue("data-scenario", scenario);
            mark.SetAttributeValue("data-metric", Metric.TotalClimateCostCny.Name());
            mark.SetAttributeValue("data-stat", "p95");
            mark.SetAttributeValue("data-value", Format.Fixed(p95[k], 2));
            panel.Add(mark);
            var total = index.Cell(scenario, entity, year, Metric.TotalClimateCostCny).Mean;
            panel.Add(SvgElements.Text(Math.Max(x.Map(up), x.Map(p95[k])) + 6, cy + 4, $"{Format.Millions(total)} (P95 {Format.Millions(p95[k])})", ChartTheme.NoteSize + 0.5, cssClass: "bar-total"));
        }

        doc.Add(panel);
        return doc;
    }
}
