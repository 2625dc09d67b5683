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

    private CsvTable(string path, Dictionary<string, int> columns, List<CsvRow> rows, List<InputError> errors)
    {
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
        foreach (var (line, record) in CsvRecordReader.Parse(text, delimiter))
        {
            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
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

        return new CsvTable(path, columns, rows, errors);
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
            Errors.Add(new InputError(Path, row.Line, column, string.Empty, "a value"));
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
            Errors.Add(new InputError(Path, row.Line, column, text, $"a number{hint}, {range}"));
            return double.NaN;
        }

        if (value < min || value > max)
        {
            Errors.Add(new InputError(Path, row.Line, column, text, range));
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
            Errors.Add(new InputError(Path, row.Line, column, text, $"a whole number from {min} to {max}"));
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
            Errors.Add(new InputError(Path, row.Line, column, text, $"a {what}: {NameSuggester.ExpectedOneOf(text, known)}"));
        }

        return text;
    }

    public void Error(int line, string field, string value, string expected) => Errors.Add(new InputError(Path, line, field, value, expected));

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
