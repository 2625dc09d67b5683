using ClimateRisk.Core.Planning;
using ClimateRisk.Reporting.Charts;
using ClimateRisk.Reporting.Charts.Internal;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Compare;

/// <summary>
/// Candidate sites ranked by the NPV of their total climate cost: one row per candidate
/// (ordered by the first scenario's mean), per scenario a marker at the mean and a whisker
/// from P5 to P95 across paths (issue "Facility planners", MODEL §14).
/// </summary>
public static class CandidateRankingChart
{
    /// <summary>File stem.</summary>
    public const string FileStem = "candidate_ranking";

    private const double Width = 1000;
    private const double LabelColumn = 210;
    private const double LanePitch = 9;

    /// <summary>Draws the ranking of <paramref name="results"/>; <paramref name="names"/> maps site ids to display names.</summary>
    public static ChartDocument Create(IReadOnlyList<CandidateResult> results, IReadOnlyDictionary<string, string> names, ScenarioPalette palette, IReadOnlyDictionary<string, string> scenarioNames)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(palette);
        ArgumentNullException.ThrowIfNull(scenarioNames);
        var scenarios = results.Select(r => r.ScenarioId).Distinct().ToArray();
        var first = scenarios[0];
        var order = results.Where(r => r.ScenarioId == first).OrderBy(r => r.Rank).Select(r => r.SiteId).ToArray();
        var rowHeight = Math.Max(22, (scenarios.Length * LanePitch) + 8);
        var doc = new ChartDocument(
            FileStem,
            "candidate-ranking",
            Width,
            170 + (order.Length * rowHeight),
            "Candidate sites ranked by climate cost",
            $"NPV of total climate cost over the simulated years, real 2023 CNY m; marker: mean, whisker: P5–P95 across paths. Ranked by {scenarioNames.GetValueOrDefault(first, first)}.",
            "All candidates see the same random draws (common random numbers), so their differences come from the sites, not from sampling noise.");
        doc.AddLegend(scenarios.Select(s => new LegendItem(scenarioNames.GetValueOrDefault(s, s), LegendSymbol.Line, palette.Style(s))).ToArray());
        var area = doc.Body.Inset(LabelColumn, 10, 20, 40);
        var cells = results.ToDictionary(r => (r.ScenarioId, r.SiteId));
        var max = results.Max(r => r.Npv.P95);
        var min = Math.Min(0, results.Min(r => r.Npv.P5));
        var x = LinearScale.Nice(min, max > min ? max : min + 1e6, area.X, area.Right, 6);
        var panel = ChartParts.Panel("npv", x, null);
        panel.Add(Axis.Bottom(area, x, "NPV of total climate cost (CNY m)", Axis.Millions(x, 6)));
        for (var i = 0; i < order.Length; i++)
        {
            var top = area.Y + (i * (area.Height / order.Length));
            var pitch = area.Height / order.Length;
            panel.Add(ChartParts.WrappedLabel(doc.Body.X, top + (pitch / 2), $"{Format.Int(i + 1)}. {names.GetValueOrDefault(order[i], order[i])}", ChartTheme.TickSize, LabelColumn - 12, "category", pitch));
            for (var k = 0; k < scenarios.Length; k++)
            {
                if (!cells.TryGetValue((scenarios[k], order[i]), out var cell))
                {
                    continue;
                }

                var style = palette.Style(scenarios[k]);
                var y = top + (pitch / 2) + ((k - ((scenarios.Length - 1) / 2.0)) * Math.Min(LanePitch, pitch / scenarios.Length));
                var whisker = SvgElements.Line(x.Map(cell.Npv.P5), y, x.Map(cell.Npv.P95), y, style.Colour, 1.5, style.Dash, "interval");
                whisker.SetAttributeValue("data-row", $"{cell.ScenarioId}|{cell.SiteId}|p5-p95");
                panel.Add(whisker);
                var marker = style.MarkerAt(x.Map(cell.Npv.Mean), y, 7, "mean");
                marker.SetAttributeValue("data-row", $"{cell.ScenarioId}|{cell.SiteId}|mean");
                panel.Add(marker);
            }
        }

        doc.Add(panel);
        return doc;
    }
}
