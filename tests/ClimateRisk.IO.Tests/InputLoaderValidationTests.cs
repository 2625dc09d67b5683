using System.Text;
using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.IO.Tests;

/// <summary>
/// InputLoader on a copy of the bundled data with exactly one thing broken: the exact
/// InputError(s) it must report (file, line, field, value, expected).
/// </summary>
public sealed class InputLoaderValidationTests : IDisposable
{
    private const string SiteColumns = "one of 31 known keys";
    private readonly TestInputs _inputs = TestInputs.Copy();

    public void Dispose() => _inputs.Dispose();

    private IReadOnlyList<InputError> Errors() => Errors(_inputs.Paths());

    private static IReadOnlyList<InputError> Errors(InputPaths paths)
    {
        var act = () => InputLoader.Load(paths);
        return act.Should().Throw<InputException>().Which.Errors;
    }

    private int SiteLine(string siteId) => TestInputs.LineOf(_inputs.SitesFile, siteId);

    [Fact]
    public void Unmodified_copy_loads()
    {
        var model = InputLoader.Load(_inputs.Paths());

        model.Sites.Should().HaveCount(8);
        model.Scenarios.Should().HaveCount(6);
    }

    [Fact]
    public void Unknown_column_is_reported_with_a_typo_suggestion_and_the_missing_column()
    {
        TestInputs.ReplaceOnce(_inputs.SitesFile, ",reported_pue,", ",reported_peu,");

        Errors().Should().Equal(
            new InputError(_inputs.SitesFile, 1, "column", "reported_peu", $"{SiteColumns} (did you mean 'reported_pue'?)"),
            new InputError(_inputs.SitesFile, 1, "reported_pue", string.Empty, "this column to be present"));
    }

    [Fact]
    public void Unknown_column_in_a_short_header_lists_the_known_columns()
    {
        var path = _inputs.Data("hazard/drought.csv");
        TestInputs.ReplaceOnce(path, "dry_pue_penalty,", "dry_pue_penalti,");

        var errors = Errors();

        errors[0].Should().Be(new InputError(path, 1, "column", "dry_pue_penalti",
            "one of site_id, restriction_days_per_yr, dry_pue_penalty, source (did you mean 'dry_pue_penalty'?)"));
        errors.Should().HaveCount(2);
        errors[1].Should().Be(new InputError(path, 1, "dry_pue_penalty", string.Empty, "this column to be present"));
    }

    [Fact]
    public void Missing_column_is_reported_once_for_the_header()
    {
        var path = _inputs.Data("hazard/drought.csv");
        TestInputs.RemoveColumn(path, "dry_pue_penalty");

        Errors().Should().Equal(new InputError(path, 1, "dry_pue_penalty", string.Empty, "this column to be present"));
    }

    [Fact]
    public void Duplicate_column_is_reported()
    {
        var path = _inputs.Data("hazard/drought.csv");
        TestInputs.ReplaceOnce(path, "site_id,restriction_days_per_yr,dry_pue_penalty,source", "site_id,restriction_days_per_yr,restriction_days_per_yr,source");

        Errors().Should().Equal(
            new InputError(path, 1, "column", "restriction_days_per_yr", "each column once"),
            new InputError(path, 1, "dry_pue_penalty", string.Empty, "this column to be present"));
    }

    [Fact]
    public void Non_number_is_reported_at_its_line()
    {
        var line = SiteLine("ks-ulanqab");
        TestInputs.SetCell(_inputs.SitesFile, line, "it_load_mw", "31.2MW").Should().Be("31.2");

        Errors().Should().Equal(new InputError(_inputs.SitesFile, line, "it_load_mw", "31.2MW", "a number, an IT load in MW, > 0"));
    }

    [Fact]
    public void Decimal_comma_gets_a_hint()
    {
        var line = SiteLine("ks-ulanqab");
        TestInputs.SetCell(_inputs.SitesFile, line, "reported_pue", "\"1,196\"");

        Errors().Should().Equal(new InputError(_inputs.SitesFile, line, "reported_pue", "1,196",
            "a number with '.' as the decimal separator, a PUE from 1 to 5"));
    }

