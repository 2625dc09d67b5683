using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.IO.Tests;

/// <summary>ScenarioLoader: the bundled scenarios and the exact errors for broken copies.</summary>
public sealed class ScenarioLoaderTests : IDisposable
{
    private static readonly string[] Ssps = ["SSP1-1.9", "SSP1-2.6", "SSP2-4.5", "SSP3-7.0", "SSP5-8.5"];
    private readonly TestInputs _inputs = TestInputs.Copy();

    public void Dispose() => _inputs.Dispose();

    private string Ndcs => _inputs.Scenario("ngfs-ndcs");

    private static List<InputError> LoadErrors(string path)
    {
        var errors = new List<InputError>();
        ScenarioLoader.Load(path, Ssps, errors).Should().BeNull();
        return errors;
    }

    /// <summary>Replaces line <paramref name="line"/> (1-based) of a scenario file, checking its old text.</summary>
    private static void ReplaceLine(string path, int line, string expectedOld, string replacement)
    {
        var lines = File.ReadAllLines(path);
        lines[line - 1].Should().Be(expectedOld);
        lines[line - 1] = replacement;
        File.WriteAllLines(path, lines);
    }

    [Fact]
    public void Every_bundled_scenario_loads_without_errors()
    {
        foreach (var file in TestInputs.Bundled().ScenarioFiles)
        {
            var errors = new List<InputError>();
            var scenario = ScenarioLoader.Load(file, Ssps, errors);

            errors.Should().BeEmpty();
            scenario.Should().NotBeNull();
            scenario!.Id.Should().Be(Path.GetFileNameWithoutExtension(file), "each bundled file is named after its id");
        }
    }

    [Fact]
    public void Bundled_ndcs_values()
    {
        var errors = new List<InputError>();
        var scenario = ScenarioLoader.Load(Ndcs, Ssps, errors)!;

        scenario.Ssp.Should().Be("SSP2-4.5");
        scenario.GridDeclineRate.Should().Be(0.035);
        scenario.CarbonCoverage.At(2050).Should().Be(0.5);
        scenario.CarbonCoverage.At(2035).Should().Be(0.2);
        scenario.CarbonCoverage.At(2070).Should().Be(0.5, "year maps are held flat after the last year");
        scenario.CarbonPriceCnyPerT.At(2000).Should().Be(68, "and before the first year");
    }

    [Fact]
    public void Every_value_is_read_from_its_own_key()
    {
        // Every number distinct and none equal to a default, so a value read from the wrong key
        // or a default used instead of the file's value cannot pass unnoticed.
        var path = _inputs.Scenario("distinct-values");
        File.WriteAllText(path, """
            id: distinct-values
            name: Distinct values
            physical:
              ssp: SSP3-7.0
              typhoon_intensity_per_c: 0.031
              correlation_length_km: {heat: 910, flood: 220, surge: 330, wind: 440}
            transition:
              discount_rate: 0.045
              carbon_price_cny_per_t: {2023: 71, 2040: 612}
              carbon_price_sigma: 0.27
              carbon_coverage: {2024: 0.05, 2045: 0.65}
              grid_decline_rate: 0.037
              grid_sigma: 0.11
              electricity_escalation: {2025: 1.01, 2035: 1.09}
              electricity_sigma: 0.13
              carbon_pass_through: 0.21
              renewable_premium_cny_per_mwh: {2026: 33, 2048: 12}
            """);

        var errors = new List<InputError>();
        var scenario = ScenarioLoader.Load(path, Ssps, errors)!;

        errors.Should().BeEmpty();
        scenario.Id.Should().Be("distinct-values");
        scenario.Name.Should().Be("Distinct values");
        scenario.Ssp.Should().Be("SSP3-7.0");
        scenario.TyphoonIntensityPerC.Should().Be(0.031);
        scenario.CorrelationLengthsKm.Should().Be(new Core.Model.CorrelationLengths { HeatKm = 910, FloodKm = 220, SurgeKm = 330, WindKm = 440 });
        scenario.DiscountRate.Should().Be(0.045);
        scenario.CarbonPriceCnyPerT.Points.Should().Equal((2023, 71.0), (2040, 612.0));
        scenario.CarbonPriceSigma.Should().Be(0.27);
        scenario.CarbonCoverage.Points.Should().Equal((2024, 0.05), (2045, 0.65));
        scenario.GridDeclineRate.Should().Be(0.037);
        scenario.GridSigma.Should().Be(0.11);
        scenario.ElectricityEscalation.Points.Should().Equal((2025, 1.01), (2035, 1.09));
        scenario.ElectricitySigma.Should().Be(0.13);
        scenario.CarbonPassThrough.Should().Be(0.21);
        scenario.RenewablePremiumCnyPerMwh.Points.Should().Equal((2026, 33.0), (2048, 12.0));
    }

