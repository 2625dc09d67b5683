using System.Text;

namespace ClimateRisk.IO.Internal;

/// <summary>
/// RFC 4180 records with the line each starts on: quoted fields with "" escapes and embedded
/// line breaks, LF or CRLF line ends, a UTF-8 BOM skipped. Written here rather than taken from
/// CsvHelper because the loaders need exact starting line numbers for their error messages.
/// </summary>
internal static class CsvRecordReader
{
    /// <summary>Reads all records of <paramref name="text"/> separated by <paramref name="delimiter"/>, leniently (for files already checked).</summary>
    public static List<CsvRow> Parse(string text, char delimiter) => Parse(text, delimiter, problems: null);

    /// <summary>
    /// Reads all records of <paramref name="text"/>; structural faults go to <paramref name="problems"/>
    /// (when given), once per record: a quoted field never closed (a file cut off by an
    /// interrupted copy; the unfinished record is dropped), a '"' inside an unquoted field or text
    /// after a closing '"' (read literally, so that the rest of the file stays aligned).
    /// </summary>
    public static List<CsvRow> Parse(string text, char delimiter, List<CsvProblem>? problems)
    {
        var records = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quoteLine = 0;
        var afterQuote = false;
        var recordBroken = false;
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
                        afterQuote = true;
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
                if (field.Length > 0 || afterQuote)
                {
                    // Read literally so that the rest of the file stays aligned; the record is refused.
                    Report(problems, ref recordBroken, line, fields.Count, Shown(field.ToString() + '"'),
                        "'\"' only around a whole field (put the field in double quotes and double each '\"' inside it)");
                    field.Append(c);
                }
                else
                {
                    inQuotes = true;
                    quoteLine = line;
                }
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
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
                afterQuote = false;
                recordBroken = false;
            }
            else
            {
                if (afterQuote && !char.IsWhiteSpace(c))
                {
                    // Reported, and left out of the field so that the quoted value (often a key
                    // other tables refer to) causes no follow-on errors.
                    Report(problems, ref recordBroken, line, fields.Count, Shown(field.ToString() + c),
                        "a ',' or a line end after a closing '\"' (put the whole field in double quotes and double each '\"' inside it)");
                    continue;
                }

                if (!afterQuote)
                {
                    field.Append(c);
                }
            }
        }

        if (inQuotes)
        {
            // An interrupted copy cuts a file anywhere: inside a quoted field the rest of the file
            // would be one field, and the records before would read as a complete, shorter table.
            Report(problems, ref recordBroken, quoteLine, fields.Count, Shown(Preview(field.ToString())),
                "a closing '\"' for the quoted field opened on this line (the file ends inside it: it looks cut off, e.g. by an interrupted copy)");
        }

        if (inQuotes && problems is not null)
        {
            return records;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRow(recordLine, fields.ToArray()));
        }

        return records;
    }

    private static void Report(List<CsvProblem>? problems, ref bool recordBroken, int line, int field, string value, string expected)
    {
        if (problems is not null && !recordBroken)
        {
            problems.Add(new CsvProblem(line, field, value, expected));
        }

        recordBroken = true;
    }

    private static string Preview(string text)
    {
        var firstLine = text.Split('\n')[0];
        return firstLine.Length > 40 ? "\"" + firstLine[..40] + "…" : "\"" + firstLine;
    }

    private static string Shown(string text) => text.Length > 40 ? "…" + text[^40..] : text;

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
