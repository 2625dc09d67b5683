using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.IO;
using ClimateRisk.IO.Tests.TestSupport;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>
/// Faults while a run writes (a full disk during the checkpoint, the results, the charts, the
/// board pack or the manifest — injected through <see cref="OutputFile"/>), a damaged checkpoint
/// and an output directory that cannot be written. Each ends with one exact message and exit
/// code, and a state checked here: resumable (<c>--resume</c> then finishes with results
/// byte-identical to an uninterrupted run) or clean (nothing left that blocks the next run).
/// A damaged shard and an edited manifest are in MergeCommandTests and ReplayTests.
/// </summary>
public sealed class FaultInjectionTests : IClassFixture<ResumeTests.Reference>, IDisposable
{
    private static readonly string[] Scenarios = ResumeTests.Scenarios;
    private static readonly string NL = Environment.NewLine;
    private readonly ResumeTests.Reference _reference;
    private readonly List<string> _cleanup = [];

    // The uninterrupted run every recovered one is compared with: the same run as ResumeTests'.
    public FaultInjectionTests(ResumeTests.Reference reference) => _reference = reference;

    public void Dispose()
    {
        foreach (var path in _cleanup.SelectMany(p => new[] { p, RunDirectory.StagingPathOf(p) }))
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }

    private static RunRequest Request(string outPath) => ResumeTests.Request(outPath);

    private static RunRequest ResumeOf(string outPath) => Request(outPath) with { Out = null, Resume = outPath };

    private string NewOut()
    {
        var path = CliHarness.TempPath("fault");
        _cleanup.Add(path);
        return path;
    }

