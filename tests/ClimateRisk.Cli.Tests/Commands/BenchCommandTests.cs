using ClimateRisk.Cli.Commands;

namespace ClimateRisk.Cli.Tests.Commands;

public class BenchCommandTests
{
    private static (int Code, string Output, string Error) Bench(int paths, int sites = 0, string years = "2025..2050")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = BenchCommand.Execute(paths, 2, output, error, CancellationToken.None, sites, years);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_small_workload_prints_its_size_throughput_memory_and_split()
    {
        var (code, output, _) = Bench(300, sites: 3, years: "2029..2031");
        code.Should().Be(0);
        output.Should().Contain("3 sites × 6 scenarios × 3 years × 300 paths = 16,200 site-years");
        output.Should().MatchRegex(@"Throughput\s+[\d,]+ site-years/s");
        output.Should().MatchRegex(@"Peak memory\s+\d+\.\d\d GiB");
        output.Should().MatchRegex(@"kernel\s+\d+\.\d\d s");
        output.Should().MatchRegex(@"reduction\s+\d+\.\d\d s");
    }

    [Theory]
    [InlineData(9, "2025..2050", "error: --sites '9': expected 0 (all) to 8, the bundled sites")]
    [InlineData(-1, "2025..2050", "error: --sites '-1': expected 0 (all) to 8, the bundled sites")]
    [InlineData(0, "2025..x", "error: --years '2025..x': expected FIRST..LAST, e.g. 2025..2050")]
    public void Bad_options_are_refused_with_exit_code_1(int sites, string years, string message)
    {
        var (code, output, error) = Bench(100, sites, years);
        code.Should().Be(1);
        error.Trim().Should().Be(message);
        output.Should().NotContain("Wall time");
    }
}
