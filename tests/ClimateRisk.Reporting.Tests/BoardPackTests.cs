using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClimateRisk.Reporting.Tests.TestSupport;
using Xunit.Abstractions;

namespace ClimateRisk.Reporting.Tests;

/// <summary>
/// The board pack as a file and in a browser: the small test run's pack, and the bundled run's
/// (<see cref="BundledRun"/>: eight sites, six scenarios, financial effects and sensitivity — every
/// page kind a user gets) for the layout tests: overlap, font widths, printed length.
/// </summary>
[Collection(SmallRunGroup.Name)]
public sealed partial class BoardPackTests(SmallRun run, BundledRun bundled, ITestOutputHelper output) : IClassFixture<BundledRun>
{
    /// <summary>
    /// Printed pages the bundled pack may take: 24 is the target; two pages below it leave room for
    /// a ninth and tenth site (one page each) or a longer register.
    /// </summary>
    private const int BundledPagesAtMost = 22;

    /// <summary>First in &lt;head&gt;: records script errors, failed resource loads and console errors/warnings.</summary>
    private const string Recorder = """
<script>
window.__problems = [];
window.addEventListener('error', function (e) { window.__problems.push(e.message ? 'error: ' + e.message : 'failed to load: ' + ((e.target && (e.target.src || e.target.href)) || e.target)); }, true);
window.addEventListener('unhandledrejection', function (e) { window.__problems.push('unhandled rejection: ' + e.reason); });
['error', 'warn'].forEach(function (k) { var f = console[k]; console[k] = function () { window.__problems.push('console.' + k + ': ' + Array.prototype.join.call(arguments, ' ')); f.apply(console, arguments); }; });
</script>
""";

    /// <summary>On load: every chart's bounding box and the problems, written into the DOM for --dump-dom.</summary>
    private const string Reporter = """
<script>
window.addEventListener('load', function () {
  var boxes = Array.prototype.map.call(document.querySelectorAll('svg.chart'), function (s) { var r = s.getBoundingClientRect(); return { id: s.id, width: r.width, height: r.height }; });
  var pre = document.createElement('pre');
  pre.id = 'browser-test-report';
  pre.textContent = JSON.stringify({ problems: window.__problems, boxes: boxes });
  document.body.appendChild(pre);
});
</script>
""";

    /// <summary>
    /// After the fonts have loaded: every non-empty text of every chart with its box on the page
    /// (getBoundingClientRect, so rotations count), its computed length (getComputedTextLength) and font,
    /// plus the chart's own box, written into the DOM for --dump-dom.
    /// </summary>
    private const string TextProbe = """
<script>
window.addEventListener('load', function () {
  document.fonts.ready.then(function () {
    var charts = Array.prototype.map.call(document.querySelectorAll('svg.chart'), function (svg) {
      var c = svg.getBoundingClientRect();
      var scale = c.width / svg.viewBox.baseVal.width;
      var texts = Array.prototype.filter.call(svg.querySelectorAll('text'), function (t) { return t.textContent.trim().length > 0; }).map(function (t) {
        var r = t.getBoundingClientRect(), cs = getComputedStyle(t);
        return { text: t.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom, length: t.getComputedTextLength(), size: parseFloat(t.getAttribute('font-size') || '0'),
                 bold: cs.fontWeight === 'bold' || parseInt(cs.fontWeight, 10) >= 600, spans: t.querySelectorAll('tspan').length };
      });
      return { id: svg.id, scale: scale, left: c.left, top: c.top, right: c.right, bottom: c.bottom, texts: texts };
    });
    var fonts = Array.prototype.map.call(document.querySelectorAll('svg.chart text'), function (t) { return getComputedStyle(t).fontFamily; }).filter(function (v, i, a) { return a.indexOf(v) === i; });
    var pre = document.createElement('pre');
    pre.id = 'text-probe-report';
    pre.textContent = JSON.stringify({ charts: charts, fonts: fonts, dejavu: document.fonts.check("12px 'DejaVu Sans'") });
    document.body.appendChild(pre);
  });
});
</script>
""";

