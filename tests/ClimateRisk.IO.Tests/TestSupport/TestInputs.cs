using System.Text;

namespace ClimateRisk.IO.Tests.TestSupport;

/// <summary>
/// A private copy of the bundled data/ and scenarios/ in a temporary directory, with helpers to
/// break exactly one thing in it. Every edit checks that it changed exactly what it meant to, so
/// a change to the bundled data makes the test fail loudly instead of silently testing nothing.
/// </summary>
internal sealed class TestInputs : IDisposable
{
    private TestInputs(string root)
    {
        Root = root;
    }

    /// <summary>The repository root (the first ancestor of the test binaries with data/sites.csv).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string BundledDataDirectory => Path.Combine(RepoRoot, "data");

    public static string BundledScenarioDirectory => Path.Combine(RepoRoot, "scenarios");

    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string ScenarioDirectory => Path.Combine(Root, "scenarios");

    public string SitesFile => Data("sites.csv");

    /// <summary>The bundled inputs, in place (read-only use).</summary>
    public static InputPaths Bundled() => new()
    {
        DataDirectory = BundledDataDirectory,
        SitesFile = Path.Combine(BundledDataDirectory, "sites.csv"),
        ScenarioFiles = Directory.GetFiles(BundledScenarioDirectory, "*.yaml").Order(StringComparer.Ordinal).ToArray(),
    };

    /// <summary>Copies the bundled data/ and scenarios/ to a new temporary directory.</summary>
    public static TestInputs Copy()
    {
        var root = Path.Combine(Path.GetTempPath(), "climaterisk-tests-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(BundledDataDirectory, Path.Combine(root, "data"));
        CopyDirectory(BundledScenarioDirectory, Path.Combine(root, "scenarios"));
        return new TestInputs(root);
    }

    /// <summary>A file under the copied data/ directory.</summary>
    public string Data(string relative) => Path.Combine(DataDirectory, relative);

    /// <summary>The copied scenario file of a bundled scenario id.</summary>
    public string Scenario(string id) => Path.Combine(ScenarioDirectory, id + ".yaml");

    /// <summary>Input paths of the copy; every scenario unless some are named.</summary>
    public InputPaths Paths(params string[] scenarioFiles) => new()
    {
        DataDirectory = DataDirectory,
        SitesFile = SitesFile,
        ScenarioFiles = scenarioFiles.Length > 0
            ? scenarioFiles
            : Directory.GetFiles(ScenarioDirectory, "*.yaml").Order(StringComparer.Ordinal).ToArray(),
    };

    /// <summary>Replaces the one occurrence of <paramref name="oldText"/> in <paramref name="path"/>.</summary>
    public static void ReplaceOnce(string path, string oldText, string newText)
    {
        var text = File.ReadAllText(path);
        var first = text.IndexOf(oldText, StringComparison.Ordinal);
        if (first < 0 || text.IndexOf(oldText, first + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"'{oldText}' must occur exactly once in {path}");
        }

        File.WriteAllText(path, string.Concat(text.AsSpan(0, first), newText, text.AsSpan(first + oldText.Length)));
    }

    /// <summary>Sets one cell (1-based physical line, column by header name); returns the old raw text.</summary>
    public static string SetCell(string path, int line, string column, string rawValue)
    {
        var lines = ReadLines(path);
        var index = Array.IndexOf(CsvLine.Split(lines[0]), column);
        if (index < 0)
        {
            throw new InvalidOperationException($"no column {column} in {path}");
        }

        var spans = CsvLine.Spans(lines[line - 1]);
        var (start, length) = spans[index];
        var old = lines[line - 1].Substring(start, length);
        lines[line - 1] = string.Concat(lines[line - 1].AsSpan(0, start), rawValue, lines[line - 1].AsSpan(start + length));
        WriteLines(path, lines);
        return old;
    }

    /// <summary>Removes a column from the header and every row.</summary>
    public static void RemoveColumn(string path, string column)
    {
        var lines = ReadLines(path);
        var index = Array.IndexOf(CsvLine.Split(lines[0]), column);
        if (index < 0)
        {
            throw new InvalidOperationException($"no column {column} in {path}");
        }

        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var spans = CsvLine.Spans(lines[i]);
            var (start, length) = spans[index];
            // Remove the field and the comma before it (or after it, for the first column).
            lines[i] = index > 0
                ? string.Concat(lines[i].AsSpan(0, start - 1), lines[i].AsSpan(start + length))
                : lines[i][(start + length + 1)..];
        }

        WriteLines(path, lines);
    }

    /// <summary>Removes the 1-based physical line <paramref name="line"/>; returns it.</summary>
    public static string RemoveLine(string path, int line)
    {
        var lines = ReadLines(path).ToList();
        var removed = lines[line - 1];
        lines.RemoveAt(line - 1);
        WriteLines(path, lines.ToArray());
        return removed;
    }

    /// <summary>Re-writes the delimiters outside quotes as <paramref name="delimiter"/>.</summary>
    public static void ChangeDelimiter(string path, char delimiter)
    {
        var text = File.ReadAllText(path);
        var builder = new StringBuilder(text.Length);
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }

            builder.Append(!inQuotes && c == ',' ? delimiter : c);
        }

        File.WriteAllText(path, builder.ToString());
    }

    /// <summary>The 1-based physical line of the row whose first field is <paramref name="key"/>.</summary>
    public static int LineOf(string path, string key)
    {
        var lines = ReadLines(path);
        var matches = Enumerable.Range(0, lines.Length).Where(i => lines[i].Length > 0 && CsvLine.Split(lines[i])[0] == key).ToArray();
        if (matches.Length != 1)
        {
            throw new InvalidOperationException($"{matches.Length} rows with key {key} in {path}");
        }

        return matches[0] + 1;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static string[] ReadLines(string path)
    {
        var text = File.ReadAllText(path);
        if (text.Contains('\r', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path}: the editing helpers expect LF line ends");
        }

        // Keep the final newline as an empty last element so that it is written back.
        return text.Split('\n');
    }

    private static void WriteLines(string path, string[] lines) => File.WriteAllText(path, string.Join('\n', lines));

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "data", "sites.csv")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No ancestor of " + AppContext.BaseDirectory + " contains data/sites.csv");
    }
}
