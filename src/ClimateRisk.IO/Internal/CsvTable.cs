using System.Globalization;

namespace ClimateRisk.IO.Internal;

/// <summary>
/// A CSV file read into rows of strings with their line numbers, checked against the columns
/// the loader expects. Problems are collected in <see cref="Errors"/>, never thrown one at a
/// time, so a user sees everything wrong with a file at once.
/// </summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;
    private readonly HashSet<(int Line, string Column)> _damaged;

    private CsvTable(string path, Dictionary<string, int> columns, List<CsvRow> rows, List<InputError> errors, HashSet<(int Line, string Column)>? damaged = null)
    {
        _damaged = damaged ?? [];
        Path = path;
        _columns = columns;
        Rows = rows;
        Errors = errors;
    }

    public string Path { get; }

    public List<CsvRow> Rows { get; }

    public List<InputError> Errors { get; }

    /// <summary>Reads <paramref name="path"/>, which must have exactly the <paramref name="required"/> columns (in any order) plus any <paramref name="optional"/> ones.</summary>
    public static CsvTable Read(string path, IReadOnlyList<string> required, IReadOnlyList<string>? optional = null, bool allowEmpty = false)
    {
        var errors = new List<InputError>();
        var rows = new List<CsvRow>();
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            errors.Add(new InputError(path, 0, string.Empty, string.Empty, "an existing file"));
            return new CsvTable(path, columns, rows, errors);
        }

        if (TextFile.Read(path, errors) is not { } text)
        {
            return new CsvTable(path, columns, rows, errors);
        }

        var delimiter = CsvRecordReader.DetectDelimiter(text);
        string[]? header = null;
        var problems = new List<CsvProblem>();
        var records = CsvRecordReader.Parse(text, delimiter, problems);
        var damaged = new HashSet<(int Line, string Column)>();
        var headerFields = records.FirstOrDefault(r => !r.Fields.All(string.IsNullOrWhiteSpace)).Fields ?? [];
        string ColumnName(int field) => field < headerFields.Length ? headerFields[field].Trim() : string.Create(CultureInfo.InvariantCulture, $"field {field + 1}");
        foreach (var p in problems)
        {
            errors.Add(new InputError(path, p.Line, ColumnName(p.FieldIndex), p.Value, p.Expected));
            damaged.Add((p.Line, ColumnName(p.FieldIndex)));
        }

        foreach (var (line, record) in records)
        {
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (ControlCharacter(record) is { } bad)
            {
                // A NUL or other control character is damage (a disk or transfer fault, a binary
                // file), never data: "12\0" would otherwise parse as 12.
                var column = ColumnName(bad.Field);
                damaged.Add((line, column));
                errors.Add(new InputError(path, line, column, Escaped(record[bad.Field]),
                    $"text without control characters (found {bad.Name}: the file looks damaged; export it again)"));

                // Read on without them: the load fails on the error above, and the rest of the
                // file is still checked without follow-on noise from a dropped row.
                for (var f = 0; f < record.Length; f++)
                {
                    record[f] = new string(record[f].Where(c => !IsDamage(c)).ToArray());
                }
            }

            if (header is null)
            {
                header = record;
                if (delimiter != ',')
                {
                    var shown = delimiter == '\t' ? "tab" : delimiter.ToString();
                    errors.Add(new InputError(path, line, "delimiter", shown,
                        "',' (the file looks saved with another list separator, e.g. by a spreadsheet set to a European locale; save as CSV with commas and '.' decimals)"));
                }

                continue;
            }

            rows.Add(new CsvRow(line, record));
        }

        if (header is null)
        {
            errors.Add(new InputError(path, 0, string.Empty, "(empty file)", $"a header row with columns {string.Join(", ", required)}"));
            return new CsvTable(path, columns, rows, errors);
        }

        var known = required.Concat(optional ?? []).ToArray();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (!known.Contains(name))
            {
                errors.Add(new InputError(path, 1, "column", name, NameSuggester.ExpectedOneOf(name, known)));
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(new InputError(path, 1, "column", name, "each column once"));
            }
        }

        foreach (var name in required.Where(r => !columns.ContainsKey(r)))
        {
            errors.Add(new InputError(path, 1, name, string.Empty, "this column to be present"));
        }

        if (rows.Count == 0 && !allowEmpty)
        {
            errors.Add(new InputError(path, 0, string.Empty, "(no data rows)", "at least one data row"));
        }

        // A row with more or fewer fields than the header would be read shifted (an unquoted
        // comma in a source text moves nothing, but one in a name moves every later column):
        // report it once and leave its fields unchecked rather than report each shifted value.
        if (delimiter == ',')
        {
            foreach (var (line, fields) in rows.Where(r => r.Fields.Length != header.Length).ToArray())
            {
                var hint = fields.Length > header.Length ? " (put text that contains ',' in double quotes)" : string.Empty;
                errors.Add(new InputError(path, line, "fields", Count(fields.Length), $"{Count(header.Length)} like the header{hint}"));
            }

            rows.RemoveAll(r => r.Fields.Length != header.Length);
        }

        return new CsvTable(path, columns, rows, errors, damaged);
    }

    /// <summary>The first field with a control character (other than tab and the line ends of a quoted multi-line field) and its name.</summary>
    private static (int Field, string Name)? ControlCharacter(string[] record)
    {
        for (var f = 0; f < record.Length; f++)
        {
            var text = record[f];
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var allowed = c == '\t' || c == '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n');
                if (IsDamage(c) && !allowed)
                {
                    var name = c switch
                    {
                        '\0' => "a NUL byte",
                        '\r' => "a carriage return without a line feed",
                        '\uFEFF' => "a byte-order mark inside the file (two files joined?)",
                        _ => string.Create(CultureInfo.InvariantCulture, $"control character U+{(int)c:X4}"),
                    };
                    return (f, name);
                }
            }
        }

        return null;
    }

    private static bool IsDamage(char c) => (char.IsControl(c) && c is not ('\t' or '\n')) || c == '\uFEFF';

    /// <summary>A field as shown in a message: control characters as \0, \r, \uXXXX so that the message itself stays one clean line.</summary>
    private static string Escaped(string text)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in text.Length > 60 ? text[..60] : text)
        {
            sb.Append(c switch
            {
                '\0' => "\\0",
                '\r' => "\\r",
                '\n' => "\\n",
                _ when char.IsControl(c) || c == '\uFEFF' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private static string Count(int fields) => fields == 1 ? "1 field" : string.Create(CultureInfo.InvariantCulture, $"{fields} fields");

    public bool Has(string column) => _columns.ContainsKey(column);

    public string Text(CsvRow row, string column)
        => _columns.TryGetValue(column, out var i) && i < row.Fields.Length ? row.Fields[i].Trim() : string.Empty;

    public string Required(CsvRow row, string column)
    {
        var text = Text(row, column);
        if (text.Length == 0 && Has(column))
        {
            Report(new InputError(Path, row.Line, column, string.Empty, "a value"));
        }

        return text;
    }

    /// <summary>A finite number within [min, max]; records an error and returns NaN otherwise.</summary>
    public double Number(CsvRow row, string column, double min = double.NegativeInfinity, double max = double.PositiveInfinity, string? expected = null)
    {
        var text = Text(row, column);
        if (!Has(column))
        {
            return double.NaN;
        }

        var range = expected ?? DescribeRange(min, max);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            var hint = text.Contains(',', StringComparison.Ordinal) ? " with '.' as the decimal separator" : string.Empty;
            Report(new InputError(Path, row.Line, column, text, $"a number{hint}, {range}"));
            return double.NaN;
        }

        if (value < min || value > max)
        {
            Report(new InputError(Path, row.Line, column, text, range));
            return double.NaN;
        }

        return value;
    }

    public int Integer(CsvRow row, string column, int min, int max)
    {
        var text = Text(row, column);
        if (!Has(column))
        {
            return 0;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Report(new InputError(Path, row.Line, column, text, $"a whole number from {min} to {max}"));
            return 0;
        }

        return value;
    }

    /// <summary>A key that must be one of <paramref name="known"/>.</summary>
    public string Key(CsvRow row, string column, IReadOnlyCollection<string> known, string what)
    {
        var text = Required(row, column);
        if (text.Length > 0 && !known.Contains(text))
        {
            Report(new InputError(Path, row.Line, column, text, $"a {what}: {NameSuggester.ExpectedOneOf(text, known)}"));
        }

        return text;
    }

    public void Error(int line, string field, string value, string expected) => Report(new InputError(Path, line, field, value, expected));

    /// <summary>Adds <paramref name="error"/> unless its cell was already reported as damaged (one message per cell, no follow-on noise).</summary>
    private void Report(InputError error)
    {
        if (!_damaged.Contains((error.Line, error.Field)))
        {
            Errors.Add(error);
        }
    }

    private static string DescribeRange(double min, double max)
    {
        var inv = CultureInfo.InvariantCulture;
        return (double.IsNegativeInfinity(min), double.IsPositiveInfinity(max)) switch
        {
            (true, true) => "any finite value",
            (false, true) => string.Create(inv, $"≥ {min}"),
            (true, false) => string.Create(inv, $"≤ {max}"),
            _ => string.Create(inv, $"from {min} to {max}"),
        };
    }
}
