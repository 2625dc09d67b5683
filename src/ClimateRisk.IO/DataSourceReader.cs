using System.Globalization;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// Collects the <c>source</c> column of every input table (the sites file and the shared tables
/// of <see cref="InputPaths.DataTables"/>), so a report can say where each figure comes from.
/// Files are read leniently: a table without a <c>source</c> column contributes nothing.
/// </summary>
public static class DataSourceReader
{
    /// <summary>The source notes of every table of <paramref name="paths"/>, file by file in <see cref="InputPaths.AllFiles"/> order.</summary>
    public static IReadOnlyList<DataSourceNote> Read(InputPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var notes = new List<DataSourceNote>();
        foreach (var file in paths.AllFiles().Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)))
        {
            notes.AddRange(ReadFile(file));
        }

        return notes;
    }

    /// <summary>The source notes of one CSV file.</summary>
    public static IReadOnlyList<DataSourceNote> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var records = CsvRecordReader.Parse(File.ReadAllText(path), ',');
        if (records.Count == 0)
        {
            return [];
        }

        var header = records[0].Fields.Select(h => h.Trim()).ToArray();
        var source = Array.IndexOf(header, "source");
        if (source < 0)
        {
            return [];
        }

        var notes = new List<DataSourceNote>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace) || source >= fields.Length)
            {
                continue;
            }

            var key = new List<string>();
            for (var i = 0; i < fields.Length && i < header.Length && i != source; i++)
            {
                var text = fields[i].Trim();
                if (key.Count > 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && header[i] is not ("year" or "from_year"))
                {
                    break;
                }

                key.Add(text);
                if (key.Count == 2)
                {
                    break;
                }
            }

            notes.Add(new DataSourceNote(path.Replace('\\', '/'), line, string.Join(" ", key), fields[source].Trim()));
        }

        return notes;
    }
}