    /// <summary>Results, charts and the register's CSV: the same bytes as the uninterrupted run.</summary>
    private void OutputsShouldEqualTheReference(string outPath)
    {
        _reference.Outcome.ExitCode.Should().Be(0, _reference.Outcome.Error);
        string[] folders = ["results", "charts"];
        foreach (var folder in folders)
        {
            var expected = Directory.GetFiles(Path.Combine(_reference.Out, folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            Directory.GetFiles(Path.Combine(outPath, folder)).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal(expected, folder);
            foreach (var file in expected)
            {
                File.ReadAllBytes(Path.Combine(outPath, folder, file!)).Should().Equal(File.ReadAllBytes(Path.Combine(_reference.Out, folder, file!)), $"{folder}/{file}");
            }
        }

        File.ReadAllBytes(Path.Combine(outPath, "register", "risk_register.csv")).Should().Equal(File.ReadAllBytes(Path.Combine(_reference.Out, "register", "risk_register.csv")));
    }

    [Theory]
    [InlineData("/results/", "results/", ".csv")]
    [InlineData("/charts/", "charts/", ".svg.tmp")]
    [InlineData("/register/risk_register.csv", "register/", ".csv.tmp")]
    [InlineData("/register/risk_register.xlsx", "register/", ".xlsx")]
    [InlineData("/board-pack.html", "board-pack", ".html.tmp")]
    [InlineData("/manifest.json", "manifest", ".json")]
    public void A_full_disk_while_writing_the_outputs_keeps_every_scenario_and_resume_finishes_without_simulating(string pathPart, string hitPrefix, string hitSuffix)
    {
        var outPath = NewOut();
        var staging = RunDirectory.StagingPathOf(outPath);
        var hits = new List<string>();

        CliHarness.Outcome failed;
        using (DiskFull.When(pathPart, hits))
        {
            failed = CliHarness.Run(Request(outPath));
        }

        hits.Should().ContainSingle();
        hits[0].Should().StartWith(Path.Combine(staging, hitPrefix)).And.EndWith(hitSuffix);
        failed.ExitCode.Should().Be(2);
        failed.Error.Should().Be(
            $"error: writing the outputs of {outPath} failed: {DiskFull.Message(hits[0])}{NL}"
            + $"All 3 scenarios are simulated and kept in {staging}: free space (or fix the permissions), then finish with --resume {outPath} (nothing is simulated again).{NL}");
        Directory.Exists(outPath).Should().BeFalse("nothing appears under the final name");
        Scenarios.Should().OnlyContain(s => RunCheckpoint.Damage(Path.Combine(staging, "partial", s)) == null);

        var resumed = CliHarness.Run(ResumeOf(outPath));

        resumed.ExitCode.Should().Be(0, resumed.Error);
        resumed.Error.Should().BeEmpty();
        resumed.Output.Should().Contain($"Resuming: 3 of 3 scenarios already finished ({string.Join(", ", Scenarios)})");
        Directory.Exists(staging).Should().BeFalse();
        OutputsShouldEqualTheReference(outPath);
    }

    [Fact]
    public void A_full_disk_while_saving_a_scenario_keeps_the_finished_ones_and_resume_simulates_only_the_rest()
    {
        var outPath = NewOut();
        var staging = RunDirectory.StagingPathOf(outPath);
        var hits = new List<string>();

        CliHarness.Outcome failed;
        using (DiskFull.When($"/partial/{Scenarios[1]}.writing/", hits))
        {
            failed = CliHarness.Run(Request(outPath));
        }

        hits.Should().ContainSingle();
        failed.ExitCode.Should().Be(2);
        failed.Error.Should().Be($"error: {DiskFull.Message(hits[0])}{NL}Stopped after 1 of 3 scenarios; the finished ones are kept: resume with --resume {outPath}{NL}");
        Directory.Exists(outPath).Should().BeFalse();
        File.Exists(Path.Combine(staging, "partial", Scenarios[0], RunCheckpoint.DoneMarker)).Should().BeTrue();

        var resumed = CliHarness.Run(ResumeOf(outPath));

        resumed.ExitCode.Should().Be(0, resumed.Error);
        resumed.Output.Should().Contain($"Resuming: 1 of 3 scenarios already finished ({Scenarios[0]})");
        OutputsShouldEqualTheReference(outPath);
    }

    [Fact]
    public void A_full_disk_before_the_checkpoint_starts_leaves_nothing_and_the_same_command_then_runs()
    {
        var outPath = NewOut();
        var hits = new List<string>();

        CliHarness.Outcome failed;
        using (DiskFull.When("/partial/run.json", hits, bytesBeforeFull: 10))
        {
            failed = CliHarness.Run(Request(outPath));
        }

        hits.Should().ContainSingle();
        failed.ExitCode.Should().Be(1);
        failed.Error.Should().Be($"error: cannot write the checkpoint of {outPath}: {DiskFull.Message(hits[0])}; free space or choose another --out, then run again.{NL}");
        Directory.Exists(outPath).Should().BeFalse();
        Directory.Exists(RunDirectory.StagingPathOf(outPath)).Should().BeFalse("nothing is left that blocks the next run");

        CliHarness.Run(Request(outPath)).ExitCode.Should().Be(0);
        OutputsShouldEqualTheReference(outPath);
    }

    /// <summary>Stops a run on the first progress line of the second scenario: the first is saved.</summary>
    private static void RunAndStopInSecondScenario(string outPath)
    {
        using var stop = new CancellationTokenSource();
        using var output = new TriggerWriter($"({Scenarios[1]})", stop.Cancel);
        CliHarness.Run(Request(outPath), stop.Token, output).ExitCode.Should().Be(2);
    }

    [Theory]
    [InlineData("flip", "site_year.csv does not match its SHA-256 in done (the file is damaged)")]
    [InlineData("truncate", "site_year.csv does not match its SHA-256 in done (the file is damaged)")]
    [InlineData("delete", "site_year.csv is missing")]
    [InlineData("scenario.json", "scenario.json does not match its SHA-256 in done (the file is damaged)")]
    [InlineData("empty marker", "its done marker lists no checksums (damaged, or written by an older version)")]
    [InlineData("extra file", "stray.csv is not listed in done")]
    public void A_damaged_checkpoint_entry_is_dropped_with_a_warning_and_simulated_again(string damage, string expected)
    {
        var outPath = NewOut();
        RunAndStopInSecondScenario(outPath);
        var folder = Path.Combine(RunDirectory.StagingPathOf(outPath), "partial", Scenarios[0]);
        var results = Path.Combine(folder, "site_year.csv");
        var bytes = File.ReadAllBytes(results);
        switch (damage)
        {
            case "flip":
                bytes[bytes.Length / 2] ^= 0x01;
                File.WriteAllBytes(results, bytes);
                break;
            case "truncate":
                File.WriteAllBytes(results, bytes[..(bytes.Length / 2)]);
                break;
            case "delete":
                File.Delete(results);
                break;
            case "scenario.json":
                TestInputs.ReplaceOnce(Path.Combine(folder, "scenario.json"), "\"paths\": 300", "\"paths\": 301");
                break;
            case "empty marker":
                File.WriteAllText(Path.Combine(folder, RunCheckpoint.DoneMarker), string.Empty);
                break;
            default:
                File.WriteAllText(Path.Combine(folder, "stray.csv"), "x\n");
                break;
        }

        var resumed = CliHarness.Run(ResumeOf(outPath));

        resumed.ExitCode.Should().Be(0, resumed.Error);
        resumed.Output.Should().Contain($"warning: {folder}: {expected}; scenario {Scenarios[0]} is simulated again.{NL}");
        resumed.Output.Should().NotContain("Resuming:");
        OutputsShouldEqualTheReference(outPath);
    }

    [Fact]
    public void A_damaged_run_plan_is_refused_with_what_to_do_and_force_starts_again()
    {
        var outPath = NewOut();
        RunAndStopInSecondScenario(outPath);
        var plan = Path.Combine(RunDirectory.StagingPathOf(outPath), "partial", "run.json");
        // A flipped digit is still valid JSON: only the checksum tells it from other settings.
        TestInputs.ReplaceOnce(plan, "\"paths\": 300", "\"paths\": 700");

        var refused = CliHarness.Run(ResumeOf(outPath));
        var forced = CliHarness.Run(Request(outPath) with { Force = true });

        refused.ExitCode.Should().Be(1);
        refused.Error.Should().Be($"error: cannot resume {outPath}: {plan} is missing or damaged (it does not match its SHA-256 in run.json.sha256), so its finished scenarios cannot be checked against the options; start again with --force (without --resume).{NL}");
        forced.ExitCode.Should().Be(0, forced.Error);
        OutputsShouldEqualTheReference(outPath);
    }

    [Fact]
    public void An_out_under_a_regular_file_is_refused_before_simulating_and_leaves_nothing()
    {
        // A path under a regular file cannot be written by anyone, root included (chmod is no test under root).
        var file = NewOut();
        File.WriteAllText(file, "not a directory\n");
        var outPath = Path.Combine(file, "run");

        var outcome = CliHarness.InvokeRun("--out", outPath, "--paths", "300", "--years", "2029..2031");

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be($"error: --out {outPath}: {file} is a file, so no directory can be made under it; choose another --out.{NL}");
        outcome.Output.Should().NotContain("ClimateRisk run:", "nothing is simulated");
        File.ReadAllText(file).Should().Be("not a directory\n");
        Directory.GetFileSystemEntries(Path.GetDirectoryName(file)!, Path.GetFileName(file) + "*").Should().Equal(file);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_out_that_is_a_file_is_refused_and_never_replaced_even_with_force(bool force)
    {
        var file = NewOut();
        File.WriteAllText(file, "keep me\n");

        var outcome = CliHarness.InvokeRun(["--out", file, "--paths", "300", "--years", "2029..2031", .. force ? new[] { "--force" } : []]);

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be($"error: --out {file} is a file, not a directory; give the path of a directory for the run (a file is never replaced, even with --force).{NL}");
        File.ReadAllText(file).Should().Be("keep me\n");
        Directory.Exists(RunDirectory.StagingPathOf(file)).Should().BeFalse();
    }

    [Fact]
    public void A_full_disk_while_writing_a_shard_leaves_nothing_and_the_shard_then_runs_again()
    {
        var outPath = NewOut();
        var hits = new List<string>();

        CliHarness.Outcome failed;
        using (DiskFull.When("/partial.bin", hits))
        {
            failed = CliHarness.Run(Request(outPath) with { Shard = "1/2" });
        }

        // The buffered writer tries its buffer again when it is disposed: the same file, twice.
        hits.Distinct().Should().ContainSingle();
        failed.ExitCode.Should().Be(2);
        failed.Error.Should().Be($"error: writing shard 1/2 to {outPath} failed: {DiskFull.Message(hits[0])}{NL}Nothing was kept: free space, then run the same command again.{NL}");
        Directory.Exists(outPath).Should().BeFalse();
        Directory.Exists(RunDirectory.StagingPathOf(outPath)).Should().BeFalse();

        var again = CliHarness.Run(Request(outPath) with { Shard = "1/2" });
        again.ExitCode.Should().Be(0, again.Error);
        File.Exists(Path.Combine(outPath, "partial.bin")).Should().BeTrue();
    }

    [Fact]
    public void A_full_disk_in_merge_is_one_error_line_exit_2_and_leaves_nothing()
    {
        var shards = new[] { NewOut(), NewOut() };
        for (var i = 0; i < 2; i++)
        {
            CliHarness.Run(Request(shards[i]) with { Shard = $"{i}/2", Scenarios = [Scenarios[0]] }).ExitCode.Should().Be(0);
        }

        var merged = NewOut();
        var hits = new List<string>();
        CliHarness.Outcome failed;
        using (DiskFull.When("/results/", hits))
        {
            failed = CliHarness.Invoke("merge", shards[0], shards[1], "--out", merged);
        }

        hits.Should().ContainSingle();
        failed.ExitCode.Should().Be(2);
        failed.Error.Should().Be($"error: {DiskFull.Message(hits[0])}: check that the disk has space and the path is writable, then run again (--verbose for details){NL}");
        Directory.Exists(merged).Should().BeFalse();
        Directory.Exists(RunDirectory.StagingPathOf(merged)).Should().BeFalse("nothing is left that blocks the next merge");
        CliHarness.Invoke("merge", shards[0], shards[1], "--out", merged).ExitCode.Should().Be(0);
    }

    [Fact]
    public void A_full_disk_in_report_is_one_error_line_exit_2_and_keeps_the_runs_files()
    {
        var run = NewOut();
        CliHarness.Run(Request(run) with { Scenarios = [Scenarios[0]] }).ExitCode.Should().Be(0);
        var pack = File.ReadAllBytes(Path.Combine(run, "board-pack.html"));
        var hits = new List<string>();

        CliHarness.Outcome failed;
        using (DiskFull.When("/board-pack.html", hits))
        {
            failed = CliHarness.Invoke("report", run);
        }

        hits.Should().ContainSingle();
        failed.ExitCode.Should().Be(2);
        failed.Error.Should().Be($"error: writing the report of {run} failed: {DiskFull.Message(hits[0])}; its earlier report files are unchanged: free space, then run 'climaterisk report {run}' again.{NL}");
        File.ReadAllBytes(Path.Combine(run, "board-pack.html")).Should().Equal(pack);
        Directory.GetDirectories(run, ".report-partial-*").Should().BeEmpty();
    }

    [Fact]
    public void A_report_that_fails_among_its_final_moves_says_which_files_are_new_and_redraws_on_the_next_attempt()
    {
        var run = NewOut();
        CliHarness.Run(Request(run) with { Scenarios = [Scenarios[0]] }).ExitCode.Should().Be(0);
        // A directory where a report file goes: every file is drawn, then the move onto it fails.
        var blocked = Path.Combine(run, "register", "risk_register.md");
        File.Delete(blocked);
        Directory.CreateDirectory(blocked);

        var failed = CliHarness.Invoke("report", run);

        failed.ExitCode.Should().Be(2);
        failed.Error.Should().MatchRegex($"^error: writing the report of {System.Text.RegularExpressions.Regex.Escape(run)} failed: .+; [1-9][0-9]* of its report files were replaced before the failure, the others are from the earlier report: free space, then run 'climaterisk report {System.Text.RegularExpressions.Regex.Escape(run)}' again\\.\\r?\\n$");
        failed.Error.Should().NotContain("unchanged");
        Directory.GetDirectories(run, ".report-partial-*").Should().BeEmpty();

        Directory.Delete(blocked);
        CliHarness.Invoke("report", run).ExitCode.Should().Be(0);
        File.Exists(blocked).Should().BeTrue();
    }

    [Fact]
    public void A_full_disk_in_compare_is_one_error_line_exit_2_and_leaves_nothing()
    {
        var outPath = NewOut();
        var hits = new List<string>();

        CliHarness.Outcome failed;
        using (DiskFull.When("/compare/", hits))
        {
            failed = CliHarness.Invoke("compare", "--paths", "200", "--years", "2029..2030", "--scenarios", Scenarios[0], "--out", outPath);
        }

        failed.ExitCode.Should().Be(2, failed.Error);
        hits.Should().ContainSingle();
        failed.Error.Should().Be($"error: {DiskFull.Message(hits[0])}: check that the disk has space and the path is writable, then run again (--verbose for details){NL}");
        Directory.Exists(outPath).Should().BeFalse();
        Directory.Exists(RunDirectory.StagingPathOf(outPath)).Should().BeFalse();
    }
}
