using System.Globalization;
using System.Text;
using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.IO;
using ClimateRisk.Pipeline;
using ClimateRisk.Reporting;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary><c>run --pue-response</c>: the sites in the file use their learned curve, the others do not move; the manifest hashes the file; the board pack names the sites.</summary>
public sealed class PueResponseRunTests : IDisposable
{
    private const string Learned = "ksc-beijing-yizhuang";
    private readonly string _directory = CliHarness.TempPath("pue-response");

    public PueResponseRunTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A response table like calibrate's: a hockey stick with a knee at 12 °C, steeper than the default chiller curve.</summary>
    private string ResponseFile(string name = "pue_response.csv", double floor = 1.22)
    {
        var text = new StringBuilder("site_id,temperature_c,pue\n");
        for (var t = -20.0; t <= 45.0; t += 0.5)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Learned},{t:0.0},{floor + (0.03 * Math.Max(0, t - 12)):0.00000}\n");
        }

        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private RunRequest Request(string outName, string? response) => new()
    {
        Paths = 300,
        Years = "2025..2030",
        Scenarios = ["ngfs-current-policies"],
        Out = Path.Combine(_directory, outName),
        Workers = 1,
        PueResponse = response,
        CommandLine = ["run", "--paths", "300"],
    };

    private static Dictionary<(string Site, string Key), string> SiteRows(string run)
        => File.ReadAllLines(Path.Combine(run, "results", "site_year.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .ToDictionary(f => (f[1], string.Join(',', f[0], f[2], f[3])), f => string.Join(',', f.Skip(4)));

    [Fact]
    public void Sites_in_the_file_use_the_learned_curve_and_the_manifest_and_board_pack_say_so()
    {
        var response = ResponseFile();
        var standard = CliHarness.Run(Request("default", null));
        var learned = CliHarness.Run(Request("learned", response));
        standard.ExitCode.Should().Be(0, standard.Error);
        learned.ExitCode.Should().Be(0, learned.Error);

        var a = SiteRows(Path.Combine(_directory, "default"));
        var b = SiteRows(Path.Combine(_directory, "learned"));
        b.Keys.Should().BeEquivalentTo(a.Keys);
        var moved = a.Keys.Where(k => a[k] != b[k]).Select(k => k.Site).Distinct().ToArray();
        moved.Should().Equal(new[] { Learned, "portfolio" }.Where(s => a.Keys.Any(k => k.Site == s)));

        // The level is still the reported PUE: in the reporting year's climate both runs start from 1.362.
        var manifest = RunManifest.Read(Path.Combine(_directory, "learned", "manifest.json"));
        manifest.InputSha256.Should().ContainKey(response.Replace('\\', '/')).WhoseValue.Should().Be(RunManifest.Sha256(response));
        manifest.Inputs!.PueResponseFile.Should().Be(response);
        RunManifest.Read(Path.Combine(_directory, "default", "manifest.json")).Inputs!.PueResponseFile.Should().BeNull();
        File.ReadAllText(Path.Combine(_directory, "default", "manifest.json")).Should().NotContain("pue_response");

        var pack = File.ReadAllText(Directory.GetFiles(Path.Combine(_directory, "learned"), ReportBuilder.BoardPackFile, SearchOption.AllDirectories).Single());
        pack.Should().Contain("Learned PUE response").And.Contain("Kingsoft Cloud Beijing Yizhuang data centre use the hourly PUE curve learned from their own telemetry");
        var plain = File.ReadAllText(Directory.GetFiles(Path.Combine(_directory, "default"), ReportBuilder.BoardPackFile, SearchOption.AllDirectories).Single());
        plain.Should().NotContain("Learned PUE response");
    }

    [Fact]
    public void A_response_file_from_synthetic_telemetry_is_labelled_synthetic_in_the_board_pack()
    {
        var learned = CliHarness.Run(Request("synthetic", ResponseFile("synthetic_pue_response.csv")));
        learned.ExitCode.Should().Be(0, learned.Error);
        var pack = File.ReadAllText(Directory.GetFiles(Path.Combine(_directory, "synthetic"), ReportBuilder.BoardPackFile, SearchOption.AllDirectories).Single());
        pack.Should().Contain("SYNTHETIC example telemetry");
    }

    [Fact]
    public void A_bad_response_file_exits_1_with_file_line_messages()
    {
        var path = Path.Combine(_directory, "bad.csv");
        File.WriteAllText(path, $"site_id,temperature_c,pue\n{Learned},10,1.3\n{Learned},5,1.2\n{Learned},20,0.9\n");
        var outcome = CliHarness.Run(Request("bad", path));
        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be(
            $"2 problem(s) in the inputs:{Environment.NewLine}" +
            $"  {path}:3: temperature_c '5': expected a temperature above the site's previous row (10 °C): rows of a site in increasing temperature{Environment.NewLine}" +
            $"  {path}:4: pue '0.9': expected an hourly PUE from 1 to 5{Environment.NewLine}");
        Directory.Exists(Path.Combine(_directory, "bad")).Should().BeFalse();
    }

    [Fact]
    public void A_response_whose_annual_pue_would_fall_below_1_is_refused()
    {
        // A curve that rises 0.6 PUE over the year's temperatures cannot average to 1.362 without going below 1 in a cool year.
        var path = Path.Combine(_directory, "steep.csv");
        File.WriteAllText(path, $"site_id,temperature_c,pue\n{Learned},-20,1.0\n{Learned},0,1.0\n{Learned},30,4.0\n");
        var outcome = CliHarness.Run(Request("steep", path));
        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().StartWith($"1 problem(s) in the inputs:{Environment.NewLine}  {path}: pue '{Learned}': expected a response whose annual PUE stays ≥ 1: shifted to the reported PUE 1.362, with this climate and the planned change a cool year would give PUE 0.");
    }

    [Fact]
    public void A_missing_response_file_exits_1()
    {
        var outcome = CliHarness.Run(Request("missing", Path.Combine(_directory, "nope.csv")));
        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Contain("--pue-response").And.Contain("an existing pue_response.csv written by 'climaterisk calibrate'");
    }
}
