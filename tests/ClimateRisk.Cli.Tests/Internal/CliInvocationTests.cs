using System.CommandLine;
using ClimateRisk.Cli.Internal;
using Spectre.Console;

namespace ClimateRisk.Cli.Tests.Internal;

/// <summary>What a user sees when the command line is wrong or a command fails unexpectedly.</summary>
public sealed class CliInvocationTests
{
    private static (int Code, string Output, string Error) Program_(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Interactive = InteractionSupport.No });
        var root = Program.CreateRoot(console, output, error, CancellationToken.None);
        var code = CliInvocation.Invoke(root.Parse(args), output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Theory]
    [InlineData(new[] { "run", "--paths", "abc" }, "error: --paths 'abc': expected a whole number, e.g. 20000", "usage: climaterisk run [options]; see climaterisk run --help")]
    [InlineData(new[] { "run", "--seed", "1.5" }, "error: --seed '1.5': expected a whole number, e.g. 20231231", "usage: climaterisk run [options]; see climaterisk run --help")]
    [InlineData(new[] { "run", "--bogus" }, "error: unknown option '--bogus'", "usage: climaterisk run [options]; see climaterisk run --help")]
    [InlineData(new[] { "bench", "--workers", "many" }, "error: --workers 'many': expected a whole number", "usage: climaterisk bench [options]; see climaterisk bench --help")]
    [InlineData(new[] { "bench", "--screening", "ten" }, "error: --screening 'ten': expected a whole number", "usage: climaterisk bench [options]; see climaterisk bench --help")]
    [InlineData(new[] { "run", "--sensitivity", "maybe" }, "error: --sensitivity 'maybe': expected one of off, on", "usage: climaterisk run [options]; see climaterisk run --help")]
    [InlineData(new[] { "run", "--paths", "5", "--paths", "6" }, "error: --paths given more than once ('5', '6'): give it once", "usage: climaterisk run [options]; see climaterisk run --help")]
    [InlineData(new[] { "frobnicate" }, "error: unknown command 'frobnicate'; the commands are run, compare, merge, bench, validate, report, calibrate", "usage: climaterisk COMMAND [options]; see climaterisk --help")]
    [InlineData(new[] { "calibrate", "--telemetry", "t.csv" }, "error: --out is required", "usage: climaterisk calibrate [options]; see climaterisk calibrate --help")]
    public void A_parse_error_is_one_error_line_in_user_terms_and_a_one_line_usage(string[] args, string message, string usage)
    {
        var (code, output, error) = Program_(args);

        code.Should().Be(1);
        Lines(error).Should().Equal(message, usage);
        error.Should().NotContain("System.").And.NotContain("Options:");
        output.Should().BeEmpty("the whole help is not printed on a parse error");
    }

    [Theory]
    [InlineData("run", "--paths")]
    [InlineData("calibrate")]
    [InlineData("report")]
    [InlineData("frobnicate")]
    public void Every_parse_error_ends_with_the_usage_of_its_command_and_names_no_dotnet_type(params string[] args)
    {
        var (code, output, error) = Program_(args);

        code.Should().Be(1);
        var lines = Lines(error);
        lines.Should().HaveCountGreaterThanOrEqualTo(2);
        lines[..^1].Should().OnlyContain(l => l.StartsWith("error: ", StringComparison.Ordinal));
        lines[^1].Should().MatchRegex(@"^usage: climaterisk( [a-z]+)?( [A-Z_-]+)* \[options\]; see climaterisk( [a-z]+)? --help$");
        error.Should().NotContain("System.").And.NotContain("   at ");
        output.Should().BeEmpty();
    }

    private static (int Code, string Error) Failing(Exception exception, params string[] args)
    {
        var root = new RootCommand { CliInvocation.CreateVerboseOption() };
        var command = new Command("write");
        command.SetAction((Func<ParseResult, int>)(_ => throw exception));
        root.Subcommands.Add(command);
        using var error = new StringWriter();
        var code = CliInvocation.Invoke(root.Parse(args), TextWriter.Null, error);
        return (code, error.ToString());
    }

    [Fact]
    public void An_unexpected_failure_is_one_error_line_with_exit_code_2_and_no_stack_trace()
    {
        var (code, error) = Failing(new IOException("No space left on device : '/data/out/results/var.csv'"), "write");

        code.Should().Be(2);
        Lines(error).Should().Equal("error: No space left on device : '/data/out/results/var.csv': check that the disk has space and the path is writable, then run again (--verbose for details)");
    }

    [Fact]
    public void Verbose_adds_the_stack_trace_after_the_error_line()
    {
        var (code, error) = Failing(new UnauthorizedAccessException("Access to the path '/data/out' is denied."), "write", "--verbose");

        code.Should().Be(2);
        var lines = Lines(error);
        lines[0].Should().Be("error: Access to the path '/data/out' is denied: check the permissions of that path, or choose another one (run again with --verbose for details)");
        error.Should().Contain("System.UnauthorizedAccessException").And.Contain(" at ");
    }

    [Fact]
    public void An_unknown_exception_names_its_kind_and_asks_for_a_report()
    {
        var (code, error) = Failing(new InvalidOperationException("Sequence contains no elements"), "write");

        code.Should().Be(2);
        Lines(error).Should().Equal("error: unexpected failure (InvalidOperationException): Sequence contains no elements; run again with --verbose and report the output");
    }
}
