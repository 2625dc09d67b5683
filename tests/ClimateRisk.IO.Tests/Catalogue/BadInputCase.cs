using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.IO.Tests.Catalogue;

/// <summary>
/// One row of the bad-input catalogue: which file is broken, how, and the exact messages the
/// loader must print (InputError.ToString(), one per line, paths relative to the inputs' root).
/// <c>{line}</c> in <see cref="Expected"/> stands for the line of the row the mutation edits, so
/// that the catalogue survives rows being added above it in the bundled data.
/// </summary>
public sealed record BadInputCase(string File, string Mutation, Func<string, int> Locate, Action<string, int> Break, string Expected)
{
    /// <summary>A cell of the row whose text starts with <paramref name="rowPrefix"/>.</summary>
    public static BadInputCase Cell(string file, string rowPrefix, string column, string value, string expected)
        => new(file, $"{rowPrefix.TrimEnd(',')} {column} = {value}", p => LineStarting(p, rowPrefix), (p, line) => TestInputs.SetCell(p, line, column, value), expected);

    /// <summary>Replaces text that occurs exactly once in the file.</summary>
    public static BadInputCase Edit(string file, string oldText, string newText, string expected)
        => new(file, Difference(oldText, newText), p => LineContaining(p, oldText), (p, _) => TestInputs.ReplaceOnce(p, oldText, newText), expected);

    /// <summary>Any other change to the file (described by <paramref name="mutation"/>).</summary>
    public static BadInputCase Whole(string file, string mutation, Action<string> change, string expected)
        => new(file, mutation, _ => 0, (p, _) => change(p), expected);

    public string Name => $"{File}: {Mutation}";

    /// <summary>The 1-based line of the only line starting with <paramref name="prefix"/>.</summary>
    public static int LineStarting(string path, string prefix)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var matches = Enumerable.Range(0, lines.Length).Where(i => lines[i].StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        return matches.Length == 1 ? matches[0] + 1 : throw new InvalidOperationException($"{matches.Length} lines of {path} start with '{prefix}'");
    }

    private static int LineContaining(string path, string text)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        return index + 1;
    }

    /// <summary>"old → new" around the first character where the texts differ.</summary>
    private static string Difference(string oldText, string newText)
    {
        var common = 0;
        while (common < oldText.Length && common < newText.Length && oldText[common] == newText[common])
        {
            common++;
        }

        var from = Math.Max(0, common - 16);
        return $"'{Shorten(oldText[from..])}' → '{Shorten(newText[from..])}'";
    }

    private static string Shorten(string text)
    {
        var oneLine = text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        return oneLine.Length > 48 ? oneLine[..45] + "..." : oneLine;
    }
}
