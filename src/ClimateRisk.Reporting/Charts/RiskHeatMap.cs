using System.Globalization;
using ClimateRisk.Reporting.Charts.Internal;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Register;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// Risk heat map of the register under one scenario: likelihood (x) × impact (y), cells
/// coloured by rating band, each exposed register row's id written in its cell (MODEL §13).
/// </summary>
public static class RiskHeatMap
{
    /// <summary>Width, CSS pixels.</summary>
    public const double Width = 500;

    /// <summary>Height, CSS pixels.</summary>
    public const double Height = 470;

    private static readonly string[] LikelihoodBands = ["< 1 %", "1–5 %", "5–20 %", "20–50 %", "≥ 50 %"];

    /// <summary>The file stem of a scenario's heat map.</summary>
    public static string FileStem(string scenarioId) => "heatmap_" + scenarioId;

    /// <summary>Draws the heat map of <paramref name="register"/> under <paramref name="scenarioId"/>.</summary>
    public static ChartDocument Create(ReportData data, RiskRegister register, string scenarioId)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(register);
        var doc = new ChartDocument(
            FileStem(scenarioId),
            "heatmap",
            Width,
            Height,
            $"Risk heat map — {data.ScenarioName(scenarioId)}",
            "Register risks at their horizon: likelihood × impact (MODEL §13).",
            "S1…: sites in run order, P: portfolio (see the register). Risks a site is not exposed to are left out.");
        doc.AddLegend(
        [
            new LegendItem("low 1–4", LegendSymbol.Swatch, Fill: RiskScoring.BandColour(1)),
            new LegendItem("moderate 5–9", LegendSymbol.Swatch, Fill: RiskScoring.BandColour(5)),
            new LegendItem("high 10–16", LegendSymbol.Swatch, Fill: RiskScoring.BandColour(10)),
            new LegendItem("very high 20–25", LegendSymbol.Swatch, Fill: RiskScoring.BandColour(20)),
        ]);
        var area = doc.Body.Inset(62, 6, 6, 53);
        var x = new LinearScale(0.5, 5.5, area.X, area.Right);
        var y = new LinearScale(0.5, 5.5, area.Bottom, area.Y);
        var panel = ChartParts.Panel(scenarioId, x, y);
        var cellWidth = area.Width / 5;
        var cellHeight = area.Height / 5;
        var ids = register.Rows.Where(r => r.Exposed).ToLookup(r => (r.Score(scenarioId).Likelihood, r.Score(scenarioId).Impact), r => r.RiskId);
        for (var likelihood = 1; likelihood <= 5; likelihood++)
        {
            for (var impact = 1; impact <= 5; impact++)
            {
                var rating = likelihood * impact;
                var left = x.Map(likelihood - 0.5);
                var top = y.Map(impact + 0.5);
                var cell = SvgElements.Group("heat-cell", ("data-likelihood", Format.Int(likelihood)), ("data-impact", Format.Int(impact)), ("data-rating", Format.Int(rating)), ("data-scenario", scenarioId));
                cell.Add(SvgElements.Rect(left, top, cellWidth, cellHeight, RiskScoring.BandColour(rating), "#ffffff", 1.5));
                var ink = RiskScoring.BandTextColour(rating);
                cell.Add(SvgElements.Text(left + cellWidth - 4, top + 11, Format.Int(rating), ChartTheme.NoteSize, "end", fill: ink == "#ffffff" ? "#ffe0e0" : "#8a6d3b"));
                AddIds(cell, ids[(likelihood, impact)].ToArray(), left, top, cellWidth, cellHeight, ink);
                panel.Add(cell);
            }
        }

        var ticks = Enumerable.Range(1, 5).Select(i => (double)i).ToArray();
        panel.Add(Axis.Bottom(area, x, string.Empty, v => Format.Int((int)v), ticks, grid: false));
        for (var i = 0; i < 5; i++)
        {
            panel.Add(SvgElements.Text(x.Map(i + 1), area.Bottom + 30, LikelihoodBands[i], ChartTheme.NoteSize, "middle", fill: ChartTheme.Muted));
        }

        var xLabel = SvgElements.Text(area.X + (area.Width / 2), area.Bottom + 46, "Likelihood (score 1–5: annual probability of a material impact)", ChartTheme.AxisLabelSize, "middle", cssClass: "axis-label");
        xLabel.SetAttributeValue("data-axis", "x");
        panel.Add(xLabel);
        panel.Add(Axis.Left(area, y, "Impact (score 1–5: P95 annual cost vs thresholds)", v => Format.Int((int)v), ticks, grid: false));
        doc.Add(panel);
        return doc;
    }

    private static void AddIds(System.Xml.Linq.XElement cell, string[] ids, double left, double top, double width, double height, string ink)
    {
        const double size = 9;
        const double lineHeight = 11.5;
        var perLine = Math.Max(1, (int)((width - 6) / 33));
        var lines = Math.Max(1, (int)((height - 16) / lineHeight));
        var capacity = perLine * lines;
        // When some do not fit, the last line says how many more (and the key beside the map explains the codes).
        var shown = ids.Length > capacity ? Math.Max(0, capacity - perLine) : ids.Length;
        for (var i = 0; i < shown; i++)
        {
            var text = SvgElements.Text(left + 5 + (i % perLine * 33), top + 24 + (i / perLine * lineHeight), ids[i], size, fill: ink, cssClass: "risk-id");
            text.SetAttributeValue("data-risk-id", ids[i]);
            cell.Add(text);
        }

        if (shown < ids.Length)
        {
            var more = SvgElements.Text(left + 5, top + 24 + ((lines - 1) * lineHeight), "+" + (ids.Length - shown).ToString(CultureInfo.InvariantCulture) + " more", size, weight: "bold", fill: ink, cssClass: "risk-more");
            more.SetAttributeValue("data-hidden", string.Join(' ', ids.Skip(shown)));
            cell.Add(more);
        }
    }
}
