using System.Globalization;

namespace ClimateRisk.IO.Tests.TestSupport;

/// <summary>
/// An independent, deliberately simple reader of one CSV line (quotes with "" escapes, no
/// embedded line breaks), so that tests check the loaders against the file text rather than
/// against the loaders' own parser.
/// </summary>
internal static class CsvLine
{
    /// <summary>Start and length of each raw field (quotes included).</summary>
    public static List<(int Start, int Length)> Spans(string line)
    {
        var spans = new List<(int, int)>();
        var start = 0;
        var inQuotes = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (line[i] == ',' && !inQuotes)
            {
                spans.Add((start, i - start));
                start = i + 1;
            }
        }

        spans.Add((start, line.Length - start));
        return spans;
    }

    /// <summary>The unquoted field values.</summary>
    public static string[] Split(string line)
        => Spans(line).Select(s => Unquote(line.Substring(s.Start, s.Length))).ToArray();

    /// <summary>The rows of a file as column → value maps (header from the first line).</summary>
    public static List<Dictionary<string, string>> ReadTable(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = Split(lines[0]);
        return lines.Skip(1)
            .Select(l => Split(l).Select((v, i) => (Key: header[i], Value: v)).ToDictionary(p => p.Key, p => p.Value))
            .ToList();
    }

    /// <summary>The row of <paramref name="path"/> whose <paramref name="keyColumn"/> is <paramref name="key"/>.</summary>
    public static Dictionary<string, string> Row(string path, string keyColumn, string key)
        => ReadTable(path).Single(r => r[keyColumn] == key);

    public static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static int Integer(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static string Unquote(string raw)
        => raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : raw;
}
