using System.Text;

namespace ClimateRisk.Reporting.BoardPack.Internal;

/// <summary>Minimal HTML helpers: escaping and tables. Text stays UTF-8 (Chinese quotes included).</summary>
internal static class Html
{
    public static string E(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>A table; cells are HTML already; <paramref name="numeric"/> right-aligns columns.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string cssClass, IReadOnlyList<bool>? numeric = null, string groupRow = "")
    {
        var b = new StringBuilder();
        b.Append("<table class=\"").Append(cssClass).Append("\">\n<thead>").Append(groupRow).Append("<tr>");
        for (var i = 0; i < headers.Count; i++)
        {
            b.Append(numeric is not null && numeric[i] ? "<th class=\"num\">" : "<th>").Append(headers[i]).Append("</th>");
        }

        b.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            b.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                b.Append(numeric is not null && i < numeric.Count && numeric[i] ? "<td class=\"num\">" : "<td>").Append(row[i]).Append("</td>");
            }

            b.Append("</tr>\n");
        }

        b.Append("</tbody>\n</table>\n");
        return b.ToString();
    }
}
