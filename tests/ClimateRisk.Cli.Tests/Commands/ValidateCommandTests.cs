using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.IO;
using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>ValidateCommand.Execute: OK line on good inputs, file:line messages and exit 1 on bad ones.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    // Every bundled control applies to a site of the bundled portfolio: one per data row.
    private static readonly int Controls = File.ReadAllLines(Path.Combine(TestInputs.BundledDataDirectory, "register", "controls.csv")).Count(l => l.Length > 0) - 1;

    private readonly TestInputs _inputs = TestInputs.Copy();

    public void Dispose() => _inputs.Dispose();

    [Fact]
    public void Bundled_inputs_are_ok()
    {
        var outcome = CliHarness.Validate(null, null, []);

        outcome.ExitCode.Should().Be(0);
        outcome.Error.Should().BeEmpty();
        outcome.Output.Should().StartWith("OK: 8 sites, 6 scenarios");
        outcome.Output.Should().StartWith($"OK: 8 sites, 6 scenarios, {1 + InputPaths.DataTables.Count + InputPaths.OptionalDataTables.Count + 6} files checked, {Controls} disclosed controls.{Environment.NewLine}");
    }

    [Fact]
    public void A_scenario_that_leaves_out_optional_keys_has_its_defaults_listed()
    {
        var file = _inputs.Scenario("ngfs-ndcs");
        File.WriteAllLines(file, File.ReadAllLines(file).Where(l => !l.StartsWith("  discount_rate:", StringComparison.Ordinal) && !l.StartsWith("  grid_sigma:", StringComparison.Ordinal)));

        var outcome = CliHarness.Validate(_inputs.DataDirectory, null, [_inputs.ScenarioDirectory]);

        outcome.ExitCode.Should().Be(0);
        const string lengths = "physical.correlation_length_km.heat = 1000, physical.correlation_length_km.flood = 250, physical.correlation_length_km.surge = 300, physical.correlation_length_km.wind = 400";
        var lines = outcome.Output.Split(Environment.NewLine).Where(l => l.Contains("defaults used", StringComparison.Ordinal)).ToList();
        lines.Should().Equal(
            $"scenarios ngfs-below-2c.yaml, ngfs-current-policies.yaml, ngfs-delayed-transition.yaml, ngfs-net-zero-2050.yaml, ssp5-85-physical-stress.yaml: defaults used (docs/data.md): {lengths}",
            $"scenario ngfs-ndcs.yaml: defaults used (docs/data.md): {lengths}, transition.discount_rate = 0.06, transition.grid_sigma = 0.1");
    }

    [Fact]
    public void Sites_without_an_optional_hazard_row_are_listed_as_not_exposed()
    {
        var outcome = CliHarness.Validate(_inputs.DataDirectory, null, [_inputs.ScenarioDirectory]);

        var d = _inputs.DataDirectory.Replace('\\', '/');
        string Surge() => $"coastal flood ({d}/hazard/surge_gev.csv)";
        string Wind() => $"typhoon wind ({d}/hazard/wind_gumbel.csv)";
        outcome.ExitCode.Should().Be(0);
        outcome.Output.Split(Environment.NewLine).Skip(1).Where(l => !l.Contains("defaults used", StringComparison.Ordinal)).Should().Equal(
            "Sites without a row in an optional hazard table count as not exposed (add the row if the site does face the hazard):",
            $"  ksc-beijing-yizhuang: not exposed to: {Surge()}, {Wind()}",
            $"  ksc-tianjin-yixianyuan: not exposed to: {Surge()}, {Wind()}",
            $"  ksc-changshu-glp: not exposed to: {Surge()}",
            $"  ksc-qinghai-green: not exposed to: {Surge()}, {Wind()}",
            $"  ks-ulanqab: not exposed to: river/pluvial flood ({d}/hazard/flood_depth.csv), {Surge()}, {Wind()}",
            $"  ks-north-china-leased: not exposed to: {Surge()}, {Wind()}",
            string.Empty);
    }

    [Fact]
    public void A_misspelt_site_id_in_an_optional_hazard_table_is_an_error_not_an_unexposed_site()
    {
        var wind = _inputs.Data("hazard/wind_gumbel.csv");
        var line = TestInputs.LineOf(wind, "ksc-changshu-glp");
        TestInputs.SetCell(wind, line, "site_id", "ksc-changshu-gpl");

        var outcome = CliHarness.Validate(_inputs.DataDirectory, null, [_inputs.ScenarioDirectory]);

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be(
            $"1 problem(s) in the inputs:{Environment.NewLine}" +
            $"  {wind}:{line}: site_id 'ksc-changshu-gpl': expected a site of sites.csv or candidates.csv (did you mean 'ksc-changshu-glp'?){Environment.NewLine}");
    }

    [Fact]
    public void Chosen_scenarios_are_counted()
    {
        var outcome = CliHarness.Validate(null, null, ["ngfs-ndcs,ngfs-below-2c"]);

        outcome.ExitCode.Should().Be(0);
        outcome.Output.Should().StartWith($"OK: 8 sites, 2 scenarios, {1 + InputPaths.DataTables.Count + InputPaths.OptionalDataTables.Count + 2} files checked, {Controls} disclosed controls.{Environment.NewLine}");
    }

    [Fact]
    public void Copied_data_directory_is_ok()
    {
        var outcome = CliHarness.Validate(_inputs.DataDirectory, null, [_inputs.ScenarioDirectory]);

        outcome.ExitCode.Should().Be(0);
        outcome.Output.Should().StartWith("OK: 8 sites, 6 scenarios");
    }

    [Fact]
    public void Broken_copy_exits_1_with_file_line_messages()
    {
        var heat = _inputs.Data("hazard/heat_shortfall.csv");
        var heatLine = TestInputs.LineOf(heat, "ks-ulanqab");
        TestInputs.SetCell(heat, heatLine, "shortfall_prob", "1.5");
        var siteLine = TestInputs.LineOf(_inputs.SitesFile, "ksc-changshu-glp");
        TestInputs.SetCell(_inputs.SitesFile, siteLine, "lat", "95");

        var outcome = CliHarness.Validate(_inputs.DataDirectory, null, [_inputs.ScenarioDirectory]);

        outcome.ExitCode.Should().Be(1);
        outcome.Output.Should().BeEmpty();
        outcome.Error.Should().Be(
            $"2 problem(s) in the inputs:{Environment.NewLine}" +
            $"  {_inputs.SitesFile}:{siteLine}: lat '95': expected from -90 to 90{Environment.NewLine}" +
            $"  {heat}:{heatLine}: shortfall_prob '1.5': expected from 0 to 1{Environment.NewLine}");
    }

    [Fact]
    public void Separate_sites_file_is_checked()
    {
        var sites = Path.Combine(_inputs.Root, "my-sites.csv");
        File.Copy(_inputs.SitesFile, sites);
        TestInputs.ReplaceOnce(sites, ",reported_pue,", ",reported_peu,");

        var outcome = CliHarness.Validate(null, sites, []);

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Contain($"  {sites}:1: column 'reported_peu': expected one of 31 known keys (did you mean 'reported_pue'?)");
        outcome.Error.Should().StartWith("2 problem(s) in the inputs:");
    }

    [Fact]
    public void Missing_data_directory_exits_1()
    {
        var missing = Path.Combine(_inputs.Root, "nowhere");

        var outcome = CliHarness.Validate(missing, null, []);

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be(
            $"1 problem(s) in the inputs:{Environment.NewLine}  {missing}: --data '{missing}': expected a directory with the shared tables (docs/data.md){Environment.NewLine}");
    }
}
