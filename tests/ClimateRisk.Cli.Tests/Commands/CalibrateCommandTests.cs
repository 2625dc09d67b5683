using System.Globalization;
using System.Text;
using ClimateRisk.Calibration;
using ClimateRisk.Cli.Commands;
using ClimateRisk.Cli.Tests.TestSupport;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>CalibrateCommand.Execute: every kind of bad telemetry exits 1 with its exact message and writes nothing; good telemetry writes the response, report and charts.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private const string Site = "ksc-beijing-yizhuang";
    private const string Header = "site_id,timestamp,outdoor_temp_c,it_kw,facility_kw\n";

    /// <summary>Few boosting rounds: these tests check the command, not the fit.</summary>
    private static readonly CalibrationOptions Fast = new() { GamIterations = 150, TreeCount = 20 };

    private readonly string _directory = CliHarness.TempPath("calibrate");

    public CalibrateCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Out => Path.Combine(_directory, "out");

    /// <summary>Readings every <paramref name="stepH"/> hours from 2025-01-01T00:00+08:00, a seasonal and daily temperature cycle scaled by <paramref name="swing"/>, PUE 1.2 + 0.01 per °C above 10 °C.</summary>
    private static string Rows(string site, int count, double stepH = 1, double swing = 1, double itKw = 3400, double facilityScale = 1)
    {
        var text = new StringBuilder();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        for (var i = 0; i < count; i++)
        {
            var hours = i * stepH;
            var t = swing * (12 - (14 * Math.Cos(2 * Math.PI * (hours / 24 - 15) / 365)) + (5 * Math.Sin(2 * Math.PI * ((hours % 24) - 9) / 24)));
            var pue = 1.2 + (0.01 * Math.Max(0, t - 10)) + (0.005 * Math.Sin(i * 1.7));
            text.Append(CultureInfo.InvariantCulture, $"{site},{start.AddHours(hours):yyyy-MM-dd'T'HH:mmzzz},{t:0.0},{itKw},{itKw * pue * facilityScale:0.0}\n");
        }

        return text.ToString();
    }

    private string Write(string text)
    {
        var path = Path.Combine(_directory, "telemetry.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private (int Code, string Output, string Error) Calibrate(string path)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CalibrateCommand.Execute(path, null, null, Out, force: false, output, error, Fast);
        return (code, output.ToString(), error.ToString());
    }

    private void ExpectProblems(string text, params string[] problems)
    {
        var path = Write(text);
        var (code, output, error) = Calibrate(path);
        code.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Be($"{problems.Length} problem(s) in the inputs:{Environment.NewLine}" + string.Concat(problems.Select(p => $"  {path}:{p}{Environment.NewLine}")));
        Directory.Exists(Out).Should().BeFalse("nothing is written for bad input");
    }

    [Fact]
    public void A_pue_below_1_is_reported()
        => ExpectProblems(Header + $"{Site},2025-01-01T00:00+08:00,1.0,3440,3000\n",
            "2: facility_kw '3000': expected at least it_kw (3440): facility power below IT power gives PUE 0.872 < 1");

    [Fact]
    public void Negative_power_is_reported()
        => ExpectProblems(Header + $"{Site},2025-01-01T00:00+08:00,1.0,-5,4000\n{Site},2025-01-01T01:00+08:00,1.0,3400,-4000\n",
            "2: it_kw '-5': expected an IT power in kW, > 0",
            "3: facility_kw '-4000': expected a facility power in kW, > 0");

    [Fact]
    public void An_it_column_in_mw_beside_a_facility_column_in_kw_is_reported()
        => ExpectProblems(Header + $"{Site},2025-01-01T00:00+08:00,1.0,3.44,4700\n",
            "2: it_kw '3.44': expected an IT power in kW: facility_kw / it_kw = 1366 is no PUE; it_kw looks to be in MW (multiply by 1000)");

    [Fact]
    public void Both_columns_in_mw_are_reported_against_the_sites_it_load()
        => ExpectProblems(Header + Rows(Site, 24 * 220, itKw: 3.44),
            $"2: it_kw '{Site}: median 3.44': expected IT power in kW: the portfolio gives {Site} an IT load of 3.44 MW = 3440 kW, so the column looks to be in MW (multiply by 1000)");

    [Fact]
    public void Duplicated_and_unordered_timestamps_are_reported()
        => ExpectProblems(
            Header + $"{Site},2025-01-01T00:00+08:00,1.0,3400,4100\n{Site},2025-01-01T01:00+08:00,1.0,3400,4100\n{Site},2025-01-01T01:00+08:00,1.0,3400,4100\n{Site},2025-01-01T00:30+08:00,1.0,3400,4100\n",
            "4: timestamp '2025-01-01T01:00+08:00': expected a time after 2025-01-01T01:00+08:00 (line 3, same site): each time once",
            "5: timestamp '2025-01-01T00:30+08:00': expected a time after 2025-01-01T01:00+08:00 (line 3, same site): the rows of a site in time order");

    [Fact]
    public void A_timestamp_that_is_not_iso_8601_is_reported()
        => ExpectProblems(Header + $"{Site},01/02/2025 13:00,1.0,3400,4100\n",
            "2: timestamp '01/02/2025 13:00': expected an ISO 8601 date and time, e.g. 2025-07-01T14:00 or 2025-07-01T14:00:00+08:00");

    [Fact]
    public void A_site_not_in_the_portfolio_is_reported_once()
        => ExpectProblems(Header + Rows("ksc-beijing-yizhuan", 48),
            "2: site_id 'ksc-beijing-yizhuan': expected a site of the portfolio: one of ksc-beijing-yizhuang, ksc-tianjin-yixianyuan, ksc-changshu-glp, ksc-shanghai-guanghuan, ksc-shanghai-pujiang-gds, ksc-qinghai-green, ks-ulanqab, ks-north-china-leased (did you mean 'ksc-beijing-yizhuang'?)");

    [Fact]
    public void Less_than_6_months_is_reported_with_how_much_is_needed()
        => ExpectProblems(Header + Rows(Site, 24 * 120),
            "2: timestamp 'ksc-beijing-yizhuang: 2025-01-01 to 2025-04-30, 120 days in 4 calendar month(s)': expected at least 6 months of readings per site (6 calendar months spanning ≥ 182 days), so that leave-one-month-out validation has folds and more than one season is seen");

    [Fact]
    public void Less_than_a_5_degree_temperature_range_is_reported()
        => ExpectProblems(Header + Rows(Site, 24 * 200, swing: 0.1),
            "2: outdoor_temp_c 'ksc-beijing-yizhuang: -0.7 to 3.1 °C': expected an outdoor temperature range of at least 5 °C per site: a temperature response cannot be learned from one temperature");

    [Fact]
    public void Daily_readings_are_reported_as_too_coarse()
        => ExpectProblems(Header + Rows(Site, 300, stepH: 24),
            "2: timestamp 'ksc-beijing-yizhuang: median step 24 h': expected hourly or finer readings (median step ≤ 1 h): daily or monthly means hide the hours that drive cooling load");

    [Fact]
    public void A_mistake_in_every_row_is_shown_five_times_and_counted()
    {
        var rows = Rows(Site, 8).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Replace(",3400,", ",-1,", StringComparison.Ordinal));
        ExpectProblems(Header + string.Join('\n', rows) + "\n",
            "2: it_kw '-1': expected an IT power in kW, > 0",
            "3: it_kw '-1': expected an IT power in kW, > 0",
            "4: it_kw '-1': expected an IT power in kW, > 0",
            "5: it_kw '-1': expected an IT power in kW, > 0",
            "6: it_kw '-1': expected an IT power in kW, > 0",
            "9: it_kw '(and 3 more rows up to this line)': expected the same fix as the rows above");
    }

    [Fact]
    public void Good_telemetry_writes_the_response_the_report_and_a_chart_and_never_overwrites()
    {
        var path = Write(Header + Rows(Site, 24 * 200));
        var (code, output, error) = Calibrate(path);
        error.Should().BeEmpty();
        code.Should().Be(0);
        output.Should().Contain($"Wrote {Path.Combine(Out, "pue_response.csv")}");
        Directory.GetFiles(Out).Select(Path.GetFileName).Should().BeEquivalentTo("pue_response.csv", "calibration.md", $"pue_response_{Site}.svg");
        var table = File.ReadAllLines(Path.Combine(Out, "pue_response.csv"));
        table[0].Should().Be("site_id,temperature_c,pue");
        table.Should().HaveCount(1 + 131);
        table[1].Should().StartWith($"{Site},-20.0,");
        table[^1].Should().StartWith($"{Site},45.0,");
        File.ReadAllText(Path.Combine(Out, "calibration.md")).Should().Contain("| ksc-beijing-yizhuang | 4,800 | 7 |");

        var again = Calibrate(path);
        again.Code.Should().Be(1);
        again.Error.Should().Contain("already exists");
    }

    [Fact]
    public void A_full_disk_while_writing_is_one_error_line_exit_2_and_leaves_nothing()
    {
        var path = Write(Header + Rows(Site, 24 * 200));
        var hits = new List<string>();

        (int Code, string Output, string Error) failed;
        using (DiskFull.When("/pue_response.csv", hits))
        {
            failed = Calibrate(path);
        }

        hits.Should().ContainSingle();
        failed.Code.Should().Be(2);
        failed.Error.Should().Be($"error: writing the calibration to {Out} failed: {DiskFull.Message(hits[0])}; nothing was kept: free space, then run calibrate again.{Environment.NewLine}");
        Directory.Exists(Out).Should().BeFalse();
        Directory.Exists(ClimateRisk.IO.RunDirectory.StagingPathOf(Out)).Should().BeFalse();
        Calibrate(path).Code.Should().Be(0, "nothing is left in the way of the next attempt");
    }

    [Fact]
    public void Without_the_jit_calibrate_refuses_with_exit_2_and_says_where_to_run_it()
    {
        // An ahead-of-time build has no JIT; Microsoft.ML needs one and failed with an unrelated schema error there.
        var error = new StringWriter();

        CalibrateCommand.Refused(dynamicCodeSupported: false, error).Should().Be(2);
        error.ToString().Should().Be("error: calibrate needs the .NET runtime's JIT (Microsoft.ML compiles code as it learns), which this ahead-of-time build does not have; run it from the installed climaterisk tool or with 'dotnet run -c Release --project src/ClimateRisk.Cli -- calibrate …'" + Environment.NewLine);

        var none = new StringWriter();
        CalibrateCommand.Refused(dynamicCodeSupported: true, none).Should().BeNull("the JIT build learns as before");
        none.ToString().Should().BeEmpty();
    }
}