    [Theory]
    [InlineData("reported_pue", "NaN", "a number, a PUE from 1 to 5")]
    [InlineData("reported_pue", "Infinity", "a number, a PUE from 1 to 5")]
    [InlineData("lat", "-Infinity", "a number, from -90 to 90")]
    [InlineData("scope1_t", "nan", "a number, from 0 to 1000000000")]
    [InlineData("asset_value_cny", "1e400", "a number, from 0 to 10000000000000")]
    public void Non_finite_numbers_are_rejected(string column, string value, string expected)
    {
        var line = SiteLine("ksc-tianjin-yixianyuan");
        TestInputs.SetCell(_inputs.SitesFile, line, column, value);

        Errors().Should().Equal(new InputError(_inputs.SitesFile, line, column, value, expected));
    }

    [Theory]
    [InlineData("reported_pue", "0.95", "a PUE from 1 to 5")]
    [InlineData("pue_target", "5.5", "a PUE from 1 to 5")]
    [InlineData("it_load_mw", "-3.44", "an IT load in MW, > 0")]
    [InlineData("lat", "95", "from -90 to 90")]
    [InlineData("lon", "-180.5", "from -180 to 180")]
    [InlineData("failover", "1.2", "from 0 to 1")]
    [InlineData("renewable_share_2030", "-0.1", "from 0 to 1")]
    [InlineData("land_amplification", "6", "from 0 to 5")]
    public void Out_of_range_site_values_are_rejected(string column, string value, string expected)
    {
        var line = SiteLine("ksc-beijing-yizhuang");
        TestInputs.SetCell(_inputs.SitesFile, line, column, value);

        Errors().Should().Equal(new InputError(_inputs.SitesFile, line, column, value, expected));
    }

    [Fact]
    public void Zero_it_load_is_rejected()
    {
        var line = SiteLine("ksc-beijing-yizhuang");
        TestInputs.SetCell(_inputs.SitesFile, line, "it_load_mw", "0");

        Errors().Should().Equal(new InputError(_inputs.SitesFile, line, "it_load_mw", "0", "an IT load in MW, > 0"));
    }

    [Fact]
    public void Reporting_year_after_the_base_year_is_rejected()
    {
        var line = SiteLine("ksc-beijing-yizhuang");
        TestInputs.SetCell(_inputs.SitesFile, line, "reporting_year", "2024");

        Errors().Should().Equal(new InputError(_inputs.SitesFile, line, "reporting_year", "2024", "a whole number from 2000 to 2023"));
    }

    [Fact]
    public void Empty_required_text_is_rejected()
    {
        var line = SiteLine("ksc-changshu-glp");
        TestInputs.SetCell(_inputs.SitesFile, line, "name", string.Empty);

        Errors().Should().Equal(new InputError(_inputs.SitesFile, line, "name", string.Empty, "a value"));
    }

    [Fact]
    public void Missing_source_is_rejected()
    {
        var path = _inputs.Data("cooling_types.csv");
        var line = TestInputs.LineOf(path, "direct_liquid_cooling");
        TestInputs.SetCell(path, line, "source", string.Empty);

        Errors().Should().Equal(new InputError(path, line, "source", string.Empty, "a value"));
    }

    [Fact]
    public void Probability_above_one_is_rejected()
    {
        var path = _inputs.Data("hazard/heat_shortfall.csv");
        var line = TestInputs.LineOf(path, "ksc-qinghai-green");
        TestInputs.SetCell(path, line, "shortfall_prob", "1.5").Should().Be("0.15");

        Errors().Should().Equal(new InputError(path, line, "shortfall_prob", "1.5", "from 0 to 1"));
    }

    [Fact]
    public void Flood_depths_falling_with_return_period_are_rejected()
    {
        var path = _inputs.Data("hazard/flood_depth.csv");
        var line = TestInputs.LineOf(path, "ksc-beijing-yizhuang");
        TestInputs.SetCell(path, line, "d_50_m", "0.1").Should().Be("0.35");

        Errors().Should().Equal(new InputError(path, line, "d_50_m", "0.1", "depths non-decreasing with return period (d_25_m = 0.2)"));
    }

