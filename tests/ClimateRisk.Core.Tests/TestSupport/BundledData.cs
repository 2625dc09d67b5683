namespace ClimateRisk.Core.Tests.TestSupport;

/// <summary>Finds the repository's bundled data from the test's output directory.</summary>
internal static class BundledData
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "data", "sites.csv")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("data/sites.csv not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Rows of a bundled CSV as dictionaries (simple split: the columns read here never hold quoted commas before them).</summary>
    public static List<Dictionary<string, string>> Csv(string relative)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, relative)).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l =>
        {
            var fields = l.Split(',');
            return header.Select((h, i) => (h, v: i < fields.Length ? fields[i] : string.Empty)).ToDictionary(p => p.h, p => p.v);
        }).ToList();
    }
}
