using System.Text;

namespace ClimateRisk.IO.Internal;

/// <summary>
/// RFC 4180 records with the line each starts on: quoted fields with "" escapes and embedded
/// line breaks, LF or CRLF line ends, a UTF-8 BOM skipped. Written here rather than taken from
/// CsvHelper because the loaders need exact starting line numbers for their error messages.
/// </summary>
internal static class CsvRecordReader
{
    /// <summary>Reads all records of <paramref name="text"/> separated by <paramref name="delimiter"/>.</summary>
    public static List<CsvRow> Parse(string text, char delimiter)
    {
        var records = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                // CRLF: the \n ends the record.
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add(new CsvRow(recordLine, fields.ToArray()));
                fields.Clear();
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRow(recordLine, fields.ToArray()));
        }

        return records;
    }

    /// <summary>The most plausible delimiter of a header line: the one of ',', ';', tab that occurs most outside quotes.</summary>
    public static char DetectDelimiter(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var header = end < 0 ? text : text[..end];
        var best = ',';
        var bestCount = 0;
        foreach (var candidate in ",;\t")
        {
            var count = 0;
            var inQuotes = false;
            foreach (var c in header)
            {
                if (c == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (!inQuotes && c == candidate)
                {
                    count++;
                }
            }

            if (count > bestCount)
            {
                best = candidate;
                bestCount = count;
            }
        }

        return best;
    }
}