    [Fact]
    public void Damage_curve_depths_not_increasing_are_rejected()
    {
        var path = _inputs.Data("vulnerability/jrc_flood.csv");
        // industrial,1,0.482,... is the third industrial row, after 0 and 0.5.
        var lines = File.ReadAllLines(path);
        var line = Array.FindIndex(lines, l => l.StartsWith("industrial,1,", StringComparison.Ordinal)) + 1;
        TestInputs.SetCell(path, line, "depth_m", "0.4");

        Errors().Should().Equal(new InputError(path, line, "depth_m", "0.4", "depths increasing within class industrial (previous: 0.5)"));
    }

    [Fact]
    public void Damage_ratio_falling_with_depth_is_rejected()
    {
        var path = _inputs.Data("vulnerability/jrc_flood.csv");
        var lines = File.ReadAllLines(path);
        var line = Array.FindIndex(lines, l => l.StartsWith("commercial,2,", StringComparison.Ordinal)) + 1;
        TestInputs.SetCell(path, line, "mean", "0.6").Should().Be("0.763");

        Errors().Should().Equal(new InputError(path, line, "mean", "0.6", "a damage ratio that does not fall with depth (previous: 0.659)"));
    }

    [Fact]
    public void Duplicate_site_id_is_rejected_at_the_second_row()
    {
        var line = SiteLine("ksc-tianjin-yixianyuan");
        TestInputs.SetCell(_inputs.SitesFile, line, "site_id", "ksc-beijing-yizhuang");

        Errors().Should().Equal(new InputError(_inputs.SitesFile, line, "site_id", "ksc-beijing-yizhuang", "a unique id (this one is already used above)"));
    }

    [Fact]
    public void Site_id_that_is_not_a_slug_is_rejected()
    {
        var line = SiteLine("ks-ulanqab");
        TestInputs.SetCell(_inputs.SitesFile, line, "site_id", "KS Ulanqab");

        var errors = Errors();

        errors[0].Should().Be(new InputError(_inputs.SitesFile, line, "site_id", "KS Ulanqab", "a slug of lower-case letters, digits, '-' or '_'"));
    }

    [Fact]
    public void Unknown_cooling_type_is_rejected_with_a_suggestion()
    {
        var line = SiteLine("ksc-beijing-yizhuang");
        TestInputs.SetCell(_inputs.SitesFile, line, "cooling_type", "chiller_water_economiser");

        Errors().Should().Equal(new InputError(_inputs.SitesFile, line, "cooling_type", "chiller_water_economiser",
            "a cooling type of cooling_types.csv: one of chiller_water_economizer, indirect_evaporative, pumped_refrigerant_free_cooling, direct_liquid_cooling (did you mean 'chiller_water_economizer'?)"));
    }

    [Fact]
    public void Unknown_grid_is_rejected_with_a_suggestion()
    {
        var line = SiteLine("ksc-beijing-yizhuang");
        TestInputs.SetCell(_inputs.SitesFile, line, "grid", "north_chna");

        Errors().Should().Equal(new InputError(_inputs.SitesFile, line, "grid", "north_chna",
            "a grid of grid_factors.csv: one of national, north_china, east_china, central_china, northwest, tianjin, inner_mongolia, hebei, qinghai, anhui, sichuan, south_china (did you mean 'north_china'?)"));
    }

    [Fact]
    public void Unknown_jurisdiction_without_a_near_name_gets_no_suggestion()
    {
        var line = SiteLine("ks-ulanqab");
        TestInputs.SetCell(_inputs.SitesFile, line, "pue_jurisdiction", "atlantis");

        var error = Errors().Should().ContainSingle().Which;

        error.Should().Be(new InputError(_inputs.SitesFile, line, "pue_jurisdiction", "atlantis",
            "a jurisdiction of pue_rules.csv: one of beijing, national, national_hub, helinger_hub, yrd_hub, tianjin, hebei, jiangsu, shanghai, qinghai, west_hub"));
    }

    [Fact]
    public void Unknown_tenure_is_rejected()
    {
        var line = SiteLine("ks-ulanqab");
        TestInputs.SetCell(_inputs.SitesFile, line, "tenure", "own");

        Errors().Should().Equal(new InputError(_inputs.SitesFile, line, "tenure", "own", "a tenure: one of owned, leased (did you mean 'owned'?)"));
    }

