namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>Paths in the repository and beside it (the shared seeds).</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Data => Path.Combine(Root, "data");

    public static string Scenarios => Path.Combine(Root, "scenarios");

    /// <summary>The operators' reports cited as seed:kingsoft / seed:kuaishou, when shared/ is beside the repository.</summary>
    public static string? SeedsDirectory
    {
        get
        {
            foreach (var candidate in new[] { Path.Combine(Root, "..", "shared", "seeds"), "/work/shared/seeds" })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }

            return null;
        }
    }

    public static string Snapshots => Path.Combine(Root, "tests", "ClimateRisk.Reporting.Tests", "Snapshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClimateRisk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (ClimateRisk.sln) not found above " + AppContext.BaseDirectory);
    }
}
