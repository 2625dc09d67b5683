using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.IO.Tests.TestSupport;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>
/// run, scenario by scenario: results identical to the joint run, a stopped run keeps its
/// finished scenarios, and --resume finishes it with results byte-identical to an
/// uninterrupted run, after checking the settings and inputs are the same. One uninterrupted
/// three-scenario run is shared as the reference.
/// </summary>
public sealed class ResumeTests : IClassFixture<ResumeTests.Reference>, IDisposable
{
    internal static readonly string[] Scenarios = ["ngfs-ndcs", "ngfs-net-zero-2050", "ssp5-85-physical-stress"];
    private readonly Reference _reference;
    private readonly List<string> _cleanup = [];

    public ResumeTests(Reference reference) => _reference = reference;

    public void Dispose()
    {
        foreach (var path in _cleanup.SelectMany(p => new[] { p, RunDirectory.StagingPathOf(p) }).Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    internal static RunRequest Request(string outPath) => new()
    {
        Paths = 300,
        Years = "2029..2031",
        Scenarios = Scenarios,
        Out = outPath,
        Workers = 2,
        CommandLine = ["run"],
    };

    private string NewOut()
    {
        var path = CliHarness.TempPath("resume");
        _cleanup.Add(path);
        return path;
    }

    /// <summary>The uninterrupted run every resumed one is compared with.</summary>
    public sealed class Reference : IDisposable
    {
        public Reference()
        {
            Out = CliHarness.TempPath("resume-reference");
            Outcome = CliHarness.Run(Request(Out));
        }

        public string Out { get; }

        public CliHarness.Outcome Outcome { get; }

        public void Dispose() => Directory.Delete(Out, recursive: true);
    }

    /// <summary>Stops a run on the first progress line of the second scenario: the first is finished, the second in progress.</summary>
    private static CliHarness.Outcome RunAndStopInSecondScenario(RunRequest request)
    {
        using var stop = new CancellationTokenSource();
        using var output = new TriggerWriter($"({Scenarios[1]})", stop.Cancel);
        return CliHarness.Run(request, stop.Token, output);
    }

    private void ResultsShouldEqualTheReference(string outPath)
    {
        foreach (var file in ResultsWriter.RunFileNames)
        {
            File.ReadAllBytes(Path.Combine(outPath, "results", file)).Should().Equal(File.ReadAllBytes(Path.Combine(_reference.Out, "results", file)), file);
        }
    }

    [Fact]
    public void Scenario_by_scenario_results_are_the_bytes_of_writing_the_joint_run()
    {
        _reference.Outcome.ExitCode.Should().Be(0, _reference.Outcome.Error);
        var model = InputLoader.Load(TestInputs.Bundled() with
        {
            ScenarioFiles = Scenarios.Select(s => Path.Combine(TestInputs.BundledScenarioDirectory, s + ".yaml")).ToArray(),
        });
        var joint = Simulator.Run(model, new SimulationSettings { Paths = 300, FirstYear = 2029, LastYear = 2031, Seed = 20231231 });
        var directory = NewOut();
        Directory.CreateDirectory(directory);

        ResultsWriter.Write(joint, directory);

        foreach (var file in ResultsWriter.FileNames)
        {
            File.ReadAllBytes(Path.Combine(_reference.Out, "results", file)).Should().Equal(File.ReadAllBytes(Path.Combine(directory, file)), file);
        }
    }

    [Fact]
    public void A_stopped_run_keeps_its_finished_scenarios_and_resume_completes_it_identically()
    {
        var outPath = NewOut();
        var staging = RunDirectory.StagingPathOf(outPath);

        var stopped = RunAndStopInSecondScenario(Request(outPath));

        stopped.ExitCode.Should().Be(2);
        stopped.Error.Should().Be($"Stopped after 1 of 3 scenarios; resume with --resume {outPath}{Environment.NewLine}");
        Directory.Exists(outPath).Should().BeFalse("nothing appears under the final name before the run completes");
        Directory.GetDirectories(Path.Combine(staging, "partial")).Select(Path.GetFileName).Should().Equal(Scenarios[0]);
        File.Exists(Path.Combine(staging, "partial", Scenarios[0], RunCheckpoint.DoneMarker)).Should().BeTrue();

        var resumed = CliHarness.Run(Request(outPath) with { Out = null, Resume = outPath });

        resumed.ExitCode.Should().Be(0, resumed.Error);
        resumed.Output.Should().Contain($"Resuming: 1 of 3 scenarios already finished ({Scenarios[0]})");
        resumed.Output.Should().Contain($"({Scenarios[0]}: finished by the interrupted run; their numbers are in the results files.)");
        Directory.Exists(staging).Should().BeFalse();
        Directory.GetFileSystemEntries(outPath).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("board-pack.html", "charts", "manifest.json", "register", "results", "sources.html");
        ResultsShouldEqualTheReference(outPath);
        var manifest = RunManifest.Read(Path.Combine(outPath, "manifest.json"));
        manifest.ResumedScenarios.Should().Equal(Scenarios[0]);
        manifest.Scenarios.Should().Equal(Scenarios);
        manifest.Convergence!.Select(c => (c.Scenario, c.Paths)).Should().Equal(Scenarios.Select(s => (s, 300)));
    }

    [Fact]
    public void Resume_refuses_other_settings_and_changed_inputs_listing_each_and_keeps_the_partial_run()
    {
        using var inputs = TestInputs.Copy();
        var outPath = NewOut();
        var request = Request(outPath) with { Data = inputs.DataDirectory };
        RunAndStopInSecondScenario(request).ExitCode.Should().Be(2);
        TestInputs.ReplaceOnce(inputs.Data("hazard/drought.csv"), "ksc-beijing-yizhuang,1.0,", "ksc-beijing-yizhuang,1.5,");

        var outcome = CliHarness.Run(request with { Out = null, Resume = outPath, Paths = 200, Seed = 7 });

        var drought = inputs.Data("hazard/drought.csv");
        var plan = RunPlan.Read(Path.Combine(RunDirectory.StagingPathOf(outPath), "partial", "run.json"));
        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be(string.Join(Environment.NewLine,
            $"error: cannot resume {outPath}: it was started with other settings or inputs:",
            "  --seed: 20231231 in the interrupted run, 7 now",
            "  --paths: 300 in the interrupted run, 200 now",
            $"  {drought}: changed since the interrupted run (SHA-256 {plan.InputSha256[drought][..12]}… then, {RunManifest.Sha256(drought)[..12]}… now)",
            "Resume with the options and inputs of the interrupted run, or start again with --force and without --resume.",
            string.Empty));
        File.Exists(Path.Combine(RunDirectory.StagingPathOf(outPath), "partial", Scenarios[0], RunCheckpoint.DoneMarker)).Should().BeTrue();
    }

    [Fact]
    public void A_new_run_over_an_interrupted_one_is_refused_and_force_starts_again()
    {
        var outPath = NewOut();
        RunAndStopInSecondScenario(Request(outPath)).ExitCode.Should().Be(2);

        var again = CliHarness.Run(Request(outPath));
        var forced = CliHarness.Run(Request(outPath) with { Force = true });

        again.ExitCode.Should().Be(1);
        again.Error.Should().Be($"error: {outPath} has an interrupted run in {RunDirectory.StagingPathOf(outPath)}: resume it with --resume {outPath}, or pass --force to start again.{Environment.NewLine}");
        forced.ExitCode.Should().Be(0, forced.Error);
        forced.Output.Should().NotContain("Resuming");
        ResultsShouldEqualTheReference(outPath);
    }

    [Fact]
    public void Resume_with_nothing_to_resume_or_another_out_exits_1()
    {
        var outPath = NewOut();

        var nothing = CliHarness.Run(Request(outPath) with { Out = null, Resume = outPath });
        var complete = CliHarness.Run(Request(_reference.Out) with { Out = null, Resume = _reference.Out });
        var mismatch = CliHarness.Run(Request(outPath) with { Resume = outPath + "-other" });

        nothing.ExitCode.Should().Be(1);
        nothing.Error.Should().Be($"error: nothing to resume: {outPath} has no interrupted run ({RunDirectory.StagingPathOf(outPath)} does not exist).{Environment.NewLine}");
        complete.Error.Should().Be($"error: nothing to resume: {_reference.Out} has no interrupted run ({RunDirectory.StagingPathOf(_reference.Out)} does not exist); {_reference.Out} is a finished run.{Environment.NewLine}");
        mismatch.ExitCode.Should().Be(1);
        mismatch.Error.Should().Be($"error: --resume {outPath}-other continues that directory; --out {outPath} names another.{Environment.NewLine}");
    }

    [Fact]
    public void An_unfinished_scenario_folder_left_by_a_kill_is_simulated_again()
    {
        var outPath = NewOut();
        RunAndStopInSecondScenario(Request(outPath)).ExitCode.Should().Be(2);
        // A process killed while saving the second scenario leaves its folder without the marker.
        var partial = Path.Combine(RunDirectory.StagingPathOf(outPath), "partial");
        Directory.CreateDirectory(Path.Combine(partial, Scenarios[1] + ".writing"));
        File.WriteAllText(Path.Combine(partial, Scenarios[1] + ".writing", "site_year.csv"), "half a fi");

        var resumed = CliHarness.Run(Request(outPath) with { Out = null, Resume = outPath });

        resumed.ExitCode.Should().Be(0, resumed.Error);
        ResultsShouldEqualTheReference(outPath);
    }
}
