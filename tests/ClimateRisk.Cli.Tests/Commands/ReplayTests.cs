using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.IO;
using ClimateRisk.IO.Tests.TestSupport;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>
/// run --replay MANIFEST: reproduces a run byte for byte from its manifest.json, and refuses,
/// naming each file, when an input changed since.
/// </summary>
public sealed class ReplayTests : IDisposable
{
    private readonly TestInputs _inputs = TestInputs.Copy();
    private readonly List<string> _cleanup = [];

    public void Dispose()
    {
        _inputs.Dispose();
        foreach (var path in _cleanup.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private string NewOut()
    {
        var path = CliHarness.TempPath("replay");
        _cleanup.Add(path);
        return path;
    }

    /// <summary>A run on a private copy of the inputs (so that a test can change one), not the defaults anywhere.</summary>
    private RunRequest Original(string outPath) => new()
    {
        Data = _inputs.DataDirectory,
        Scenarios = [_inputs.Scenario("ngfs-delayed-transition"), _inputs.Scenario("ngfs-ndcs")],
        Paths = 250,
        Seed = 42,
        Years = "2029..2031",
        Out = outPath,
        Workers = 1,
        CommandLine = ["run"],
    };

    private static void SameResults(string first, string second)
    {
        foreach (var file in ResultsWriter.RunFileNames)
        {
            File.ReadAllBytes(Path.Combine(second, "results", file)).Should().Equal(File.ReadAllBytes(Path.Combine(first, "results", file)), file);
        }
    }

    [Fact]
    public void Replay_reproduces_the_results_byte_for_byte()
    {
        var first = NewOut();
        var second = NewOut();
        CliHarness.Run(Original(first)).ExitCode.Should().Be(0);
        var manifestPath = Path.Combine(first, "manifest.json");

        var replay = CliHarness.Run(new RunRequest { Replay = manifestPath, Out = second, Workers = 2 });

        replay.ExitCode.Should().Be(0, replay.Error);
        replay.Output.Split(Environment.NewLine)[0].Should().Be("ClimateRisk run: 8 sites × 2 scenarios × 3 years (2029–2031) × 250 paths, seed 42");
        SameResults(first, second);
        var original = RunManifest.Read(manifestPath);
        var replayed = RunManifest.Read(Path.Combine(second, "manifest.json"));
        replayed.ReplayOf.Should().Be(manifestPath);
        replayed.InputSha256.Should().Equal(original.InputSha256);
        replayed.Inputs.Should().BeEquivalentTo(original.Inputs);
        replayed.Scenarios.Should().Equal("ngfs-delayed-transition", "ngfs-ndcs");
    }

    [Fact]
    public void Replay_of_a_converged_run_uses_its_paths_per_scenario()
    {
        var first = NewOut();
        var second = NewOut();
        CliHarness.Run(Original(first) with { TargetRse = 0.3, Paths = 100 }).ExitCode.Should().Be(0);

        var replay = CliHarness.Run(new RunRequest { Replay = Path.Combine(first, "manifest.json"), Out = second });

        replay.ExitCode.Should().Be(0, replay.Error);
        SameResults(first, second);
        RunManifest.Read(Path.Combine(second, "manifest.json")).Convergence.Should().BeEquivalentTo(RunManifest.Read(Path.Combine(first, "manifest.json")).Convergence);
    }

    [Fact]
    public void Replay_takes_each_scenarios_paths_and_cap_from_the_manifest_even_where_doubling_would_go_further()
    {
        // An unreachable target: both scenarios double to the --max-paths cap (400). Then the
        // manifest is made to say that the first stopped at 200 paths for want of memory, as on
        // a smaller machine: the replay must simulate 200 paths there, not double again.
        var first = NewOut();
        var second = NewOut();
        CliHarness.Run(Original(first) with { TargetRse = 1e-9, Paths = 100, MaxPaths = 400 }).ExitCode.Should().Be(0);
        var manifestPath = Path.Combine(first, "manifest.json");
        var original = RunManifest.Read(manifestPath);
        original.Convergence.Should().OnlyContain(c => c.Paths == 400 && c.CapReason == "max_paths");
        var recorded = original with { Convergence = [original.Convergence![0] with { Paths = 200, CapReason = "memory" }, original.Convergence[1]] };
        recorded.Write(manifestPath);

        var replay = CliHarness.Run(new RunRequest { Replay = manifestPath, Out = second });

        replay.ExitCode.Should().Be(0, replay.Error);
        RunManifest.Read(Path.Combine(second, "manifest.json")).Convergence!.Select(c => (c.Scenario, c.Paths, c.Converged, c.CapReason)).Should().Equal(
            ("ngfs-delayed-transition", 200, false, "memory"), ("ngfs-ndcs", 400, false, "max_paths"));
    }

    [Fact]
    public void Replay_refuses_when_an_input_file_changed_and_names_it()
    {
        var first = NewOut();
        CliHarness.Run(Original(first)).ExitCode.Should().Be(0);
        var manifestPath = Path.Combine(first, "manifest.json");
        var sites = Path.Combine(_inputs.DataDirectory, "sites.csv");
        var scenario = _inputs.Scenario("ngfs-ndcs");
        var before = (Sites: RunManifest.Sha256(sites), Scenario: RunManifest.Sha256(scenario));
        // One byte each: a digit of a source citation, and a comment.
        TestInputs.ReplaceOnce(sites, "seed:kingsoft l.201 (PUE 1.362)", "seed:kingsoft l.202 (PUE 1.362)");
        TestInputs.ReplaceOnce(scenario, "# Money in real 2023 CNY.", "# Money in real 2023 CNY!");

        var second = NewOut();
        var replay = CliHarness.Run(new RunRequest { Replay = manifestPath, Out = second });

        replay.ExitCode.Should().Be(1);
        var changed = new[] { (Path: sites, Before: before.Sites), (Path: scenario, Before: before.Scenario) }.OrderBy(c => c.Path, StringComparer.Ordinal);
        replay.Error.Should().Be(string.Join(Environment.NewLine,
            [$"error: cannot replay {manifestPath}: 2 input file(s) changed since the run:",
             .. changed.Select(c => $"  {c.Path}: SHA-256 {c.Before[..12]}… in the manifest, {RunManifest.Sha256(c.Path)[..12]}… now"),
             string.Empty]));
        Directory.Exists(second).Should().BeFalse();
    }

    [Theory]
    [InlineData("\"seed\": 42,", "\"seed\": 43,")]
    [InlineData("\"last_year\": 2031,", "\"last_year\": 2032,")]
    [InlineData("\"first_year\": 2029,", "\"first_year\": 2030,")]
    [InlineData("\"ngfs-ndcs\"\n  ],\n  \"sites\"", "\"ngfs-net-zero-2050\"\n  ],\n  \"sites\"")]
    [InlineData("\"ks-ulanqab\",", "\"ks-ulanqab-2\",")]
    public void Replay_refuses_a_manifest_edited_by_hand(string oldText, string newText)
    {
        var first = NewOut();
        CliHarness.Run(Original(first)).ExitCode.Should().Be(0);
        var manifestPath = Path.Combine(first, "manifest.json");
        TestInputs.ReplaceOnce(manifestPath, oldText, newText);

        var second = NewOut();
        var replay = CliHarness.Run(new RunRequest { Replay = manifestPath, Out = second });

        replay.ExitCode.Should().Be(1);
        replay.Error.Should().Be($"error: cannot replay {manifestPath}: the manifest was edited after the run (its seed, paths, years, site or scenario ids or input hashes no longer match its settings_sha256); replay the manifest.json the run wrote.{Environment.NewLine}");
        Directory.Exists(second).Should().BeFalse();
    }

    [Fact]
    public void The_manifest_hashes_the_register_controls_it_read()
    {
        var first = NewOut();
        CliHarness.Run(Original(first)).ExitCode.Should().Be(0);

        var manifest = RunManifest.Read(Path.Combine(first, "manifest.json"));

        var controls = _inputs.Data("register/controls.csv");
        manifest.InputSha256.Should().ContainKey(controls.Replace('\\', '/')).WhoseValue.Should().Be(RunManifest.Sha256(controls));
        manifest.SettingsUnedited.Should().BeTrue();
    }

    [Fact]
    public void Replay_refuses_a_missing_input_and_a_manifest_that_is_not_one()
    {
        var first = NewOut();
        CliHarness.Run(Original(first)).ExitCode.Should().Be(0);
        var drought = _inputs.Data("hazard/drought.csv");
        File.Delete(drought);
        var notAManifest = _inputs.Data("sites.csv");

        var missing = CliHarness.Run(new RunRequest { Replay = Path.Combine(first, "manifest.json"), Out = NewOut() });
        var bad = CliHarness.Run(new RunRequest { Replay = notAManifest, Out = NewOut() });

        missing.ExitCode.Should().Be(1);
        missing.Error.Should().EndWith($"  {drought}: missing{Environment.NewLine}");
        bad.ExitCode.Should().Be(1);
        bad.Error.Should().StartWith($"error: cannot replay {notAManifest}: ");
    }

    [Fact]
    public void An_interrupted_replay_resumes()
    {
        var first = NewOut();
        var second = NewOut();
        CliHarness.Run(Original(first)).ExitCode.Should().Be(0);
        var replay = new RunRequest { Replay = Path.Combine(first, "manifest.json"), Out = second };
        using var stop = new CancellationTokenSource();
        using var output = new TriggerWriter("(ngfs-ndcs)", stop.Cancel);
        CliHarness.Run(replay, stop.Token, output).ExitCode.Should().Be(2);

        var resumed = CliHarness.Run(replay with { Out = null, Resume = second });

        resumed.ExitCode.Should().Be(0, resumed.Error);
        resumed.Output.Should().Contain("Resuming: 1 of 2 scenarios already finished (ngfs-delayed-transition)");
        SameResults(first, second);
        _cleanup.Add(RunDirectory.StagingPathOf(second));
    }

    [Fact]
    public void Replay_does_not_mix_with_options_it_takes_from_the_manifest()
    {
        var outcome = CliHarness.InvokeRun("--replay", "out/x/manifest.json", "--paths", "10", "--seed", "3");

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be($"error: --replay takes the settings and inputs from the manifest; drop --paths, --seed.{Environment.NewLine}");
    }
}