    [Fact]
    public void Bundled_values_that_differ_from_the_defaults_are_read()
    {
        var errors = new List<InputError>();
        var stress = ScenarioLoader.Load(_inputs.Scenario("ssp5-85-physical-stress"), Ssps, errors)!;
        var delayed = ScenarioLoader.Load(_inputs.Scenario("ngfs-delayed-transition"), Ssps, errors)!;

        errors.Should().BeEmpty();
        stress.TyphoonIntensityPerC.Should().Be(0.035);
        stress.ElectricitySigma.Should().Be(0.12);
        delayed.CarbonPriceSigma.Should().Be(0.4);
        delayed.GridSigma.Should().Be(0.15);
    }

    [Fact]
    public void Optional_values_fall_back_to_the_defaults()
    {
        ReplaceLine(Ndcs, 12, "  typhoon_intensity_per_c: 0.025", "  correlation_length_km: {flood: 100}");
        ReplaceLine(Ndcs, 14, "  discount_rate: 0.06", "  carbon_price_sigma: 0.3");
        TestInputs.ReplaceOnce(Ndcs, "  carbon_price_sigma: 0.3\n  carbon_coverage", "  carbon_coverage");

        var errors = new List<InputError>();
        var scenario = ScenarioLoader.Load(Ndcs, Ssps, errors)!;

        errors.Should().BeEmpty();
        scenario.DiscountRate.Should().Be(0.06);
        scenario.TyphoonIntensityPerC.Should().Be(0.025);
        scenario.CorrelationLengthsKm.Should().Be(new Core.Model.CorrelationLengths { HeatKm = 1000, FloodKm = 100, SurgeKm = 300, WindKm = 400 });
    }

    [Fact]
    public void Unknown_ssp_is_rejected_with_a_suggestion()
    {
        ReplaceLine(Ndcs, 11, "  ssp: SSP2-4.5", "  ssp: SSP2-4.6");

        LoadErrors(Ndcs).Should().Equal(new InputError(Ndcs, 11, "physical.ssp", "SSP2-4.6",
            "one of SSP1-1.9, SSP1-2.6, SSP2-4.5, SSP3-7.0, SSP5-8.5 (did you mean 'SSP2-4.5'?)"));
    }

    [Fact]
    public void Unknown_ssp_is_reported_through_the_input_loader()
    {
        ReplaceLine(Ndcs, 11, "  ssp: SSP2-4.5", "  ssp: RCP4.5");

        var act = () => InputLoader.Load(_inputs.Paths());

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(new InputError(Ndcs, 11, "physical.ssp", "RCP4.5",
            "one of SSP1-1.9, SSP1-2.6, SSP2-4.5, SSP3-7.0, SSP5-8.5"));
    }

    [Fact]
    public void Yaml_syntax_error_reports_its_line()
    {
        ReplaceLine(Ndcs, 19, "  grid_sigma: 0.1", "  grid_sigma: 0.1: 0.2");

        var error = LoadErrors(Ndcs).Should().ContainSingle().Which;

        error.File.Should().Be(Ndcs);
        error.Line.Should().Be(19);
        error.Field.Should().Be("yaml");
        error.Value.Should().Be("While scanning a plain scalar value, found invalid mapping.");
        error.Expected.Should().Be("a scenario in the form of docs/data.md");
    }

