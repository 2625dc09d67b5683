namespace ClimateRisk.IO.Tests;

/// <summary>RunPlan: what --resume compares, in the words of the command line.</summary>
public sealed class RunPlanTests
{
    private static RunPlan Plan(string workingDirectory, string sitesPath, string hash = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") => new()
    {
        Seed = 1,
        Paths = 100,
        FirstYear = 2025,
        LastYear = 2030,
        Sites = ["a", "b"],
        Scenarios = ["x", "y"],
        InputSha256 = new Dictionary<string, string> { [sitesPath] = hash },
        WorkingDirectory = workingDirectory,
    };

    [Fact]
    public void The_same_files_named_from_another_working_directory_are_no_difference()
    {
        var earlier = Plan("/repo", "data/sites.csv");
        var now = Plan("/repo/tests/bin", "../../data/sites.csv");

        now.DifferencesFrom(earlier).Should().BeEmpty();
    }

    [Fact]
    public void Each_difference_is_one_line()
    {
        var earlier = Plan("/repo", "data/sites.csv");
        var now = Plan("/repo", "data/sites.csv", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb") with
        {
            Paths = 200,
            LastYear = 2031,
            TargetRse = 0.01,
            MaxPaths = 1000,
            Scenarios = ["y", "x"],
            Sensitivity = true,
        };

        now.DifferencesFrom(earlier).Should().Equal(
            "--paths: 100 in the interrupted run, 200 now",
            "--years: 2025..2030 in the interrupted run, 2025..2031 now",
            "--target-rse: (none) in the interrupted run, 0.01 now",
            "--max-paths: (none) in the interrupted run, 1000 now",
            "--sensitivity: off in the interrupted run, on now",
            "scenarios: x, y in the interrupted run, y, x now",
            "data/sites.csv: changed since the interrupted run (SHA-256 aaaaaaaaaaaa… then, bbbbbbbbbbbb… now)");
    }

    [Fact]
    public void Files_added_or_dropped_are_named()
    {
        var earlier = Plan("/repo", "data/sites.csv");
        var now = Plan("/repo", "my_sites.csv");

        now.DifferencesFrom(earlier).Should().Equal(
            "data/sites.csv: an input of the interrupted run, not of this one",
            "my_sites.csv: an input of this run, not of the interrupted one");
    }
}
