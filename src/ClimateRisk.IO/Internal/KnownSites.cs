namespace ClimateRisk.IO.Internal;

/// <summary>
/// The site ids a per-site table may name: the portfolio being loaded, plus the sites of the data
/// directory's own sites.csv and candidates.csv (the shared tables hold rows for both, so a run of
/// the portfolio meets candidate rows and the reverse). Any other id is a typo or a stray row.
/// </summary>
internal sealed class KnownSites
{
    private KnownSites(HashSet<string> portfolio, HashSet<string> all, string portfolioFile, bool checkRows)
    {
        CheckRows = checkRows;
        Portfolio = portfolio;
        All = all;
        PortfolioFile = portfolioFile;
    }

    /// <summary>Whether rows naming unknown ids are reported (not when the sites file itself is broken).</summary>
    public bool CheckRows { get; }

    /// <summary>Ids of the sites file being loaded.</summary>
    public HashSet<string> Portfolio { get; }

    /// <summary>Every id a row may name.</summary>
    public HashSet<string> All { get; }

    private string PortfolioFile { get; }

    public static KnownSites Of(InputPaths paths, HashSet<string> portfolio, bool checkRows)
    {
        var all = new HashSet<string>(portfolio, StringComparer.Ordinal);
        foreach (var file in new[] { "sites.csv", "candidates.csv" })
        {
            all.UnionWith(Ids(Path.Combine(paths.DataDirectory, file)));
        }

        return new KnownSites(portfolio, all, Path.GetFileName(paths.SitesFile), checkRows);
    }

    /// <summary>What a row naming the unknown <paramref name="id"/> should have named: the nearest id still without a row first.</summary>
    public string Describe(string id, IEnumerable<string> withRow)
    {
        var nearest = NameSuggester.Nearest(id, Portfolio.Except(withRow).Order(StringComparer.Ordinal))
            ?? NameSuggester.Nearest(id, All.Order(StringComparer.Ordinal));
        var files = PortfolioFile == "sites.csv" ? "sites.csv or candidates.csv" : $"{PortfolioFile}, sites.csv or candidates.csv";
        return nearest is not null
            ? $"a site of {files} (did you mean '{nearest}'?)"
            : $"a site of {files} (no site has this id, so the row would be ignored: correct the id or remove the row)";
    }

    /// <summary>The site_id column of a CSV file read leniently (its own errors are reported when it is loaded as the portfolio).</summary>
    private static string[] Ids(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            var records = CsvRecordReader.Parse(File.ReadAllText(path), ',');
            if (records.Count == 0)
            {
                return [];
            }

            var column = Array.IndexOf(records[0].Fields.Select(f => f.Trim()).ToArray(), "site_id");
            return column < 0 ? [] : records.Skip(1).Where(r => column < r.Fields.Length).Select(r => r.Fields[column].Trim()).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return [];
        }
    }
}