    [Fact]
    public void Unclosed_flow_mapping_reports_its_line()
    {
        ReplaceLine(Ndcs, 17, "  carbon_coverage: {2023: 0.0, 2030: 0.1, 2040: 0.3, 2050: 0.5}", "  carbon_coverage: {2023: 0.0, 2030: 0.1, 2040: 0.3, 2050: 0.5");

        LoadErrors(Ndcs).Should().Equal(new InputError(Ndcs, 17, "yaml", "carbon_coverage: {2023: 0.0, 2030: 0.1, 2040: 0.3, 2050: 0.5",
            "a closing '}' for the '{' opened on this line"));
    }

    [Fact]
    public void Misspelt_key_reports_its_line_and_name()
    {
        ReplaceLine(Ndcs, 19, "  grid_sigma: 0.1", "  grid_sigmaa: 0.1");

        LoadErrors(Ndcs).Should().Equal(new InputError(Ndcs, 19, "transition", "grid_sigmaa",
            "a known key: one of discount_rate, carbon_price_cny_per_t, carbon_price_sigma, carbon_coverage, grid_decline_rate, grid_factor_index, grid_sigma, "
            + "electricity_escalation, electricity_sigma, carbon_pass_through, renewable_premium_cny_per_mwh (did you mean 'grid_sigma'?)"));
    }

    [Fact]
    public void Non_number_value_reports_its_line()
    {
        ReplaceLine(Ndcs, 19, "  grid_sigma: 0.1", "  grid_sigma: high");

        LoadErrors(Ndcs).Should().Equal(new InputError(Ndcs, 19, "transition.grid_sigma", "high", "a number from 0 to 3"));
    }

    [Fact]
    public void Coverage_above_one_is_rejected()
    {
        ReplaceLine(Ndcs, 17, "  carbon_coverage: {2023: 0.0, 2030: 0.1, 2040: 0.3, 2050: 0.5}", "  carbon_coverage: {2023: 0.0, 2030: 0.1, 2040: 0.3, 2050: 1.5}");

        LoadErrors(Ndcs).Should().Equal(new InputError(Ndcs, 17, "transition.carbon_coverage.2050", "1.5", "a number from 0 to 1"));
    }

    [Fact]
    public void Year_outside_the_calendar_range_is_rejected()
    {
        ReplaceLine(Ndcs, 23, "  renewable_premium_cny_per_mwh: {2023: 30, 2030: 25, 2040: 20, 2050: 15}", "  renewable_premium_cny_per_mwh: {2023: 30, 2030: 25, 2040: 20, 250: 15}");

        LoadErrors(Ndcs).Should().Equal(new InputError(Ndcs, 23, "transition.renewable_premium_cny_per_mwh", "250", "a calendar year from 1990 to 2200"));
    }

    [Fact]
    public void Several_problems_in_one_file_are_all_reported()
    {
        ReplaceLine(Ndcs, 14, "  discount_rate: 0.06", "  discount_rate: 1.5");
        ReplaceLine(Ndcs, 16, "  carbon_price_sigma: 0.3", "  carbon_price_sigma: -0.3");
        ReplaceLine(Ndcs, 22, "  carbon_pass_through: 0.2", "  carbon_pass_through: 2");

        LoadErrors(Ndcs).Should().Equal(
            new InputError(Ndcs, 14, "transition.discount_rate", "1.5", "a number from -0.5 to 1"),
            new InputError(Ndcs, 16, "transition.carbon_price_sigma", "-0.3", "a number from 0 to 3"),
            new InputError(Ndcs, 22, "transition.carbon_pass_through", "2", "a number from 0 to 1"));
    }

    [Fact]
    public void Missing_required_values_are_rejected()
    {
        ReplaceLine(Ndcs, 18, "  grid_decline_rate: 0.035       # 0.53 -> ~0.20 t/MWh by 2050", "  # no grid decline");
        ReplaceLine(Ndcs, 15, "  carbon_price_cny_per_t: {2023: 68, 2025: 98, 2030: 523, 2040: 787, 2050: 1024}", "  carbon_price_cny_per_t: {}");

        LoadErrors(Ndcs).Should().Equal(
            new InputError(Ndcs, 15, "transition.carbon_price_cny_per_t", string.Empty, "a map of year: value, e.g. {2023: 68, 2030: 150}"),
            new InputError(Ndcs, 13, "transition.grid_decline_rate", string.Empty, "a value, a number from -0.5 to 0.99"));
    }

