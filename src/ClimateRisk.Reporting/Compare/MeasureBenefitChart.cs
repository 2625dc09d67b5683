using ClimateRisk.Core.Planning;
using ClimateRisk.Reporting.Charts;
using ClimateRisk.Reporting.Charts.Internal;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Compare;

/// <summary>
/// Benefit–cost ratio of each adaptation measure with its P5–P95 across paths, per scenario, on
/// a log axis with the break-even line at 1 (MODEL §14). Measures that cost nothing have no
/// ratio and are left out; ratios at or below the axis floor are drawn at the floor.
/// </summary>
public static class MeasureBenefitChart
{
    /// <summary>File stem.</summary>
    public const string FileStem = "measure_benefit_cost";

    /// <summary>Smallest ratio on the axis.</summary>
    public const double Floor = 0.01;

    private const double LabelColumn = 230;

    /// <summary>Draws the chart of <paramref name="results"/>.</summary>
    public static ChartDocument Create(IReadOnlyList<MeasureResult> results, IReadOnlyDictionary<string, string> measureNames, ScenarioPalette palette, IReadOnlyDictionary<string, string> scenarioNames)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(measureNames);
        ArgumentNullException.ThrowIfNull(palette);
        ArgumentNullException.ThrowIfNull(scenarioNames);
        var priced = results.Where(r => r.PresentCostCny > 0).ToArray();
        var scenarios = priced.Select(r => r.ScenarioId).Distinct().ToArray();
        var measures = priced.Where(r => r.ScenarioId == scenarios.FirstOrDefault()).OrderByDescending(r => r.BenefitCostRatio).Select(r => r.MeasureId).ToArray();
        var pitch = Math.Max(24, (scenarios.Length * 9) + 8);
        var doc = new ChartDocument(
            FileStem,
            "measure-bcr",
            1000,
            170 + (Math.Max(1, measures.Length) * pitch),
            "Adaptation measures: benefit–cost ratio",
            "Benefit (cut in mean discounted climate cost, same draws with and without) ÷ present cost. Marker: ratio of means; whisker: P5–P95 per path.",
            $"Right of the line at 1 a measure pays for itself. Ratios ≤ {Format.Fixed(Floor, 2)} (including negative ones) are drawn at the left edge. Energy-cost savings are not part of the benefit.");
        doc.AddLegend(scenarios.Select(s => new LegendItem(scenarioNames.GetValueOrDefault(s, s), LegendSymbol.Line, palette.Style(s))).ToArray());
        var area = doc.Body.Inset(LabelColumn, 10, 20, 40);
        var top = priced.Length == 0 ? 10 : Math.Max(10, priced.Max(r => Math.Max(r.BenefitCostRatioP95, r.BenefitCostRatio)));
        var x = new LogScale(Floor, Math.Pow(10, Math.Ceiling(Math.Log10(top))), area.X, area.Right);
        double X(double ratio) => x.Map(double.IsFinite(ratio) ? Math.Clamp(ratio, Floor, x.DomainMax) : Floor);
        var panel = ChartParts.Panel("bcr", x, null);
        panel.Add(Axis.Bottom(area, x, "Benefit–cost ratio (log scale)", v => Format.Fixed(v, v < 1 ? 2 : 0)));
        panel.Add(SvgElements.Line(x.Map(1), area.Y, x.Map(1), area.Bottom, ChartTheme.Ink, 1.5, "6 3", "break-even"));
        var cells = priced.ToDictionary(r => (r.ScenarioId, r.MeasureId));
        var rowPitch = area.Height / Math.Max(1, measures.Length);
        for (var i = 0; i < measures.Length; i++)
        {
            var rowTop = area.Y + (i * rowPitch);
            panel.Add(ChartParts.WrappedLabel(doc.Body.X, rowTop + (rowPitch / 2), measureNames.GetValueOrDefault(measures[i], measures[i]), ChartTheme.TickSize, LabelColumn - 12, "category", rowPitch));
            for (var k = 0; k < scenarios.Length; k++)
            {
                if (!cells.TryGetValue((scenarios[k], measures[i]), out var cell))
                {
                    continue;
                }

                var style = palette.Style(scenarios[k]);
                var y = rowTop + (rowPitch / 2) + ((k - ((scenarios.Length - 1) / 2.0)) * Math.Min(9, rowPitch / scenarios.Length));
                var whisker = SvgElements.Line(X(cell.BenefitCostRatioP5), y, X(cell.BenefitCostRatioP95), y, style.Colour, 1.5, style.Dash, "interval");
                whisker.SetAttributeValue("data-row", $"{cell.ScenarioId}|{cell.MeasureId}|p5-p95");
                panel.Add(whisker);
                var marker = style.MarkerAt(X(cell.BenefitCostRatio), y, 7, "ratio");
                marker.SetAttributeValue("data-row", $"{cell.ScenarioId}|{cell.MeasureId}|bcr");
                panel.Add(marker);
            }
        }

        doc.Add(panel);
        return doc;
    }
}