    [Fact]
    public void Years_out_of_order_in_gsat_are_rejected()
    {
        var path = _inputs.Data("climate/gsat.csv");
        // SSP2-4.5 rows: 2023 (line 10), 2030 (11), 2050 (12), 2090 (13); make the 2030 row 2060.
        TestInputs.SetCell(path, 11, "year", "2060").Should().Be("2030");
        CsvLine.Split(File.ReadAllLines(path)[10])[0].Should().Be("SSP2-4.5");

        Errors().Should().Equal(new InputError(path, 12, "year", "2050", "years increasing (previous row: 2060)"));
    }

    [Fact]
    public void Gsat_median_outside_its_range_is_rejected()
    {
        var path = _inputs.Data("climate/gsat.csv");
        TestInputs.SetCell(path, 3, "median_c", "1.8").Should().Be("1.5");

        Errors().Should().Equal(new InputError(path, 3, "median_c", "1.8", "q05_c ≤ median_c ≤ q95_c"));
    }

    [Fact]
    public void Empty_file_is_rejected_as_a_whole()
    {
        var path = _inputs.Data("hazard/drought.csv");
        File.WriteAllText(path, string.Empty);

        Errors().Should().Equal(new InputError(path, 0, string.Empty, "(empty file)",
            "a header row with columns site_id, restriction_days_per_yr, dry_pue_penalty, source"));
    }

    [Fact]
    public void Header_only_file_is_rejected()
    {
        var path = _inputs.Data("hazard/drought.csv");
        File.WriteAllText(path, "site_id,restriction_days_per_yr,dry_pue_penalty,source\n");

        Errors().Should().Equal(new InputError(path, 0, string.Empty, "(no data rows)", "at least one data row"));
    }

    [Fact]
    public void Missing_file_is_rejected()
    {
        var path = _inputs.Data("hazard/drought.csv");
        File.Delete(path);

        Errors().Should().Equal(new InputError(path, 0, string.Empty, string.Empty, "an existing file"));
    }

    [Fact]
    public void Optional_hazard_file_with_only_a_header_is_still_an_error()
    {
        var path = _inputs.Data("hazard/surge_gev.csv");
        File.WriteAllText(path, File.ReadAllLines(path)[0] + "\n");

        Errors().Should().Equal(new InputError(path, 0, string.Empty, "(no data rows)", "at least one data row"));
    }

    [Fact]
    public void Semicolon_delimited_file_is_rejected_on_the_delimiter()
    {
        var path = _inputs.Data("hazard/drought.csv");
        TestInputs.ChangeDelimiter(path, ';');
        File.ReadAllLines(path)[0].Should().Be("site_id;restriction_days_per_yr;dry_pue_penalty;source");

        var error = Errors().Should().ContainSingle().Which;

        error.File.Should().Be(path);
        error.Line.Should().Be(1);
        error.Field.Should().Be("delimiter");
        error.Value.Should().Be(";");
        error.Expected.Should().StartWith("',' (the file looks saved with another list separator");
    }

    [Fact]
    public void Tab_delimited_file_is_rejected_on_the_delimiter()
    {
        var path = _inputs.Data("cooling_types.csv");
        TestInputs.ChangeDelimiter(path, '\t');

        var error = Errors().Should().ContainSingle().Which;

        error.Should().Match<InputError>(e => e.File == path && e.Line == 1 && e.Field == "delimiter" && e.Value == "tab");
    }

