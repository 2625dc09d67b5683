using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.Core.Sensitivity;
using ClimateRisk.IO;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary><c>run --sensitivity</c> end to end on the bundled data (small: 416 paths = 8 base rows, 2 years).</summary>
public sealed class SensitivityRunTests : IDisposable
{
    private readonly List<string> _cleanup = [];

    public void Dispose()
    {
        foreach (var path in _cleanup.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private RunRequest Request(bool? sensitivity, int paths = 416, string? shard = null)
    {
        var outPath = CliHarness.TempPath("sensitivity");
        _cleanup.Add(outPath);
        return new RunRequest
        {
            Paths = paths,
            Years = "2029..2030",
            Scenarios = ["ngfs-ndcs", "ngfs-net-zero-2050"],
            Out = outPath,
            Workers = 2,
            Sensitivity = sensitivity,
            Shard = shard,
            CommandLine = ["run"],
        };
    }

    [Fact]
    public void On_writes_sensitivity_csv_lists_it_in_the_manifest_and_summarises_it()
    {
        var request = Request(sensitivity: true);
        var outcome = CliHarness.Run(request);
        outcome.Error.Should().BeEmpty();
        outcome.ExitCode.Should().Be(0);
        outcome.Output.Should().Contain("Sensitivity: 8 base rows × 13 model evaluations per scenario").And.Contain("What drives the portfolio NPV");

        var indices = SensitivityReader.Read(Path.Combine(request.Out!, "results", SensitivityWriter.FileName));
        // 2 scenarios × 9 entities × (cost 2030, NPV, physical loss 2030, PUE 2030) × 11 drivers.
        indices.Should().HaveCount(2 * 9 * 4 * 11);
        indices.Select(i => i.ScenarioId).Distinct().Should().Equal("ngfs-ndcs", "ngfs-net-zero-2050");
        var manifest = RunManifest.Read(Path.Combine(request.Out!, "manifest.json"));
        manifest.Sensitivity.Should().BeTrue();
        manifest.Outputs.Should().Contain(["results/sensitivity.csv", "charts/sensitivity_ngfs-ndcs.svg", "charts/sensitivity_ngfs-net-zero-2050.svg"]);
        File.Exists(Path.Combine(request.Out!, "charts", "sensitivity_ngfs-ndcs.svg")).Should().BeTrue();
        var pack = File.ReadAllText(Path.Combine(request.Out!, "board-pack.html"));
        pack.Should().Contain("What drives the spread of the portfolio").And.Contain("NGFS Net Zero 2050: ").And.Contain("data-chart=\"sensitivity\"");
    }

    [Fact]
    public void The_indices_are_those_of_the_core_analysis_on_the_same_settings()
    {
        var request = Request(sensitivity: true);
        CliHarness.Run(request).ExitCode.Should().Be(0);
        var written = SensitivityReader.Read(Path.Combine(request.Out!, "results", SensitivityWriter.FileName));

        var model = InputLoader.Load(InputResolver.Resolve(null, null, ["ngfs-net-zero-2050"]));
        var direct = SensitivityAnalysis.Run(model, new Core.Simulation.SimulationSettings { Paths = 416, FirstYear = 2029, LastYear = 2030 }, 8).Indices;
        written.Where(i => i.ScenarioId == "ngfs-net-zero-2050").Should().Equal(direct);
    }

    [Fact]
    public void Off_and_the_small_run_default_write_no_file()
    {
        foreach (var request in new[] { Request(sensitivity: false, paths: 2_000), Request(sensitivity: null, paths: 1_999) })
        {
            var outcome = CliHarness.Run(request);
            outcome.ExitCode.Should().Be(0);
            File.Exists(Path.Combine(request.Out!, "results", SensitivityWriter.FileName)).Should().BeFalse();
            outcome.Output.Should().NotContain("Sensitivity:");
            RunManifest.Read(Path.Combine(request.Out!, "manifest.json")).Sensitivity.Should().BeFalse();
            File.ReadAllText(Path.Combine(request.Out!, "board-pack.html")).Should().NotContain("What drives the spread of the portfolio");
        }
    }

    [Fact]
    public void Too_few_paths_for_eight_base_rows_write_a_header_and_say_why()
    {
        var request = Request(sensitivity: true, paths: 300);
        var outcome = CliHarness.Run(request);
        outcome.ExitCode.Should().Be(0);
        outcome.Output.Should().Contain("Sensitivity: too few paths for indices (fewer than 8 base rows = paths / 52)");
        File.ReadAllText(Path.Combine(request.Out!, "results", SensitivityWriter.FileName)).Should().Be(SensitivityWriter.Header + "\n");
    }

    [Fact]
    public void A_shard_does_not_compute_them_and_says_so()
    {
        var outcome = CliHarness.Run(Request(sensitivity: true, shard: "0/2"));
        outcome.ExitCode.Should().Be(0);
        outcome.Output.Should().Contain("Sensitivity indices are not computed under --shard");
    }

    [Fact]
    public void The_option_takes_on_or_off_only()
    {
        var outcome = CliHarness.InvokeRun("--sensitivity", "maybe", "--paths", "10");
        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be($"error: --sensitivity 'maybe': expected one of off, on{Environment.NewLine}usage: climaterisk run [options]; see climaterisk run --help{Environment.NewLine}");
    }
}
