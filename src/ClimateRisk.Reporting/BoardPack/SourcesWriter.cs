using System.Text;
using ClimateRisk.Reporting.BoardPack.Internal;
using ClimateRisk.Reporting.Internal;
using static ClimateRisk.Reporting.BoardPack.Internal.Html;

namespace ClimateRisk.Reporting.BoardPack;

/// <summary>
/// Writes <c>sources.html</c>, the board pack's companion for readers who check: each scenario's
/// description and sources, the source of every input row this run used (rows of sites,
/// candidates, jurisdictions and cooling types outside the portfolio are left out), and the
/// SHA-256 of the input files. Self-contained like the pack.
/// </summary>
public static class SourcesWriter
{
    /// <summary>The file name.</summary>
    public const string FileName = "sources.html";

    /// <summary>Writes the page.</summary>
    public static void Write(ReportData data, BoardPackModel model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        var b = new StringBuilder();
        void A(string text) => b.Append(text);

        A("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        A($"<title>Sources — climate risk board pack — {E(model.PortfolioName)}</title>\n<style>\n{PackStyle.Css}</style>\n</head>\n<body>\n");
        A("<section class=\"page flow\" id=\"appendix-scenarios\">\n");
        A($"<div class=\"running\"><span class=\"section\">Sources</span><span>Climate risk board pack · {E(model.PortfolioName)}</span></div>\n");
        A("<h1>Sources of the board pack</h1>\n<h2>C. Scenarios and their sources</h2>\n");
        foreach (var s in data.Result.ScenarioIds)
        {
            var notes = data.Sources.Scenarios.FirstOrDefault(n => n.Id == s);
            A($"<h3>{E(data.ScenarioName(s))}</h3>\n");
            if (notes is null)
            {
                A("<p class=\"note\">The scenario file of this run was not found among the inputs.</p>\n");
                continue;
            }

            A($"<p>{E(notes.Description)}</p>\n");
            A(Table(["Item", "Source"], notes.Sources.Select(kv => (IReadOnlyList<string>)[E(kv.Key), E(kv.Value)]), "small sources"));
            A($"<p class=\"note\">File: {E(notes.File)}</p>\n");
        }

        A("</section>\n<section class=\"page flow\" id=\"appendix-data\">\n");
        A("<h2>D. Data sources (the source column of every input row this run used)</h2>\n");
        foreach (var file in model.UsedSources.GroupBy(n => n.File))
        {
            A($"<h3>{E(file.Key)}</h3>\n");
            // Rows that share one source text (e.g. one assumption for many thresholds) are listed once.
            var rows = file.GroupBy(n => n.Source).Select(g => (IReadOnlyList<string>)
            [
                E(string.Join(", ", g.Select(n => n.Key.Trim()))) + $"<br><span class=\"note\">{(g.Count() == 1 ? "line" : "lines")} {string.Join(", ", g.Select(n => Format.Int(n.Line)))}</span>",
                E(g.Key),
            ]);
            A(Table(["Rows", "Source"], rows, "small sources"));
        }

        if (model.UsedSources.Count == 0)
        {
            A("<p class=\"note\">No input tables were available to this report.</p>\n");
        }

        A("<h2>E. Input files (SHA-256)</h2>\n");
        A(Table(["File", "SHA-256"], data.Manifest.InputSha256.Select(kv => (IReadOnlyList<string>)[E(kv.Key), "<code>" + E(kv.Value) + "</code>"]), "small sources"));
        A("</section>\n</body>\n</html>\n");
        writer.Write(b.ToString());
    }
}
