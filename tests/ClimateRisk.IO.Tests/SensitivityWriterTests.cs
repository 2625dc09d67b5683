using System.Globalization;
using System.Text;
using ClimateRisk.Core.Sensitivity;

namespace ClimateRisk.IO.Tests;

/// <summary>SensitivityWriter / SensitivityReader: exact text whatever the culture, and a lossless round trip.</summary>
public sealed class SensitivityWriterTests : IDisposable
{
    private const string Expected =
        "scenario,entity,metric,horizon,driver,first_order,first_order_se,total,total_se\n" +
        "s1,portfolio,total_climate_cost_cny,npv,flood,0.6182,0.0795,0.7217,0.0516\n" +
        "s1,portfolio,total_climate_cost_cny,npv,damage_uncertainty,-0.0012,0.30000000000000004,0.1013,1E-20\n" +
        "s1,\"we\"\"ird,site\",pue,2030,surge,0,0,0,0\n" +
        "s1,site-a,physical_loss_cny,2050,electricity_price,,,,\n";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "climaterisk-sensitivity-" + Guid.NewGuid().ToString("N"));

    public SensitivityWriterTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static SensitivityIndex[] Indices() =>
    [
        new("s1", "portfolio", "total_climate_cost_cny", "npv", SensitivityDriver.Flood, new SobolEstimate(0.6182, 0.0795, 0.7217, 0.0516)),
        new("s1", "portfolio", "total_climate_cost_cny", "npv", SensitivityDriver.DamageUncertainty, new SobolEstimate(-0.0012, 0.1 + 0.2, 0.1013, 1e-20)),
        new("s1", "we\"ird,site", "pue", "2030", SensitivityDriver.Surge, new SobolEstimate(0, 0, 0, 0)),
        new("s1", "site-a", "physical_loss_cny", "2050", SensitivityDriver.ElectricityPrice, SobolEstimate.Undefined),
    ];

    private static string Render()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        SensitivityWriter.Write(Indices(), writer);
        return writer.ToString();
    }

    private static T InCulture<T>(string name, Func<T> action)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    [Fact]
    public void Text_under_the_invariant_culture() => InCulture(string.Empty, Render).Should().Be(Expected);

    [Fact]
    public void Text_under_ru_RU_is_the_same()
    {
        CultureInfo.GetCultureInfo("ru-RU").NumberFormat.NumberDecimalSeparator.Should().Be(",", "the culture must differ from invariant for the test to mean anything");
        InCulture("ru-RU", Render).Should().Be(Expected);
    }

    [Fact]
    public void Every_driver_name_is_the_documented_one()
        => SensitivityDrivers.All.Select(d => d.Name()).Should().Equal(
            "warming", "sea_level", "carbon_price", "grid_factor", "electricity_price", "heat", "flood", "surge", "wind", "drought", "damage_uncertainty");

    [Fact]
    public void Written_file_is_utf8_without_bom_and_reads_back_to_equal_records()
    {
        InCulture("ru-RU", () =>
        {
            SensitivityWriter.Write(Indices(), _directory);
            return 0;
        });

        var path = Path.Combine(_directory, SensitivityWriter.FileName);
        File.ReadAllBytes(path).Should().Equal(new UTF8Encoding(false).GetBytes(Expected));
        InCulture("ru-RU", () => SensitivityReader.ReadIfPresent(_directory)).Should().Equal(Indices());
    }

    [Fact]
    public void A_run_without_the_file_reads_as_none()
        => SensitivityReader.ReadIfPresent(_directory).Should().BeNull();

    [Fact]
    public void The_writer_never_overwrites()
    {
        var path = Path.Combine(_directory, SensitivityWriter.FileName);
        File.WriteAllText(path, "old");
        var act = () => SensitivityWriter.Write(Indices(), _directory);
        act.Should().Throw<IOException>();
        File.ReadAllText(path).Should().Be("old");
    }

    [Fact]
    public void Bad_rows_are_reported_with_line_field_and_value()
    {
        var path = Path.Combine(_directory, SensitivityWriter.FileName);
        File.WriteAllText(path, SensitivityWriter.Header + "\n" + "s1,portfolio,total_climate_cost,npv,flod,0.5,0.1,0.6,0.1\n" + "s1,portfolio,pue,20x0,flood,\"0,5\",0.1,0.6,0.1\n");
        var act = () => SensitivityReader.Read(path);
        var errors = act.Should().Throw<InputException>().Which.Errors;
        errors.Should().Contain(e => e.Line == 2 && e.Field == "metric" && e.Value == "total_climate_cost");
        errors.Should().Contain(e => e.Line == 2 && e.Field == "driver" && e.Value == "flod" && e.Expected.Contains("flood", StringComparison.Ordinal));
        errors.Should().Contain(e => e.Line == 3 && e.Field == "horizon" && e.Value == "20x0");
        errors.Should().Contain(e => e.Line == 3 && e.Field == "first_order" && e.Value == "0,5");
    }
}
