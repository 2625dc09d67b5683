using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>
/// report RUN_DIR redraws from the inputs the run's manifest records (its own --data, --sites
/// and --scenarios), and warns only about input files whose SHA-256 really changed.
/// </summary>
public sealed class ReportCommandTests : IDisposable
{
    private const string RenamedSite = "Kingsoft Cloud Beijing Yizhuang (renamed for this test)";
    private readonly TestInputs _inputs = TestInputs.Copy();
    private readonly string _run = CliHarness.TempPath("report");
    private readonly string _sites;
    private readonly string _scenario;

    public ReportCommandTests()
    {
        // Own --sites outside --data and an own scenario file, so none of them is a bundled default.
        _sites = Path.Combine(_inputs.Root, "portfolio.csv");
        File.Move(_inputs.SitesFile, _sites);
        TestInputs.ReplaceOnce(_sites, "Kingsoft Cloud Beijing Yizhuang data centre", RenamedSite);
        _scenario = Path.Combine(_inputs.Root, "my-scenario.yaml");
        File.Move(_inputs.Scenario("ngfs-ndcs"), _scenario);
    }

    public void Dispose()
    {
        _inputs.Dispose();
        if (Directory.Exists(_run))
        {
            Directory.Delete(_run, recursive: true);
        }
    }

    private CliHarness.Outcome Run() => CliHarness.Invoke(
        "run", "--data", _inputs.DataDirectory, "--sites", _sites, "--scenarios", _scenario,
        "--paths", "300", "--years", "2029..2031", "--workers", "2", "--no-pdf", "--out", _run);

    [Fact]
    public void Report_on_a_run_with_its_own_inputs_uses_them_without_options_or_warnings()
    {
        Run().ExitCode.Should().Be(0);
        var before = File.ReadAllText(Path.Combine(_run, "register", "risk_register.csv"));
        File.Delete(Path.Combine(_run, "board-pack.html"));

        var report = CliHarness.Invoke("report", _run);

        report.ExitCode.Should().Be(0, report.Error);
        report.Error.Should().BeEmpty();
        File.ReadAllText(Path.Combine(_run, "board-pack.html")).Should().Contain(RenamedSite, "the names come from the run's own --sites");
        File.ReadAllText(Path.Combine(_run, "register", "risk_register.csv")).Should().Be(before);
    }

    [Fact]
    public void Report_warns_naming_exactly_the_input_that_changed_since_the_run()
    {
        Run().ExitCode.Should().Be(0);
        var drought = _inputs.Data("hazard/drought.csv");
        TestInputs.ReplaceOnce(drought, "ksc-beijing-yizhuang,1.0,", "ksc-beijing-yizhuang,1.5,");

        var report = CliHarness.Invoke("report", _run);

        report.ExitCode.Should().Be(0, report.Error);
        report.Error.Should().Be($"warning: these inputs differ from the ones the run used (SHA-256 of manifest.json): {drought}; "
            + "names, PUE targets and limits, thresholds and controls are taken from the current files." + Environment.NewLine);
    }
}