    [Fact]
    public void Bom_and_crlf_files_load_like_the_originals()
    {
        foreach (var relative in new[] { "sites.csv", "climate/site_climate.csv", "transition/pue_rules.csv" })
        {
            var path = _inputs.Data(relative);
            var text = File.ReadAllText(path).Replace("\n", "\r\n", StringComparison.Ordinal);
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            File.ReadAllBytes(path).Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        }

        var model = InputLoader.Load(_inputs.Paths());
        var original = InputLoader.Load(TestInputs.Bundled());

        model.Sites.Should().HaveCount(8);
        model.Sites[0].Id.Should().Be("ksc-beijing-yizhuang", "the BOM must not become part of the first column name or value");
        model.Sites.Single(s => s.Id == "ksc-beijing-yizhuang").ReportedPue.Should().Be(1.362);
        model.Sites.Select(s => (s.Id, s.Name, s.ReportedPue, s.LandAmplification, s.Climate.InterannualSdC))
            .Should().Equal(original.Sites.Select(s => (s.Id, s.Name, s.ReportedPue, s.LandAmplification, s.Climate.InterannualSdC)));
        model.PueRules["beijing"].Should().Equal(original.PueRules["beijing"]);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_line_numbers_still_count_them()
    {
        var text = File.ReadAllText(_inputs.SitesFile);
        File.WriteAllText(_inputs.SitesFile, text.Replace("\nksc-tianjin-yixianyuan,", "\n\n\nksc-tianjin-yixianyuan,", StringComparison.Ordinal));
        var line = SiteLine("ksc-tianjin-yixianyuan");
        line.Should().Be(5);
        TestInputs.SetCell(_inputs.SitesFile, line, "lat", "91");

        Errors().Should().Equal(new InputError(_inputs.SitesFile, 5, "lat", "91", "from -90 to 90"));
    }

    [Fact]
    public void Site_missing_from_site_climate_is_reported()
    {
        var path = _inputs.Data("climate/site_climate.csv");
        TestInputs.RemoveLine(path, TestInputs.LineOf(path, "ks-ulanqab"));

        Errors().Should().Equal(new InputError(path, 0, "site_id", "ks-ulanqab", "a row for every site of the portfolio"));
    }

    [Fact]
    public void Sites_missing_from_a_required_per_site_file_are_reported_in_id_order()
    {
        var path = _inputs.Data("hazard/drought.csv");
        TestInputs.RemoveLine(path, TestInputs.LineOf(path, "ksc-tianjin-yixianyuan"));
        TestInputs.RemoveLine(path, TestInputs.LineOf(path, "ks-north-china-leased"));

        Errors().Should().Equal(
            new InputError(path, 0, "site_id", "ks-north-china-leased", "a row for every site of the portfolio"),
            new InputError(path, 0, "site_id", "ksc-tianjin-yixianyuan", "a row for every site of the portfolio"));
    }

    [Fact]
    public void Duplicate_row_in_a_per_site_file_is_rejected()
    {
        var path = _inputs.Data("hazard/wind_gumbel.csv");
        var line = TestInputs.LineOf(path, "ksc-shanghai-guanghuan");
        TestInputs.SetCell(path, line, "site_id", "ksc-changshu-glp");

        Errors().Should().Equal(new InputError(path, line, "site_id", "ksc-changshu-glp", "a unique id (this one is already used above)"));
    }

    [Fact]
    public void Unknown_vulnerability_class_is_rejected()
    {
        var path = _inputs.Data("hazard/flood_depth.csv");
        var line = TestInputs.LineOf(path, "ksc-changshu-glp");
        TestInputs.SetCell(path, line, "vulnerability_class", "industial");

        Errors().Should().Equal(new InputError(path, line, "vulnerability_class", "industial",
            "a class of jrc_flood.csv: one of residential, commercial, industrial (did you mean 'industrial'?)"));
    }

    [Fact]
    public void Unknown_threshold_metric_is_rejected()
    {
        var path = _inputs.Data("register/thresholds.csv");
        TestInputs.SetCell(path, 2, "metric", "physical_los_cny").Should().Be("physical_loss_cny");

        Errors().Should().Equal(new InputError(path, 2, "metric", "physical_los_cny", "a metric: one of 31 known keys (did you mean 'physical_loss_cny'?)"));
    }

    [Fact]
    public void All_problems_of_a_file_are_reported_at_once_in_line_order()
    {
        var tianjin = SiteLine("ksc-tianjin-yixianyuan");
        var ulanqab = SiteLine("ks-ulanqab");
        TestInputs.SetCell(_inputs.SitesFile, ulanqab, "reported_pue", "0.9");
        TestInputs.SetCell(_inputs.SitesFile, tianjin, "lat", "95");

        Errors().Should().Equal(
            new InputError(_inputs.SitesFile, tianjin, "lat", "95", "from -90 to 90"),
            new InputError(_inputs.SitesFile, ulanqab, "reported_pue", "0.9", "a PUE from 1 to 5"));
    }

    [Fact]
    public void Two_bad_cells_in_one_row_give_two_errors()
    {
        var line = SiteLine("ksc-changshu-glp");
        TestInputs.SetCell(_inputs.SitesFile, line, "lat", "95");
        TestInputs.SetCell(_inputs.SitesFile, line, "lon", "x");

        Errors().Should().Equal(
            new InputError(_inputs.SitesFile, line, "lat", "95", "from -90 to 90"),
            new InputError(_inputs.SitesFile, line, "lon", "x", "a number, from -180 to 180"));
    }

    [Fact]
    public void Problems_in_several_files_are_reported_together()
    {
        var heat = _inputs.Data("hazard/heat_shortfall.csv");
        var cooling = _inputs.Data("cooling_types.csv");
        TestInputs.SetCell(heat, 2, "throttle_hours", "25");
        TestInputs.SetCell(cooling, 3, "knee_c", "70");
        TestInputs.SetCell(_inputs.SitesFile, 4, "failover", "2");

        var errors = Errors();

        errors.Should().Equal(
            new InputError(cooling, 3, "knee_c", "70", "from -40 to 60"),
            new InputError(_inputs.SitesFile, 4, "failover", "2", "from 0 to 1"),
            new InputError(heat, 2, "throttle_hours", "25", "from 0 to 24"));
        var exception = new InputException(errors);
        exception.Message.Should().Be(
            $"3 problem(s) in the inputs:{Environment.NewLine}" +
            $"  {cooling}:3: knee_c '70': expected from -40 to 60{Environment.NewLine}" +
            $"  {_inputs.SitesFile}:4: failover '2': expected from 0 to 1{Environment.NewLine}" +
            $"  {heat}:2: throttle_hours '25': expected from 0 to 24");
    }

    [Fact]
    public void Grid_with_only_future_years_is_rejected()
    {
        var path = _inputs.Data("transition/grid_factors.csv");
        var line = TestInputs.LineOf(path, "qinghai");
        TestInputs.SetCell(path, line, "year", "2024");

        var errors = Errors();

        errors[0].Should().Be(new InputError(path, line, "year", "2024", "a year ≤ 2023 (the base year) in at least one row for grid qinghai"));
        errors.Should().HaveCount(2);
        errors[1].Should().Be(new InputError(_inputs.SitesFile, SiteLine("ksc-qinghai-green"), "grid", "qinghai",
            "a grid of grid_factors.csv: one of national, north_china, east_china, central_china, northwest, tianjin, inner_mongolia, hebei, anhui, sichuan, south_china"));
    }

    [Fact]
    public void Grid_row_after_the_base_year_is_ignored_when_it_follows_earlier_rows()
    {
        var path = _inputs.Data("transition/grid_factors.csv");
        File.AppendAllText(path, "north_china,2030,0.4,\"test: a projection row\"\n");

        var model = InputLoader.Load(_inputs.Paths());

        model.Sites.Single(s => s.Id == "ksc-beijing-yizhuang").BaseGridFactorTPerMwh.Should().Be(0.6361);
    }

    [Fact]
    public void Grid_row_after_the_base_year_is_ignored_whatever_the_row_order()
    {
        var path = _inputs.Data("transition/grid_factors.csv");
        var lines = File.ReadAllLines(path).ToList();
        lines.Insert(1, "north_china,2030,0.4,\"test: a projection row\"");
        File.WriteAllLines(path, lines);

        var model = InputLoader.Load(_inputs.Paths());

        model.Sites.Single(s => s.Id == "ksc-beijing-yizhuang").BaseGridFactorTPerMwh.Should().Be(0.6361);
    }

    [Fact]
    public void Site_id_portfolio_is_reserved()
    {
        var line = SiteLine("ks-ulanqab");
        foreach (var file in new[] { _inputs.SitesFile, _inputs.Data("climate/site_climate.csv"), _inputs.Data("hazard/heat_shortfall.csv"), _inputs.Data("hazard/drought.csv") })
        {
            TestInputs.SetCell(file, TestInputs.LineOf(file, "ks-ulanqab"), "site_id", "portfolio");
        }

        var error = Errors().Should().ContainSingle().Which;

        error.File.Should().Be(_inputs.SitesFile);
        error.Line.Should().Be(line);
        error.Field.Should().Be("site_id");
        error.Value.Should().Be("portfolio");
    }
}
