using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClimateRisk.Reporting.Tests.TestSupport;
using Xunit.Abstractions;

namespace ClimateRisk.Reporting.Tests;

/// <summary>The board pack as a file and in a browser.</summary>
[Collection(SmallRunGroup.Name)]
public sealed partial class BoardPackTests(SmallRun run, ITestOutputHelper output)
{
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

    [Fact]
    public void Board_pack_is_self_contained_and_printable_on_a4_landscape()
    {
        var html = File.ReadAllText(run.File("board-pack.html"));
        html.Should().StartWith("<!DOCTYPE html>");
        html.Should().NotContain("<script", "the pack needs no scripts");
        NetworkReference().IsMatch(html).Should().BeFalse("the pack loads nothing from the network");
        html.Should().Contain("@page { size: A4 landscape;");
        html.Should().Contain("break-after: page");
        foreach (var section in new[] { "id=\"summary\"", "id=\"strategy\"", "id=\"risk-management\"", "id=\"metrics-pue\"", "id=\"metrics-emissions\"", "id=\"appendix-data\"", "id=\"appendix-manifest\"" })
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

    [GeneratedRegex("(src|href)=\"(https?:)?//|url\\((['\"])?(https?:)?//|@import", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkReference();

    private sealed record Report(IReadOnlyList<string> Problems, IReadOnlyList<Box> Boxes);

    private sealed record Box(string Id, double Width, double Height);
}
