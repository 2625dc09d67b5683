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
        output.Should().MatchRegex(@"GC pauses\s+\d+\.\d\d\d s  \(\d+ collections\)");
        output.Should().MatchRegex(@"JIT compiling\s+\d+\.\d\d\d s  \([\d,]+ methods\)");
        output.Should().MatchRegex(@"Machine: \d+ logical cores, .*, workers 2, JIT-compiled\r?\n", "the tests run on the JIT");
    }

    [Fact]
    public void The_machine_line_says_how_the_program_was_compiled()
    {
        BenchCommand.Compilation(dynamicCodeSupported: true).Should().Be("JIT-compiled");
        BenchCommand.Compilation(dynamicCodeSupported: false).Should().Be("compiled ahead of time");
    }

    [Theory]
    [InlineData(9, "2025..2050", "error: --site-count '9': expected 0 (all) to 8, the bundled sites")]
    [InlineData(-1, "2025..2050", "error: --site-count '-1': expected 0 (all) to 8, the bundled sites")]
    [InlineData(0, "2025..x", "error: --years '2025..x': expected FIRST..LAST, e.g. 2025..2050")]
    public void Bad_options_are_refused_with_exit_code_1(int sites, string years, string message)
    {
        var (code, output, error) = Bench(100, sites, years);
        code.Should().Be(1);
        error.Trim().Should().Be(message);
        output.Should().NotContain("Wall time");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_screening_count_below_one_is_refused_instead_of_running_the_standard_workload(string count)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = BenchCommand.Create(output, error, CancellationToken.None).Parse(["--screening", count]).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });

        code.Should().Be(1);
        error.ToString().Trim().Should().Be($"error: --screening '{count}': expected a number of candidate locations of 1 or more, e.g. --screening 1000");
        output.ToString().Should().BeEmpty();
    }

    [Fact]
    public void The_site_count_option_replaces_the_old_sites_name()
    {
        var command = BenchCommand.Create(TextWriter.Null, TextWriter.Null, CancellationToken.None);
        command.Options.Select(o => o.Name).Should().Contain("--site-count").And.NotContain("--sites");
        command.Parse(["--site-count", "3"]).Errors.Should().BeEmpty();
    }
}
