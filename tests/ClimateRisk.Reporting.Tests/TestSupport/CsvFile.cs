using System.Globalization;

namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>A plain CSV reader for the tests, independent of the code under test (RFC 4180 quotes handled).</summary>
public sealed class CsvFile
{
    private CsvFile(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public static CsvFile Read(string path) => Parse(System.IO.File.ReadAllText(path));

    public static CsvFile Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(fields.ToArray());
                fields.Clear();
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(fields.ToArray());
        }

        return new CsvFile(records[0], records.Skip(1).ToList());
    }

    public int Column(string name)
    {
        var i = Array.IndexOf(Header, name);
        if (i < 0)
        {
            throw new KeyNotFoundException($"column {name}");
        }

        return i;
    }

    public string Text(string[] row, string column) => row[Column(column)];

    public double Number(string[] row, string column)
    {
        var text = Text(row, column);
        return text.Length == 0 ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public IEnumerable<string[]> Where(params (string Column, string Value)[] keys)
        => Rows.Where(r => keys.All(k => r[Column(k.Column)] == k.Value));
}