    [Fact]
    public void Board_pack_is_self_contained_and_printable_on_a4_landscape()
    {
        var html = File.ReadAllText(run.File("board-pack.html"));
        html.Should().StartWith("<!DOCTYPE html>");
        html.Should().NotContain("<script", "the pack needs no scripts");
        NetworkReference().IsMatch(html).Should().BeFalse("the pack loads nothing from the network");
        html.Should().Contain("@page { size: A4 landscape;");
        html.Should().Contain("break-after: page");
        foreach (var section in new[] { "id=\"summary\"", "id=\"strategy\"", "id=\"risk-management\"", "id=\"metrics-pue\"", "id=\"metrics-emissions\"", "id=\"appendix\"", "id=\"appendix-manifest\"" })
        {
            html.Should().Contain(section);
        }

        foreach (var site in run.Result.SiteIds)
        {
            html.Should().Contain($"id=\"site-{site}\"");
        }

        Regex.Count(html, "<svg ").Should().Be(Regex.Count(html, "class=\"chart\"")).And.BeGreaterThan(10);
        var ids = Regex.Matches(html, " id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        ids.Should().OnlyHaveUniqueItems("inline SVG ids must not collide");
    }

    [Fact]
    public void The_drivers_section_names_each_scenarios_leading_driver_with_its_share_from_sensitivity_csv()
    {
        var model = BoardPack.BoardPackModel.Build(bundled.Data, Register.RiskRegister.Build(bundled.Data));
        var drivers = model.Drivers!;
        drivers.Scenarios.Should().Equal(bundled.Result.ScenarioIds, "every scenario of the bundled run has indices");
        drivers.Sentences.Should().HaveCount(bundled.Result.ScenarioIds.Count);

        // Independently of the model: the portfolio NPV rows of results/sensitivity.csv, largest total index first.
        var csv = CsvFile.Read(bundled.File("results/sensitivity.csv"));
        var html = WebUtility.HtmlDecode(File.ReadAllText(bundled.File("board-pack.html")));
        foreach (var (scenario, sentence) in drivers.Scenarios.Zip(drivers.Sentences))
        {
            var lead = csv.Where(("scenario", scenario), ("entity", "portfolio"), ("horizon", "npv"))
                .Where(r => double.IsFinite(csv.Number(r, "total")))
                .OrderByDescending(r => csv.Number(r, "total"))
                .First();
            static string Pct(double v) => Math.Round(v * 100, MidpointRounding.AwayFromZero).ToString("0", System.Globalization.CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal) + " %";
            sentence.Should().StartWith(bundled.Data.ScenarioName(scenario) + ":");
            sentence.Should().Contain($"{Pct(csv.Number(lead, "first_order"))} ± {Pct(csv.Number(lead, "first_order_se"))}", $"the leading driver of {scenario} is {csv.Text(lead, "driver")}");
            html.Should().Contain(sentence, "the pack prints the model's sentence");
        }
    }

    [ChromiumFact]
    public void Chromium_opens_the_pack_without_errors_and_draws_every_chart()
    {
        var (problems, boxes) = Probe(File.ReadAllText(run.File("board-pack.html")));
        problems.Should().BeEmpty();
        var expected = Regex.Count(File.ReadAllText(run.File("board-pack.html")), "class=\"chart\"");
        boxes.Should().HaveCount(expected);
        boxes.Should().OnlyContain(b => b.Width > 100 && b.Height > 50, "every chart has a non-empty bounding box");

        var screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "board-pack.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        var (_, stderr, code) = Chromium.Run(new Uri(run.File("board-pack.html")).AbsoluteUri, $"--screenshot={screenshot}", "--window-size=1280,1000");
        code.Should().Be(0, stderr);
        new FileInfo(screenshot).Length.Should().BeGreaterThan(20_000, "the screenshot shows page 1");
        output.WriteLine($"screenshot of page 1: {screenshot}");
    }

    [ChromiumFact]
    public void The_probe_does_catch_errors_so_a_clean_pack_means_something()
    {
        var (problems, boxes) = Probe("<!DOCTYPE html><html><head><title>t</title></head><body><img src=\"missing.png\"><script>console.error('boom'); undefinedFunction();</script><svg class=\"chart\" width=\"0\" height=\"0\"></svg></body></html>");
        problems.Should().Contain(p => p.Contains("boom", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("undefinedFunction", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("missing.png", StringComparison.Ordinal));
        boxes.Should().ContainSingle().Which.Width.Should().Be(0);
    }

    [ChromiumFact]
    public void No_text_of_any_chart_in_the_pack_overlaps_another_or_leaves_its_chart()
    {
        foreach (var (name, file) in new[] { ("small run", run.File("board-pack.html")), ("bundled run", bundled.File("board-pack.html")) })
        {
            var html = File.ReadAllText(file);
            var charts = TextBoxes(html);
            charts.Should().HaveCount(Regex.Count(html, "class=\"chart\""));
            var problems = Overlaps(charts);
            output.WriteLine($"{name}: {charts.Sum(c => c.Texts.Count)} text boxes in {charts.Count} charts; {problems.Count} problems");
            problems.Should().BeEmpty(name);
        }
    }

    [Fact]
    public void The_bundled_pack_has_every_section_and_one_page_per_site()
    {
        var html = File.ReadAllText(bundled.File("board-pack.html"));
        foreach (var section in new[] { "summary", "strategy", "strategy-financial", "strategy-physical", "strategy-drivers", "risk-management", "risk-register", "metrics-pue", "metrics-emissions", "appendix" })
        {
            Regex.IsMatch(html, $"<section class=\"page[^\"]*\" id=\"{section}\"").Should().BeTrue(section);
        }

        Regex.Count(html, "<section class=\"page[^\"]*\" id=\"site-").Should().Be(bundled.Result.SiteIds.Count, "one page per site");
        foreach (var scenario in bundled.Result.ScenarioIds)
        {
            html.Should().Contain($"id=\"sensitivity_{scenario}-chart\"", "every scenario has its tornado chart");
        }
    }

    [ChromiumFact]
    public void The_overlap_check_does_catch_colliding_text()
    {
        // Two labels on top of each other, one running out of the chart: both must be reported.
        const string html = "<!DOCTYPE html><html><head><title>t</title></head><body><svg class=\"chart\" id=\"c-chart\" width=\"200\" height=\"100\" viewBox=\"0 0 200 100\">"
            + "<text x=\"10\" y=\"20\" font-size=\"12\">legend entry one</text><text x=\"60\" y=\"22\" font-size=\"12\">entry two</text>"
            + "<text x=\"150\" y=\"80\" font-size=\"12\">runs off the edge</text></svg></body></html>";
        var problems = Overlaps(TextBoxes(html));
        problems.Should().Contain(p => p.Contains("legend entry one", StringComparison.Ordinal) && p.Contains("entry two", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("runs off the edge", StringComparison.Ordinal) && p.Contains("outside", StringComparison.Ordinal));
    }

    [ChromiumFact]
    public void Charts_are_drawn_in_the_embedded_font_with_the_widths_the_layout_assumed()
    {
        var html = File.ReadAllText(bundled.File("board-pack.html"));
        html.Should().Contain("@font-face { font-family: 'DejaVu Sans'").And.Contain("data:font/woff;base64,").And.Contain("Bitstream Vera");
        var report = ProbeText(html);
        report.Dejavu.Should().BeTrue("the embedded DejaVu Sans is loaded");
        report.Fonts.Should().OnlyContain(f => f.StartsWith("\"DejaVu Sans\"", StringComparison.Ordinal) || f.StartsWith("'DejaVu Sans'", StringComparison.Ordinal));
        var compared = 0;
        foreach (var chart in report.Charts)
        {
            foreach (var text in chart.Texts.Where(t => t.Spans == 0 && t.Size > 0 && t.Text.EnumerateRunes().All(r => Svg.Internal.TextMetrics.Covers(r.Value))))
            {
                var predicted = Svg.Internal.TextMetrics.Width(text.Text, text.Size, text.Bold);
                text.Length.Should().BeApproximately(predicted, Math.Max(0.5, 0.01 * predicted), $"'{text.Text}' ({text.Size} px{(text.Bold ? ", bold" : string.Empty)}) in {chart.Id}");
                compared++;
            }
        }

        compared.Should().BeGreaterThan(500);
        output.WriteLine($"{compared} chart texts: browser width within 1 % of the width table");
    }

    [ChromiumFact]
    public void The_bundled_pack_prints_to_at_most_22_a4_landscape_pages_and_5_mb()
    {
        var pdf = Path.Combine(Path.GetTempPath(), "climaterisk-print-test-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            BoardPackPrinter.Print(bundled.File("board-pack.html"), pdf).Should().BeNull();
            var bytes = File.ReadAllBytes(pdf);
            var text = System.Text.Encoding.Latin1.GetString(bytes);
            var pages = Regex.Count(text, @"/Type\s*/Page(?![a-zA-Z])");
            var box = Regex.Match(text, @"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]");
            output.WriteLine($"{pages} pages, {bytes.Length / 1e6:0.00} MB, media box {box.Groups[1].Value} × {box.Groups[2].Value} pt");
            // A page per site plus 11 (summary, strategy 5, risk management 2, metrics 2, appendix): a site page that spills shows here.
            var sites = bundled.Result.SiteIds.Count;
            pages.Should().BeInRange(sites + 8, Math.Min(BundledPagesAtMost, sites + 11), "every site takes one page and the rest of the pack at most 11");
            bytes.Length.Should().BeLessThanOrEqualTo(5_000_000);
            double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(841.9, 1, "A4 landscape is 297 mm wide");
            double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture).Should().BeApproximately(595.3, 1, "and 210 mm high");
        }
        finally
        {
            File.Delete(pdf);
        }
    }

    private static List<string> Overlaps(IReadOnlyList<ChartBoxes> charts)
    {
        var problems = new List<string>();
        foreach (var chart in charts)
        {
            var texts = chart.Texts;
            for (var i = 0; i < texts.Count; i++)
            {
                var a = texts[i];
                if (a.Left < chart.Left - 1 || a.Right > chart.Right + 1 || a.Top < chart.Top - 1 || a.Bottom > chart.Bottom + 1)
                {
                    problems.Add($"{chart.Id}: '{a.Text}' is outside the chart");
                }

                for (var j = i + 1; j < texts.Count; j++)
                {
                    var b = texts[j];
                    var w = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
                    var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Top, b.Top);
                    // Half a chart pixel of tolerance: glyph boxes include the font's line gap.
                    if (w > 0.5 * chart.Scale && h > 0.5 * chart.Scale)
                    {
                        problems.Add($"{chart.Id}: '{a.Text}' overlaps '{b.Text}' by {w / chart.Scale:0.0} × {h / chart.Scale:0.0} px");
                    }
                }
            }
        }

        return problems;
    }

    private static IReadOnlyList<ChartBoxes> TextBoxes(string html) => ProbeText(html).Charts;

    private static TextReport ProbeText(string html)
    {
        var directory = Path.Combine(Path.GetTempPath(), "climaterisk-text-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "probe.html");
            File.WriteAllText(path, html.Replace("</body>", TextProbe + "</body>", StringComparison.Ordinal));
            var (stdout, stderr, code) = Chromium.Run(new Uri(path).AbsoluteUri, "--dump-dom", "--virtual-time-budget=10000", "--window-size=1280,1000");
            code.Should().Be(0, stderr);
            var match = TextReportElement().Match(stdout);
            match.Success.Should().BeTrue($"the probe wrote its report into the DOM; chromium said: {stderr}");
            return JsonSerializer.Deserialize<TextReport>(WebUtility.HtmlDecode(match.Groups[1].Value), JsonOptions)!;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (IReadOnlyList<string> Problems, IReadOnlyList<Box> Boxes) Probe(string html)
    {
        var directory = Path.Combine(Path.GetTempPath(), "climaterisk-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var headEnd = html.IndexOf("<head>", StringComparison.Ordinal) + "<head>".Length;
            var probe = html[..headEnd] + Recorder + html[headEnd..].Replace("</body>", Reporter + "</body>", StringComparison.Ordinal);
            var path = Path.Combine(directory, "probe.html");
            File.WriteAllText(path, probe);
            var (stdout, stderr, code) = Chromium.Run(new Uri(path).AbsoluteUri, "--dump-dom", "--virtual-time-budget=5000", "--window-size=1280,1000");
            code.Should().Be(0, stderr);
            var match = ReportElement().Match(stdout);
            match.Success.Should().BeTrue($"the probe wrote its report into the DOM; chromium said: {stderr}");
            var report = JsonSerializer.Deserialize<Report>(WebUtility.HtmlDecode(match.Groups[1].Value), JsonOptions)!;
            return (report.Problems, report.Boxes);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    [GeneratedRegex("<pre id=\"browser-test-report\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex ReportElement();

    [GeneratedRegex("<pre id=\"text-probe-report\">(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex TextReportElement();

    [GeneratedRegex("(src|href)=\"(https?:)?//|url\\((['\"])?(https?:)?//|@import", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkReference();

    private sealed record Report(IReadOnlyList<string> Problems, IReadOnlyList<Box> Boxes);

    private sealed record Box(string Id, double Width, double Height);

    private sealed record TextReport(IReadOnlyList<ChartBoxes> Charts, IReadOnlyList<string> Fonts, bool Dejavu);

    private sealed record ChartBoxes(string Id, double Scale, double Left, double Top, double Right, double Bottom, IReadOnlyList<TextBox> Texts);

    private sealed record TextBox(string Text, double Left, double Top, double Right, double Bottom, double Length, double Size, bool Bold, int Spans);
}
