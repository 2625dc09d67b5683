using System.Globalization;
using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.IO;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>
/// run --target-rse: the paths double from --paths until every headline RSE (portfolio total
/// climate cost and physical loss at the horizons, NPV) meets the target or --max-paths is hit;
/// the outcome is in the output, manifest.json and results/convergence.csv.
/// </summary>
public sealed class ConvergenceTests : IDisposable
{
    private readonly List<string> _cleanup = [];

    public void Dispose()
    {
        foreach (var path in _cleanup.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private string NewOut()
    {
        var path = CliHarness.TempPath("convergence");
        _cleanup.Add(path);
        return path;
    }

    private static RunRequest Request(string outPath) => new()
    {
        Paths = 100,
        Years = "2029..2031",
        Scenarios = ["ngfs-ndcs"],
        Out = outPath,
        Workers = 2,
        CommandLine = ["run"],
    };

    private static string[][] Rows(string outPath) =>
        File.ReadAllText(Path.Combine(outPath, "results", "convergence.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToArray();

    [Fact]
    public void Paths_double_until_every_headline_rse_meets_the_target_and_the_results_are_those_of_a_plain_run_with_that_many_paths()
    {
        var outPath = NewOut();

        var outcome = CliHarness.Run(Request(outPath) with { TargetRse = 0.2 });

        outcome.ExitCode.Should().Be(0, outcome.Error);
        var manifest = RunManifest.Read(Path.Combine(outPath, "manifest.json"));
        manifest.TargetRse.Should().Be(0.2);
        manifest.MaxPaths.Should().Be(1_000_000);
        var convergence = manifest.Convergence.Should().ContainSingle().Subject;
        convergence.Converged.Should().BeTrue();
        convergence.CapReason.Should().BeNull();
        convergence.Paths.Should().BeGreaterThan(100, "100 paths are far from an RSE of 0.2 for the physical loss");
        (convergence.Paths % 100).Should().Be(0, "paths double from --paths");
        (convergence.Paths / 100).Should().Match(n => (n & (n - 1)) == 0, "paths double from --paths");
        convergence.WorstRse.Should().BeLessThanOrEqualTo(0.2);

        var rows = Rows(outPath);
        rows.Select(r => (r[0], r[1], r[2])).Should().Equal(
            ("ngfs-ndcs", "total_climate_cost_cny", "2030"), ("ngfs-ndcs", "physical_loss_cny", "2030"), ("ngfs-ndcs", "total_climate_cost_cny", "npv_2029_2031"));
        rows.Should().OnlyContain(r => r[3] == convergence.Paths.ToString(CultureInfo.InvariantCulture) && r[7] == "0.2" && r[8] == "true");
        rows.Should().OnlyContain(r => double.Parse(r[6], CultureInfo.InvariantCulture) <= 0.2
            && Math.Abs(double.Parse(r[6], CultureInfo.InvariantCulture) - (double.Parse(r[5], CultureInfo.InvariantCulture) / Math.Abs(double.Parse(r[4], CultureInfo.InvariantCulture)))) < 1e-15);
        outcome.Output.Should().Contain("Convergence (headline RSE target 0.2; results/convergence.csv):");
        outcome.Output.Should().Contain($"  ngfs-ndcs                        converged at {convergence.Paths:N0} paths; worst RSE");

        // Doubling reruns from scratch: the written results are those of a plain run with the final paths.
        var plain = NewOut();
        CliHarness.Run(Request(plain) with { Paths = convergence.Paths }).ExitCode.Should().Be(0);
        foreach (var file in ResultsWriter.FileNames)
        {
            File.ReadAllBytes(Path.Combine(outPath, "results", file)).Should().Equal(File.ReadAllBytes(Path.Combine(plain, "results", file)), file);
        }

        // And it stops at the first count that meets the target: half as many paths do not.
        var half = NewOut();
        CliHarness.Run(Request(half) with { Paths = convergence.Paths / 2 }).ExitCode.Should().Be(0);
        RunManifest.Read(Path.Combine(half, "manifest.json")).Convergence.Should().ContainSingle()
            .Which.WorstRse.Should().BeGreaterThan(0.2, "the doubling must not overshoot the first path count that meets the target");
    }

    [Fact]
    public void The_path_cap_stops_the_doubling_and_the_run_says_it_did_not_converge()
    {
        var outPath = NewOut();

        var outcome = CliHarness.Run(Request(outPath) with { TargetRse = 0.0001, MaxPaths = 400 });

        outcome.ExitCode.Should().Be(0, outcome.Error);
        var convergence = RunManifest.Read(Path.Combine(outPath, "manifest.json")).Convergence.Should().ContainSingle().Subject;
        convergence.Should().Match<ScenarioConvergence>(c => c.Paths == 400 && c.Converged == false && c.CapReason == "max_paths" && c.WorstRse > 0.0001);
        Rows(outPath).Should().OnlyContain(r => r[3] == "400" && r[7] == "0.0001" && r[8] == "false");
        outcome.Output.Should().Contain("  ngfs-ndcs                        NOT converged: stopped at 400 paths (the --max-paths cap); worst RSE");
    }

    [Fact]
    public void Without_a_target_convergence_csv_still_reports_each_rse_but_no_verdict()
    {
        var outPath = NewOut();

        var outcome = CliHarness.Run(Request(outPath) with { Years = "2029..2030" });

        outcome.ExitCode.Should().Be(0, outcome.Error);
        outcome.Output.Should().NotContain("Convergence");
        Rows(outPath).Should().HaveCount(3).And.OnlyContain(r => r[3] == "100" && r[7] == string.Empty && r[8] == string.Empty && r[6].Length > 0);
        var manifest = RunManifest.Read(Path.Combine(outPath, "manifest.json"));
        manifest.TargetRse.Should().BeNull();
        manifest.MaxPaths.Should().BeNull();
        manifest.Convergence.Should().ContainSingle().Which.Converged.Should().BeNull();
    }

    [Fact]
    public void Years_without_a_horizon_leave_only_the_npv_as_headline()
    {
        var outPath = NewOut();

        CliHarness.Run(Request(outPath) with { Years = "2025..2026" }).ExitCode.Should().Be(0);

        Rows(outPath).Select(r => r[2]).Should().Equal("npv_2025_2026");
    }

    [Theory]
    [InlineData(0.0, 1_000_000, "error: --target-rse '0': expected a relative standard error between 0 and 1, e.g. 0.01")]
    [InlineData(1.5, 1_000_000, "error: --target-rse '1.5': expected a relative standard error between 0 and 1, e.g. 0.01")]
    [InlineData(0.01, 50, "error: --max-paths '50': expected at least --paths (100)")]
    public void Bad_convergence_options_exit_1(double target, int maxPaths, string message)
    {
        var outPath = NewOut();

        var outcome = CliHarness.Run(Request(outPath) with { TargetRse = target, MaxPaths = maxPaths });

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be(message + Environment.NewLine);
        Directory.Exists(outPath).Should().BeFalse();
    }

    [Fact]
    public void Command_line_options_reach_the_run()
    {
        var outPath = NewOut();

        var outcome = CliHarness.InvokeRun("--paths", "100", "--years", "2029..2030", "--scenarios", "ngfs-ndcs", "--target-rse", "0.5", "--max-paths", "800", "--out", outPath);

        outcome.ExitCode.Should().Be(0, outcome.Error);
        var manifest = RunManifest.Read(Path.Combine(outPath, "manifest.json"));
        manifest.TargetRse.Should().Be(0.5);
        manifest.MaxPaths.Should().Be(800);
    }

    [Fact]
    public void Max_paths_without_a_target_is_refused_before_anything_runs()
    {
        var outPath = CliHarness.TempPath("maxpaths");
        var outcome = CliHarness.InvokeRun("--max-paths", "5000", "--paths", "100", "--out", outPath);

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be("error: --max-paths caps the doubling of --target-rse; give --target-rse R as well, or drop --max-paths (the paths are then --paths)." + Environment.NewLine);
        Directory.Exists(outPath).Should().BeFalse();
    }
}
