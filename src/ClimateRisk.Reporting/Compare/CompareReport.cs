using System.Globalization;
using System.Text;
using ClimateRisk.Core.Planning;
using ClimateRisk.Reporting.BoardPack.Internal;
using ClimateRisk.Reporting.Charts;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Compare;

/// <summary>
/// The facility planners' section of the board pack: candidate sites ranked with their
/// intervals, PUE against climate cost, and the adaptation measures' benefit–cost ratios —
/// as SVG charts and as <c>compare-pack.html</c>, a self-contained A4-landscape pack in the
/// board pack's style.
/// </summary>
public sealed class CompareReport
{
    /// <summary>The HTML file name.</summary>
    public const string PackFile = "compare-pack.html";

    private readonly IReadOnlyList<CandidateResult> _candidates;
    private readonly IReadOnlyList<MeasureResult> _measures;
    private readonly IReadOnlyDictionary<string, string> _siteNames;
    private readonly IReadOnlyDictionary<string, string> _measureNames;
    private readonly IReadOnlyDictionary<string, string> _scenarioNames;

    /// <summary>Prepares the section from compare results and display names (ids are shown where a name is missing).</summary>
    public CompareReport(
        IReadOnlyList<CandidateResult> candidates,
        IReadOnlyList<MeasureResult> measures,
        IReadOnlyDictionary<string, string> siteNames,
        IReadOnlyDictionary<string, string> measureNames,
        IReadOnlyDictionary<string, string> scenarioNames)
    {
        _candidates = candidates ?? throw new ArgumentNullException(nameof(candidates));
        _measures = measures ?? throw new ArgumentNullException(nameof(measures));
        _siteNames = siteNames ?? throw new ArgumentNullException(nameof(siteNames));
        _measureNames = measureNames ?? throw new ArgumentNullException(nameof(measureNames));
        _scenarioNames = scenarioNames ?? throw new ArgumentNullException(nameof(scenarioNames));
        var scenarios = candidates.Select(c => c.ScenarioId).Concat(measures.Select(m => m.ScenarioId)).Distinct().ToArray();
        Palette = ScenarioPalette.For(scenarios);
        var charts = new List<ChartDocument>();
        if (candidates.Count > 0)
        {
            charts.Add(CandidateRankingChart.Create(candidates, siteNames, Palette, scenarioNames));
            if (CandidateScatterChart.CanDraw(candidates))
            {
                charts.Add(CandidateScatterChart.Create(candidates, siteNames, Palette, scenarioNames));
            }
        }

        if (measures.Any(m => m.PresentCostCny > 0))
        {
            charts.Add(MeasureBenefitChart.Create(measures, measureNames, Palette, scenarioNames));
        }

        Charts = charts;
    }

    /// <summary>The scenario colours, consistent across the section.</summary>
    public ScenarioPalette Palette { get; }

    /// <summary>The section's charts.</summary>
    public IReadOnlyList<ChartDocument> Charts { get; }

    /// <summary>Writes charts/*.svg and <see cref="PackFile"/> into <paramref name="directory"/>; returns the files written, relative.</summary>
    public IReadOnlyList<string> Write(string directory)
    {
        var written = new List<string>();
        Directory.CreateDirectory(Path.Combine(directory, "charts"));
        foreach (var chart in Charts)
        {
            IO.OutputFile.WriteAllText(Path.Combine(directory, "charts", chart.FileName), chart.ToSvg());
            written.Add("charts/" + chart.FileName);
        }

        IO.OutputFile.WriteAllText(Path.Combine(directory, PackFile), Html());
        written.Add(PackFile);
        return written;
    }

