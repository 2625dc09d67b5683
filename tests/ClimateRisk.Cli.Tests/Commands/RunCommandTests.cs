using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.IO.Tests.TestSupport;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>
/// RunCommand.Execute end to end on the bundled data with a small run (300 paths, 3 years).
/// The two-scenario run is shared by the tests that only read its output.
/// </summary>
public sealed class RunCommandTests : IClassFixture<RunCommandTests.SharedRun>, IDisposable
{
    private const string SiteYearHeader = "scenario,site,year,metric,mean,se,sd,p5,p25,p50,p75,p95,p99,tvar99,p_exceed";
    private static readonly string[] TwoScenarios = ["ngfs-ndcs", "ngfs-net-zero-2050"];
    private readonly SharedRun _run;
    private readonly List<string> _cleanup = [];

    public RunCommandTests(SharedRun run) => _run = run;

    public void Dispose()
    {
        foreach (var path in _cleanup.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private string NewOut()
    {
        var path = CliHarness.TempPath("run");
        _cleanup.Add(path);
        return path;
    }

    private static RunRequest Request(string outPath, params string[] scenarios) => new()
    {
        Paths = 300,
        Years = "2025..2027",
        Scenarios = scenarios,
        Out = outPath,
        Workers = 1,
        CommandLine = ["run", "--paths", "300"],
    };

    private static string[] DataLines(string file) => File.ReadAllText(file).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();

    /// <summary>One two-scenario run, shared by the read-only tests.</summary>
    public sealed class SharedRun : IDisposable
    {
        public SharedRun()
        {
            Out = CliHarness.TempPath("run-shared");
            Outcome = CliHarness.Run(Request(Out, TwoScenarios));
        }

        public string Out { get; }

        public CliHarness.Outcome Outcome { get; }

        public string Results(string file) => Path.Combine(Out, "results", file);

        public void Dispose()
        {
            if (Directory.Exists(Out))
            {
                Directory.Delete(Out, recursive: true);
            }
        }
    }

    [Fact]
    public void Run_succeeds_and_reports_what_it_simulated()
    {
        _run.Outcome.Error.Should().BeEmpty();
        _run.Outcome.ExitCode.Should().Be(0);
        var lines = _run.Outcome.Output.Split(Environment.NewLine);
        lines[0].Should().Be("ClimateRisk run: 8 sites × 2 scenarios × 3 years (2025–2027) × 300 paths, seed 20231231");
        lines.Should().Contain("  [ 50%] Simulating: 3/6 (ngfs-ndcs)").And.Contain("  [100%] Simulating: 6/6 (ngfs-net-zero-2050)");
        lines.Should().Contain(l => l.StartsWith("Simulated in ", StringComparison.Ordinal) && l.EndsWith($"; results in {_run.Out}", StringComparison.Ordinal));
        lines.Should().Contain("Portfolio, 2027 (mean; CNY m unless stated):");
    }

    [Fact]
    public void Board_pack_and_register_show_which_means_are_not_converged()
    {
        // 300 paths leave the rare-event losses far from converged: the pack and register must say so.
        var pack = File.ReadAllText(Path.Combine(_run.Out, "board-pack.html"));
        pack.Should().Contain("† Not converged: the mean's relative standard error exceeds 5.0 %").And.MatchRegex("[0-9]+ of [0-9]+ register rows are not: ");
        pack.Should().Contain("Precision (300 paths each): the least precise headline number is ").And.MatchRegex("[0-9] of 2 scenarios are above the 5.0 % target");
        var csv = File.ReadAllLines(Path.Combine(_run.Out, "register", "risk_register.csv"));
        var header = csv[0].Split(',');
        header.Should().Contain(["ngfs-ndcs_mean_rse", "converged"]);
        var converged = Array.IndexOf(header, "converged");
        csv.Skip(1).Should().Contain(l => l.Split(',')[converged] == "false");
        File.ReadAllText(Path.Combine(_run.Out, "register", "risk_register.md")).Should().Contain(" †");
    }

    [Fact]
    public void Run_directory_holds_the_manifest_and_six_results()
    {
        Directory.GetFileSystemEntries(_run.Out).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("board-pack.html", "charts", "manifest.json", "register", "results", "sources.html");
        Directory.GetFiles(Path.Combine(_run.Out, "results")).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal("convergence.csv", "exceedance.csv", "financial_effects.csv", "horizons.csv", "portfolio_year.csv", "site_year.csv");
        Directory.GetFileSystemEntries(Path.GetDirectoryName(_run.Out)!, "." + Path.GetFileName(_run.Out) + "*").Should().BeEmpty("no staging directory is left");
    }

    [Fact]
    public void Site_year_has_one_row_per_scenario_site_year_and_metric()
    {
        var text = File.ReadAllText(_run.Results("site_year.csv"));
        text.Split('\n')[0].Should().Be(SiteYearHeader);

        var rows = DataLines(_run.Results("site_year.csv")).Select(l => l.Split(',')).ToArray();

        rows.Should().HaveCount(8 * 3 * MetricNames.Count * 2);
        rows.Should().OnlyContain(r => r.Length == 15);
        rows.Select(r => r[0]).Distinct().Should().Equal(TwoScenarios);
        rows.Select(r => r[1]).Distinct().Should().Equal(CsvLine.ReadTable(Path.Combine(TestInputs.BundledDataDirectory, "sites.csv")).Select(r => r["site_id"]));
        rows.Select(r => r[2]).Distinct().Should().Equal("2025", "2026", "2027");
        rows.Select(r => r[3]).Distinct().Should().Equal(MetricNames.All.Select(m => m.Name()));
        rows.GroupBy(r => (r[0], r[1], r[2], r[3])).Should().OnlyContain(g => g.Count() == 1);
    }

    [Fact]
    public void Portfolio_year_horizons_and_exceedance_have_the_expected_rows()
    {
        File.ReadAllText(_run.Results("portfolio_year.csv")).Split('\n')[0].Should().Be("scenario,year,metric,mean,se,sd,p5,p25,p50,p75,p95,p99,tvar99,p_exceed");
        DataLines(_run.Results("portfolio_year.csv")).Should().HaveCount(3 * MetricNames.Count * 2);

        // 2025..2027 holds no reporting horizon (2030/2040/2050): only the NPV rows, one per scenario and entity.
        var horizons = DataLines(_run.Results("horizons.csv")).Select(l => l.Split(',')).ToArray();
        horizons.Should().HaveCount(2 * 9);
        horizons.Should().OnlyContain(r => r[2] == "npv_2025_2027" && r[3] == "total_climate_cost_cny");
        DataLines(_run.Results("exceedance.csv")).Should().BeEmpty();
    }

    [Fact]
    public void Manifest_lists_settings_ids_and_input_hashes()
    {
        var manifest = RunManifest.Read(Path.Combine(_run.Out, "manifest.json"));

        manifest.Seed.Should().Be(20231231UL);
        manifest.Paths.Should().Be(300);
        manifest.FirstYear.Should().Be(2025);
        manifest.LastYear.Should().Be(2027);
        manifest.Workers.Should().Be(1);
        manifest.Tool.Should().Be("climaterisk 0.1.0");
        manifest.CommandLine.Should().Equal("run", "--paths", "300");
        manifest.Scenarios.Should().Equal(TwoScenarios);
        manifest.Sites.Should().HaveCount(8).And.StartWith("ksc-beijing-yizhuang");
        manifest.Outputs.Take(7).Should().Equal("manifest.json", "results/site_year.csv", "results/portfolio_year.csv", "results/horizons.csv", "results/exceedance.csv", "results/financial_effects.csv", "results/convergence.csv");
        manifest.Outputs.Should().Contain(["board-pack.html", "register/risk_register.csv", "register/risk_register.xlsx", "register/risk_register.md"]);
        manifest.Outputs.Skip(7).Should().OnlyContain(f => File.Exists(Path.Combine(_run.Out, f)), "every listed output exists");
        manifest.FinishedUtc.Should().BeOnOrAfter(manifest.StartedUtc);

        manifest.InputSha256.Should().HaveCount(1 + InputPaths.DataTables.Count + InputPaths.OptionalDataTables.Count + 1 + 2, "register/controls.csv shapes the register, so it is hashed too");
        foreach (var (path, hash) in manifest.InputSha256)
        {
            hash.Should().Be(RunManifest.Sha256(path), path);
        }

        var byFile = manifest.InputSha256.ToDictionary(p => Path.GetFullPath(p.Key), p => p.Value);
        byFile[Path.Combine(TestInputs.BundledDataDirectory, "sites.csv")].Should().Be(RunManifest.Sha256(Path.Combine(TestInputs.BundledDataDirectory, "sites.csv")));
        byFile.Keys.Should().Contain(Path.Combine(TestInputs.BundledScenarioDirectory, "ngfs-ndcs.yaml"))
            .And.Contain(Path.Combine(TestInputs.BundledScenarioDirectory, "ngfs-net-zero-2050.yaml"))
            .And.Contain(Path.Combine(TestInputs.BundledDataDirectory, "transition", "pue_rules.csv"));
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_workers()
    {
        var runs = new[] { 1, 2, 8 }.Select(workers =>
        {
            var outPath = NewOut();
            var outcome = CliHarness.Run(Request(outPath, "ngfs-current-policies") with { Workers = workers, Years = "2029..2030" });
            outcome.ExitCode.Should().Be(0, outcome.Error);
            return ResultsWriter.FileNames.Select(f => File.ReadAllBytes(Path.Combine(outPath, "results", f))).ToArray();
        }).ToArray();

        for (var f = 0; f < ResultsWriter.FileNames.Count; f++)
        {
            runs[1][f].Should().Equal(runs[0][f], $"{ResultsWriter.FileNames[f]} with 2 workers");
            runs[2][f].Should().Equal(runs[0][f], $"{ResultsWriter.FileNames[f]} with 8 workers");
        }

        // 2030 is a horizon: the horizon rows and the exceedance curves are there and identical too.
        System.Text.Encoding.UTF8.GetString(runs[0][3]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1 + (9 * 2 * 9));
    }

    [Fact]
    public void The_summary_lists_the_defaults_a_scenario_file_fell_back_to()
    {
        var directory = NewOut();
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "ngfs-ndcs.yaml");
        File.WriteAllLines(file, File.ReadAllLines(Path.Combine(IO.Tests.TestSupport.TestInputs.RepoRoot, "scenarios", "ngfs-ndcs.yaml"))
            .Where(l => !l.StartsWith("  discount_rate:", StringComparison.Ordinal)));

        var outcome = CliHarness.Run(Request(Path.Combine(directory, "out"), file) with { Years = "2026", Sensitivity = false });

        outcome.ExitCode.Should().Be(0, outcome.Error);
        outcome.Output.Split(Environment.NewLine).Where(l => l.Contains("defaults used", StringComparison.Ordinal)).Should().Equal(
            "scenario ngfs-ndcs.yaml: defaults used (docs/data.md): physical.correlation_length_km.heat = 1000, physical.correlation_length_km.flood = 250, "
            + "physical.correlation_length_km.surge = 300, physical.correlation_length_km.wind = 400, transition.discount_rate = 0.06");
    }

    [Fact]
    public void Same_seed_reproduces_and_another_seed_changes_the_results()
    {
        var first = NewOut();
        var second = NewOut();
        var third = NewOut();
        CliHarness.Run(Request(first, "ngfs-ndcs") with { Years = "2026" }).ExitCode.Should().Be(0);
        CliHarness.Run(Request(second, "ngfs-ndcs") with { Years = "2026" }).ExitCode.Should().Be(0);
        CliHarness.Run(Request(third, "ngfs-ndcs") with { Years = "2026", Seed = 7 }).ExitCode.Should().Be(0);
        string SiteYear(string run) => File.ReadAllText(Path.Combine(run, "results", "site_year.csv"));

        SiteYear(second).Should().Be(SiteYear(first));
        SiteYear(third).Should().NotBe(SiteYear(first));
    }

    [Theory]
    [InlineData("2025..abc")]
    [InlineData("2025..2030..2035")]
    [InlineData("")]
    [InlineData("next year")]
    public void Bad_years_text_exits_1_with_a_message(string years)
    {
        var outPath = NewOut();

        var outcome = CliHarness.Run(Request(outPath, "ngfs-ndcs") with { Years = years });

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be($"error: --years '{years}': expected FIRST..LAST, e.g. 2025..2050{Environment.NewLine}");
        outcome.Output.Should().BeEmpty();
        Directory.Exists(outPath).Should().BeFalse();
    }

    [Theory]
    [InlineData("2020..2030")]
    [InlineData("2030..2025")]
    [InlineData("2025..2101")]
    public void Years_outside_the_simulated_range_exit_1(string years)
    {
        var outPath = NewOut();

        var outcome = CliHarness.Run(Request(outPath, "ngfs-ndcs") with { Years = years });

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be($"error: FirstYear '{years}': Years must satisfy 2023 ≤ first ≤ last ≤ 2100.{Environment.NewLine}");
        Directory.Exists(outPath).Should().BeFalse();
    }

    [Fact]
    public void Too_few_paths_and_negative_workers_exit_1()
    {
        var paths = CliHarness.Run(Request(NewOut(), "ngfs-ndcs") with { Paths = 1 });
        var workers = CliHarness.Run(Request(NewOut(), "ngfs-ndcs") with { Workers = -1 });

        paths.ExitCode.Should().Be(1);
        paths.Error.Should().Be($"error: Paths '1': At least 2 paths are needed for a standard error.{Environment.NewLine}");
        workers.ExitCode.Should().Be(1);
        workers.Error.Should().Be($"error: Workers '-1': Workers must be 0 (all cores) or positive.{Environment.NewLine}");
    }

    [Fact]
    public void Unknown_scenario_id_exits_1_naming_the_id_and_the_known_ones()
    {
        var outPath = NewOut();

        var outcome = CliHarness.Run(Request(outPath, "ngfs-ndcs", "ngfs-net-zero-2051"));

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be(
            $"1 problem(s) in the inputs:{Environment.NewLine}" +
            "  command line: --scenarios 'ngfs-net-zero-2051': expected a scenario file, a directory, or a bundled scenario id: " +
            $"ngfs-below-2c, ngfs-current-policies, ngfs-delayed-transition, ngfs-ndcs, ngfs-net-zero-2050, ssp5-85-physical-stress{Environment.NewLine}");
        Directory.Exists(outPath).Should().BeFalse();
    }

    [Fact]
    public void Existing_out_without_force_exits_1_and_leaves_the_directory_untouched()
    {
        var outPath = NewOut();
        Directory.CreateDirectory(outPath);
        File.WriteAllText(Path.Combine(outPath, "keep.txt"), "previous run");

        var outcome = CliHarness.Run(Request(outPath, "ngfs-ndcs"));

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be($"error: {outPath} already exists; choose another --out or pass --force to replace it.{Environment.NewLine}");
        Directory.GetFileSystemEntries(outPath).Should().Equal(Path.Combine(outPath, "keep.txt"));
        File.ReadAllText(Path.Combine(outPath, "keep.txt")).Should().Be("previous run");
        Directory.GetFileSystemEntries(Path.GetDirectoryName(outPath)!, "." + Path.GetFileName(outPath) + "*").Should().BeEmpty();
    }

    [Fact]
    public void Existing_out_with_force_is_replaced()
    {
        var outPath = NewOut();
        Directory.CreateDirectory(outPath);
        File.WriteAllText(Path.Combine(outPath, "keep.txt"), "previous run");

        var outcome = CliHarness.Run(Request(outPath, "ngfs-ndcs") with { Force = true, Years = "2025", Paths = 100 });

        outcome.ExitCode.Should().Be(0, outcome.Error);
        File.Exists(Path.Combine(outPath, "keep.txt")).Should().BeFalse();
        File.Exists(Path.Combine(outPath, "manifest.json")).Should().BeTrue();
        DataLines(Path.Combine(outPath, "results", "site_year.csv")).Should().HaveCount(8 * MetricNames.Count);
    }

    [Fact]
    public void Bad_sites_file_exits_1_with_the_error_and_creates_no_output()
    {
        using var inputs = TestInputs.Copy();
        var line = TestInputs.LineOf(inputs.SitesFile, "ks-ulanqab");
        TestInputs.SetCell(inputs.SitesFile, line, "reported_pue", "0.9");
        var outPath = NewOut();

        var outcome = CliHarness.Run(Request(outPath, "ngfs-ndcs") with { Sites = inputs.SitesFile });

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be(
            $"1 problem(s) in the inputs:{Environment.NewLine}  {inputs.SitesFile}:{line}: reported_pue '0.9': expected a PUE from 1 to 5{Environment.NewLine}");
        outcome.Output.Should().BeEmpty();
        Directory.Exists(outPath).Should().BeFalse();
        Directory.GetFileSystemEntries(Path.GetDirectoryName(outPath)!, "." + Path.GetFileName(outPath) + "*").Should().BeEmpty();
    }

    [Fact]
    public void Data_and_scenario_files_can_be_given_as_paths()
    {
        using var inputs = TestInputs.Copy();
        TestInputs.SetCell(inputs.SitesFile, TestInputs.LineOf(inputs.SitesFile, "ks-ulanqab"), "it_load_mw", "40");
        var outPath = NewOut();

        var outcome = CliHarness.Run(Request(outPath, inputs.Scenario("ngfs-ndcs")) with { Data = inputs.DataDirectory, Years = "2025", Paths = 100 });

        outcome.ExitCode.Should().Be(0, outcome.Error);
        var manifest = RunManifest.Read(Path.Combine(outPath, "manifest.json"));
        manifest.InputSha256.Keys.Should().Contain(inputs.SitesFile).And.Contain(inputs.Scenario("ngfs-ndcs"));
        manifest.InputSha256[inputs.SitesFile].Should().Be(RunManifest.Sha256(inputs.SitesFile));
    }

    [Fact]
    public void Site_named_portfolio_is_rejected()
    {
        using var inputs = TestInputs.Copy();
        foreach (var file in new[] { inputs.SitesFile, inputs.Data("climate/site_climate.csv"), inputs.Data("hazard/heat_shortfall.csv"), inputs.Data("hazard/drought.csv") })
        {
            TestInputs.SetCell(file, TestInputs.LineOf(file, "ks-ulanqab"), "site_id", "portfolio");
        }

        var outPath = NewOut();

        var outcome = CliHarness.Run(Request(outPath, "ngfs-ndcs") with { Data = inputs.DataDirectory, Years = "2025", Paths = 100 });

        outcome.ExitCode.Should().Be(1);
        Directory.Exists(outPath).Should().BeFalse();
    }
}
