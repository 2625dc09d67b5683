using System.Globalization;
using System.Text;
using ClimateRisk.IO;

namespace ClimateRisk.Calibration.Tests;

/// <summary>
/// calibrate's outputs for a made-up fit, compared with the files in Snapshots/, written under the
/// invariant culture and under ru-RU (comma decimals): they must be identical. To accept a
/// deliberate change, run with UPDATE_SNAPSHOTS=1 and review the diff.
/// </summary>
public sealed class CalibrationWriterSnapshotTests
{
    private const string Telemetry = "snapshot_synthetic_telemetry.csv";

    private static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "data", "sites.csv")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("data/sites.csv");
        }
    }

    private static SiteCalibration Fit()
    {
        var options = new CalibrationOptions();
        var grid = options.Grid();
        return new SiteCalibration
        {
            SiteId = "ksc-beijing-yizhuang",
            Readings = 4,
            Period = (new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.FromHours(8))),
            Months = 12,
            MedianItKw = 3442.5,
            DataRangeC = (-12.6, 38.4),
            DenseRangeC = (-8.3, 33.8),
            TemperatureC = grid,
            Pue = grid.Select(t => 1.22 + (0.018 * Math.Max(0, Math.Clamp(t, -12.6, 38.4) - 12))).ToArray(),
            TreePue = grid.Select(t => 1.221 + (0.0175 * Math.Max(0, Math.Clamp(t, -12.6, 38.4) - 12))).ToArray(),
            Gam = new FitMetrics(0.99412, 0.00861, 0.00672, 8760),
            Tree = new FitMetrics(0.99377, 0.00884, 0.00690, 8760),
            Cloud = [(-5.5, 1.215), (10.25, 1.231), (22.5, 1.41), (31.0, 1.56)],
        };
    }

    private static Dictionary<string, string> Render(CultureInfo culture)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        var directory = Path.Combine(Path.GetTempPath(), $"climaterisk-calibration-snapshot-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(Telemetry, "site_id,timestamp,outdoor_temp_c,it_kw,facility_kw\n");
            var model = InputLoader.Load(new InputPaths { DataDirectory = Path.Combine(Root, "data"), SitesFile = Path.Combine(Root, "data", "sites.csv"), ScenarioFiles = [Path.Combine(Root, "scenarios", "ngfs-ndcs.yaml")] });
            var written = CalibrationWriter.Write(directory, Telemetry, [Fit()], new CalibrationOptions(), model.Sites);
            return written.ToDictionary(p => Path.GetFileName(p), p => File.ReadAllText(p, Encoding.UTF8));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previous;
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void Outputs_are_the_snapshots_under_invariant_and_russian_cultures()
    {
        1.5.ToString(CultureInfo.GetCultureInfo("ru-RU")).Should().Be("1,5", "ru-RU must really use comma decimals here, or this test proves nothing");
        var invariant = Render(CultureInfo.InvariantCulture);
        var russian = Render(CultureInfo.GetCultureInfo("ru-RU"));
        invariant.Keys.Should().BeEquivalentTo("pue_response.csv", "calibration.md", "pue_response_ksc-beijing-yizhuang.svg");
        foreach (var (name, text) in invariant)
        {
            russian[name].Should().Be(text, $"{name} must not depend on the machine's culture");
            var path = Path.Combine(Root, "tests", "ClimateRisk.Calibration.Tests", "Snapshots", name);
            if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text, new UTF8Encoding(false));
            }

            File.Exists(path).Should().BeTrue($"the snapshot {name} exists (create it with UPDATE_SNAPSHOTS=1)");
            text.Should().Be(File.ReadAllText(path, Encoding.UTF8), $"{name} matches its snapshot");
        }
    }

    [Fact]
    public void The_response_table_is_the_fit_at_one_decimal_of_temperature_and_five_of_pue()
    {
        var csv = CalibrationWriter.ResponseCsv([Fit()]).Split('\n');
        csv[0].Should().Be("site_id,temperature_c,pue");
        csv[1].Should().Be("ksc-beijing-yizhuang,-20.0,1.22000");
        csv.Should().Contain("ksc-beijing-yizhuang,20.0,1.36400");
        csv[131].Should().Be("ksc-beijing-yizhuang,45.0,1.69520");
    }
}