    /// <summary>The self-contained HTML pack.</summary>
    public string Html()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Climate risk: candidate sites and adaptation measures</title>\n<style>\n")
            .Append(PackStyle.Css).Append("</style>\n</head>\n<body>\n");
        if (_candidates.Count > 0)
        {
            Page(html, "candidates", "Where should the next data centre go?");
            Figure(html, CandidateRankingChart.FileStem);
            foreach (var scenario in _candidates.Select(c => c.ScenarioId).Distinct())
            {
                html.Append("<h3>").Append(Html(_scenarioNames.GetValueOrDefault(scenario, scenario))).Append(": the five lowest-cost candidates</h3>\n");
                html.Append(BoardPack.Internal.Html.Table(
                    ["Rank", "Candidate", "NPV, CNY m (P5–P95)", "CNY per MWh IT", "PUE 2050", "P(PUE > limit) 2050", "Largest cost", "vs best, CNY m ± paired s.e."],
                    _candidates.Where(c => c.ScenarioId == scenario).OrderBy(c => c.Rank).Take(5).Select(c => (IReadOnlyList<string>)
                    [
                        Format.Int(c.Rank),
                        Html(_siteNames.GetValueOrDefault(c.SiteId, c.SiteId)),
                        $"{Format.Millions(c.Npv.Mean)} ({Format.Millions(c.Npv.P5)}–{Format.Millions(c.Npv.P95)})",
                        Format.Fixed(c.CostPerMwh, 1),
                        Format.Pue(c.Pue2050),
                        Format.Percent(c.BreachProbability2050),
                        Html(c.DominantComponent.Replace('_', ' ')),
                        $"{Format.Millions(c.DifferenceToBest)} ± {Format.Millions(c.DifferenceStandardError)}",
                    ]),
                    "glance",
                    [true, false, true, true, true, true, false, true]));
            }

            html.Append("</section>\n");
            if (Charts.Any(c => c.FileStem == CandidateScatterChart.FileStem))
            {
                Page(html, "candidates-pue", "Efficiency and climate cost of the candidates");
                Figure(html, CandidateScatterChart.FileStem);
                html.Append("</section>\n");
            }
        }

        if (_measures.Count > 0)
        {
            Page(html, "measures", "Which adaptation measure pays for itself?");
            Figure(html, MeasureBenefitChart.FileStem);
            html.Append(BoardPack.Internal.Html.Table(
                ["Scenario", "Measure", "Site", "Benefit, CNY m ± s.e.", "Present cost, CNY m", "BCR (P5–P95)", "BCR incl. energy saving"],
                _measures.OrderBy(m => m.ScenarioId, StringComparer.Ordinal).ThenByDescending(m => double.IsNaN(m.BenefitCostRatio) ? double.NegativeInfinity : m.BenefitCostRatio).Select(m => (IReadOnlyList<string>)
                [
                    Html(_scenarioNames.GetValueOrDefault(m.ScenarioId, m.ScenarioId)),
                    Html(_measureNames.GetValueOrDefault(m.MeasureId, m.MeasureId)),
                    Html(_siteNames.GetValueOrDefault(m.SiteId, m.SiteId)),
                    $"{Format.Millions(m.Benefit.Mean)} ± {Format.Millions(m.Benefit.StandardError)}",
                    Format.Millions(m.PresentCostCny),
                    double.IsNaN(m.BenefitCostRatio) ? "–" : $"{Format.Fixed(m.BenefitCostRatio, 2)} ({Format.Fixed(m.BenefitCostRatioP5, 2)}–{Format.Fixed(m.BenefitCostRatioP95, 2)})",
                    Format.Fixed(m.BenefitCostRatioWithEnergy, 2),
                ]),
                "glance",
                [false, false, false, true, true, true, true]));
            html.Append("</section>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string Html(string text) => BoardPack.Internal.Html.E(text);

    private static void Page(StringBuilder html, string id, string title)
        => html.Append(CultureInfo.InvariantCulture, $"<section class=\"page flow\" id=\"{id}\">\n<div class=\"running\"><span class=\"section\">Facility planning</span><span>Candidate sites and adaptation measures</span></div>\n<h2>{Html(title)}</h2>\n");

    private void Figure(StringBuilder html, string stem)
    {
        var chart = Charts.FirstOrDefault(c => c.FileStem == stem);
        if (chart is not null)
        {
            html.Append("<figure class=\"full\">\n").Append(chart.ToInlineSvg()).Append("</figure>\n");
        }
    }
}
