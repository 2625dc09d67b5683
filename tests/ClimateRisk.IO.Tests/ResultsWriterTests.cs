using System.Globalization;
using System.Text;
using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.IO.Tests;

/// <summary>ResultsWriter: exact text of the five CSVs for a hand-built result, whatever the culture.</summary>
public sealed class ResultsWriterTests : IDisposable
{
    private const string Weird = "we\"ird,site";

    private const string ExpectedSiteYear =
        "scenario,site,year,metric,mean,se,sd,p5,p25,p50,p75,p95,p99,tvar99,p_exceed\n" +
        "s1,site-a,2029,flood_direct_cny,1234.5,0.1,1E-20,,,0,,-0,1E+21,123456789.123,\n" +
        "s1,site-a,2030,pue,1.362,0.30000000000000004,0.3333333333333333,1.2,,1.35,,1.5,1.6,1.65,0.25\n" +
        "s1,\"we\"\"ird,site\",2030,water_m3,-2.5,5E-324,1.7976931348623157E+308,1,,2,,3,4,5,0\n";

    private const string ExpectedPortfolioYear =
        "scenario,year,metric,mean,se,sd,p5,p25,p50,p75,p95,p99,tvar99,p_exceed\n" +
        "s1,2029,total_climate_cost_cny,100,10,1000,0,,50,,300,900,950,0.5\n" +
        "s1,2030,total_climate_cost_cny,200,20,2000,0,,100,,600,1800,1900,0.75\n" +
        "s2,2030,physical_loss_cny,7,0.7,70,0,,1,,20,60,65,\n";

    private const string ExpectedHorizons =
        "scenario,site,horizon,metric,mean,se,sd,p5,p25,p50,p75,p95,p99,tvar99,p_exceed\n" +
        "s1,site-a,2030,pue,1.362,0.30000000000000004,0.3333333333333333,1.2,,1.35,,1.5,1.6,1.65,0.25\n" +
        "s1,portfolio,2030,total_climate_cost_cny,200,20,2000,0,,100,,600,1800,1900,0.75\n" +
        "s1,\"we\"\"ird,site\",2030,water_m3,-2.5,5E-324,1.7976931348623157E+308,1,,2,,3,4,5,0\n" +
        "s1,site-a,npv_2029_2030,total_climate_cost_cny,1500.25,1.5,15,1,,2,,3,4,5,\n" +
        "s1,portfolio,npv_2029_2030,total_climate_cost_cny,3000.5,3,30,1,,2,,3,4,5,\n" +
        "s2,portfolio,2030,physical_loss_cny,7,0.7,70,0,,1,,20,60,65,\n" +
        "s2,portfolio,npv_2029_2030,total_climate_cost_cny,9,0.9,90,1,,2,,3,4,5,\n";

    private const string ExpectedExceedance =
        "scenario,site,year,curve,return_period_y,exceedance_prob,loss_cny\n" +
        "s1,site-a,2030,AEP,2,0.5,1000000\n" +
        "s1,portfolio,2030,OEP,3,0.3333333333333333,0.1\n" +
        "s1,portfolio,2030,AEP,1000,0.001,\n";

