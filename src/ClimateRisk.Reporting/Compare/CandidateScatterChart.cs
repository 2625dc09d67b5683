using ClimateRisk.Core.Planning;
using ClimateRisk.Reporting.Charts;
using ClimateRisk.Reporting.Charts.Internal;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Compare;

/// <summary>
/// PUE in 2050 against the levelised climate cost of each candidate, per scenario: efficient
/// and cheap sites sit at the bottom left.
/// </summary>
public static class CandidateScatterChart
{
    /// <summary>File stem.</summary>
    public const string FileStem = "candidate_pue_cost";

    /// <summary>Whether <paramref name="results"/> have a PUE to plot (the run reaches 2030 or 2050).</summary>
    public static bool CanDraw(IReadOnlyList<CandidateResult> results)
        => results is not null && results.Any(r => (double.IsFinite(r.Pue2050) || double.IsFinite(r.Pue2030)) && double.IsFinite(r.CostPerMwh));

    /// <summary>Draws the scatter of <paramref name="results"/>.</summary>
    public static ChartDocument Create(IReadOnlyList<CandidateResult> results, IReadOnlyDictionary<string, string> names, ScenarioPalette palette, IReadOnlyDictionary<string, string> scenarioNames)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(palette);
        ArgumentNullException.ThrowIfNull(scenarioNames);
        var scenarios = results.Select(r => r.ScenarioId).Distinct().ToArray();
        // 2050 when the run reaches it, else the short horizon.
        var use2050 = results.Any(r => double.IsFinite(r.Pue2050));
        Func<CandidateResult, double> pue = use2050 ? r => r.Pue2050 : r => r.Pue2030;
        var year = use2050 ? "2050" : "2030";
        var doc = new ChartDocument(
            FileStem,
            "candidate-scatter",
            1000,
            640,
            "Candidate sites: PUE against climate cost",
            $"Mean PUE in {year} against the levelised climate cost: NPV of total climate cost ÷ discounted IT energy (CNY per MWh of IT energy).",
            "Labels name the candidates under the first scenario; the same site moves between scenarios mostly along the cost axis.");
        doc.AddLegend(scenarios.Select(s => new LegendItem(scenarioNames.GetValueOrDefault(s, s), LegendSymbol.Marker, palette.Style(s))).ToArray());
        var plotted = results.Where(r => double.IsFinite(pue(r)) && double.IsFinite(r.CostPerMwh)).ToArray();
        var area = doc.Body.Inset(70, 10, 30, 45);
        var (pueMin, pueMax) = (plotted.Min(pue), plotted.Max(pue));
        var (costMin, costMax) = (Math.Min(0, plotted.Min(r => r.CostPerMwh)), plotted.Max(r => r.CostPerMwh));
        var x = LinearScale.Nice(pueMin - 0.01, pueMax + 0.01, area.X, area.Right, 6);
        var y = LinearScale.Nice(costMin, costMax > costMin ? costMax : costMin + 1, area.Bottom, area.Y, 5);
        var panel = ChartParts.Panel("scatter", x, y);
        panel.Add(Axis.Bottom(area, x, $"PUE in {year} (mean over paths)", Axis.Plain(x, 6)));
        panel.Add(Axis.Left(area, y, "Climate cost (CNY per MWh IT)", Axis.Plain(y, 5)));
        foreach (var r in plotted)
        {
            var marker = palette.Style(r.ScenarioId).MarkerAt(x.Map(pue(r)), y.Map(r.CostPerMwh), 8, "point");
            marker.SetAttributeValue("data-row", $"{r.ScenarioId}|{r.SiteId}");
            panel.Add(marker);
            if (r.ScenarioId == scenarios[0])
            {
                var label = names.GetValueOrDefault(r.SiteId, r.SiteId);
                panel.Add(SvgElements.Text(x.Map(pue(r)) + 7, y.Map(r.CostPerMwh) - 6, ChartParts.Ellipsize(label, 150, ChartTheme.TickSize - 1), ChartTheme.TickSize - 1, cssClass: "point-label"));
            }
        }

        doc.Add(panel);
        return doc;
    }
}