    [Fact]
    public void Unknown_correlation_key_is_rejected_with_a_suggestion()
    {
        ReplaceLine(Ndcs, 12, "  typhoon_intensity_per_c: 0.025", "  correlation_length_km: {heat: 800, floods: 200, wind: 0}");

        LoadErrors(Ndcs).Should().Equal(
            new InputError(Ndcs, 12, "physical.correlation_length_km", "floods", "a known key: one of heat, flood, surge, wind (did you mean 'flood'?)"),
            new InputError(Ndcs, 12, "physical.correlation_length_km.wind", "0", "a positive length in km, at most 100000"));
    }

    [Fact]
    public void Id_that_is_not_a_slug_is_rejected()
    {
        ReplaceLine(Ndcs, 3, "id: ngfs-ndcs", "id: NGFS NDCs");

        LoadErrors(Ndcs).Should().Equal(new InputError(Ndcs, 3, "id", "NGFS NDCs", "a slug of lower-case letters, digits, '-' or '_'"));
    }

    [Fact]
    public void Missing_transition_block_is_rejected()
    {
        var lines = File.ReadAllLines(Ndcs);
        File.WriteAllLines(Ndcs, lines.Take(12));

        LoadErrors(Ndcs).Should().Equal(new InputError(Ndcs, 0, "transition", string.Empty, "a transition block"));
    }

    [Fact]
    public void Empty_and_missing_files_are_rejected()
    {
        File.WriteAllText(Ndcs, "# nothing here\n");
        var missing = _inputs.Scenario("no-such-scenario");

        LoadErrors(Ndcs).Should().Equal(new InputError(Ndcs, 0, string.Empty, "(empty file)", "a scenario in the form of docs/data.md"));
        LoadErrors(missing).Should().Equal(new InputError(missing, 0, string.Empty, string.Empty, "an existing scenario file"));
    }

    [Fact]
    public void Two_scenario_files_with_the_same_id_are_rejected()
    {
        var copy = Path.Combine(_inputs.ScenarioDirectory, "ngfs-ndcs-copy.yaml");
        File.Copy(Ndcs, copy);

        var act = () => InputLoader.Load(_inputs.Paths(Ndcs, copy));

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(
            new InputError(copy, 0, "id", "ngfs-ndcs", "a scenario id not used by another scenario file of the run"));
    }

    [Fact]
    public void No_scenario_files_is_rejected()
    {
        var act = () => InputLoader.Load(_inputs.Paths() with { ScenarioFiles = [] });

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(
            new InputError("scenarios", 0, string.Empty, "(none)", "at least one scenario file"));
    }

    [Fact]
    public void Tab_indentation_is_reported_as_a_yaml_error()
    {
        ReplaceLine(Ndcs, 19, "  grid_sigma: 0.1", "\tgrid_sigma: 0.1");

        // YamlDotNet places this error at the start of the document (1:1); the loader finds the tab itself.
        LoadErrors(Ndcs).Should().Equal(new InputError(Ndcs, 19, "yaml", "\\tgrid_sigma: 0.1", "indentation with spaces (YAML does not allow tabs there)"));
    }

    [Fact]
    public void Duplicate_year_in_a_year_map_is_rejected()
    {
        ReplaceLine(Ndcs, 17, "  carbon_coverage: {2023: 0.0, 2030: 0.1, 2040: 0.3, 2050: 0.5}", "  carbon_coverage: {2023: 0.0, 2030: 0.1, 2030: 0.3, 2050: 0.5}");

        LoadErrors(Ndcs).Should().Equal(new InputError(Ndcs, 17, "yaml", "2030", "each key once in its block (this one is already given above)"));
    }
}