    private const string ExpectedFinancial =
        "scenario,entity,horizon,item,basis,mean,se,p5,p50,p95,baseline_cny,mean_pct_of_baseline\n" +
        "s1,site-a,2030,opex,net,1234.5,0.1,,0,-0,2000,61.725\n" +
        "s1,portfolio,npv,ebitda,gross,100,10,0,50,300,,\n" +
        "s2,\"we\"\"ird,site\",2030,revenue,net,-2.5,5E-324,1,2,3,1000,-0.25\n";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "climaterisk-writer-" + Guid.NewGuid().ToString("N"));

    public ResultsWriterTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static CellStatistics Stats(double mean, double se, double sd, double p5, double p50, double p95, double p99, double tvar99, double pExceed) => new()
    {
        Count = 4, Mean = mean, StandardError = se, StandardDeviation = sd, P5 = p5, P25 = double.NaN, P50 = p50, P75 = double.NaN, P95 = p95, P99 = p99, TVaR99 = tvar99, PExceed = pExceed,
    };

    private static SimulationResult Result() => new()
    {
        Settings = new SimulationSettings { Paths = 4, FirstYear = 2029, LastYear = 2030 },
        ScenarioIds = ["s1", "s2"],
        SiteIds = ["site-a", Weird],
        Cells =
        [
            new("s1", "site-a", 2029, Metric.FloodDirectCny, Stats(1234.5, 0.1, 1e-20, double.NaN, 0, -0.0, 1e21, 123456789.123, double.NaN)),
            new("s1", "site-a", 2030, Metric.Pue, Stats(1.362, 0.1 + 0.2, 1.0 / 3, 1.2, 1.35, 1.5, 1.6, 1.65, 0.25)),
            new("s1", SimulationResult.PortfolioId, 2029, Metric.TotalClimateCostCny, Stats(100, 10, 1000, 0, 50, 300, 900, 950, 0.5)),
            new("s1", SimulationResult.PortfolioId, 2030, Metric.TotalClimateCostCny, Stats(200, 20, 2000, 0, 100, 600, 1800, 1900, 0.75)),
            new("s1", Weird, 2030, Metric.WaterM3, Stats(-2.5, double.Epsilon, double.MaxValue, 1, 2, 3, 4, 5, 0)),
            new("s2", SimulationResult.PortfolioId, 2030, Metric.PhysicalLossCny, Stats(7, 0.7, 70, 0, 1, 20, 60, 65, double.NaN)),
        ],
        Npv =
        [
            new("s1", "site-a", Stats(1500.25, 1.5, 15, 1, 2, 3, 4, 5, double.NaN)),
            new("s1", SimulationResult.PortfolioId, Stats(3000.5, 3, 30, 1, 2, 3, 4, 5, double.NaN)),
            new("s2", SimulationResult.PortfolioId, Stats(9, 0.9, 90, 1, 2, 3, 4, 5, double.NaN)),
        ],
        Exceedance =
        [
            new("s1", "site-a", 2030, "AEP", 2, 1e6),
            new("s1", SimulationResult.PortfolioId, 2030, "OEP", 3, 0.1),
            new("s1", SimulationResult.PortfolioId, 2030, "AEP", 1000, double.NaN),
        ],
        Financial =
        [
            new("s1", "site-a", 2030, FinancialItem.Opex, FinancialBasis.Net, Stats(1234.5, 0.1, 1e-20, double.NaN, 0, -0.0, 1e21, 123456789.123, double.NaN), 2000),
            new("s1", SimulationResult.PortfolioId, null, FinancialItem.Ebitda, FinancialBasis.Gross, Stats(100, 10, 1000, 0, 50, 300, 900, 950, 0.5), double.NaN),
            new("s2", Weird, 2030, FinancialItem.Revenue, FinancialBasis.Net, Stats(-2.5, double.Epsilon, double.MaxValue, 1, 2, 3, 4, 5, 0), 1000),
        ],
    };

    private static string Render(Action<SimulationResult, TextWriter> write)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        write(Result(), writer);
        return writer.ToString();
    }

    private static string[] RenderAll() =>
    [
        Render(ResultsWriter.WriteSiteYear),
        Render(ResultsWriter.WritePortfolioYear),
        Render(ResultsWriter.WriteHorizons),
        Render(ResultsWriter.WriteExceedance),
        Render(FinancialEffectsWriter.Write),
    ];

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
    public void Site_year_text() => Render(ResultsWriter.WriteSiteYear).Should().Be(ExpectedSiteYear);

    [Fact]
    public void Portfolio_year_text() => Render(ResultsWriter.WritePortfolioYear).Should().Be(ExpectedPortfolioYear);

    [Fact]
    public void Horizons_text() => Render(ResultsWriter.WriteHorizons).Should().Be(ExpectedHorizons);

    [Fact]
    public void Exceedance_text() => Render(ResultsWriter.WriteExceedance).Should().Be(ExpectedExceedance);

    [Fact]
    public void Financial_effects_text() => Render(FinancialEffectsWriter.Write).Should().Be(ExpectedFinancial);

    [Fact]
    public void Statistics_header_is_the_documented_one()
        => ResultsWriter.StatisticsHeader.Should().Be("mean,se,sd,p5,p25,p50,p75,p95,p99,tvar99,p_exceed");

    [Theory]
    [InlineData("ru-RU")]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("ar-SA")]
    public void Output_is_identical_under_a_decimal_comma_culture(string culture)
    {
        CultureInfo.GetCultureInfo(culture).NumberFormat.NumberDecimalSeparator.Should().NotBe(".", "the culture must differ from invariant for the test to mean anything");

        var invariant = InCulture(string.Empty, RenderAll);
        var other = InCulture(culture, RenderAll);

        other.Should().Equal(invariant);
        invariant.Should().Equal(ExpectedSiteYear, ExpectedPortfolioYear, ExpectedHorizons, ExpectedExceedance, ExpectedFinancial);
    }

    [Fact]
    public void Write_creates_the_five_files_utf8_without_bom_with_lf()
    {
        InCulture("ru-RU", () =>
        {
            ResultsWriter.Write(Result(), _directory);
            return 0;
        });

        Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal("exceedance.csv", "financial_effects.csv", "horizons.csv", "portfolio_year.csv", "site_year.csv");
        ResultsWriter.FileNames.Should().Equal("site_year.csv", "portfolio_year.csv", "horizons.csv", "exceedance.csv", "financial_effects.csv");
        var bytes = File.ReadAllBytes(Path.Combine(_directory, "site_year.csv"));
        bytes.Should().Equal(new UTF8Encoding(false).GetBytes(ExpectedSiteYear), "no BOM, LF line ends, exactly the text");
        File.ReadAllText(Path.Combine(_directory, "portfolio_year.csv")).Should().Be(ExpectedPortfolioYear);
        File.ReadAllText(Path.Combine(_directory, "horizons.csv")).Should().Be(ExpectedHorizons);
        File.ReadAllText(Path.Combine(_directory, "exceedance.csv")).Should().Be(ExpectedExceedance);
    }

    [Fact]
    public void Write_never_overwrites_existing_results()
    {
        File.WriteAllText(Path.Combine(_directory, "site_year.csv"), "old");

        var act = () => ResultsWriter.Write(Result(), _directory);

        act.Should().Throw<IOException>();
        File.ReadAllText(Path.Combine(_directory, "site_year.csv")).Should().Be("old");
    }

    [Fact]
    public void Numbers_round_trip_exactly()
    {
        var line = Render(ResultsWriter.WriteSiteYear).Split('\n')[2].Split(',');

        double.Parse(line[5], CultureInfo.InvariantCulture).Should().Be(0.1 + 0.2);
        double.Parse(line[6], CultureInfo.InvariantCulture).Should().Be(1.0 / 3);
    }
}
