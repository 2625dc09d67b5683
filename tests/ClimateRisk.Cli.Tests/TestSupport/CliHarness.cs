using ClimateRisk.Cli.Commands;
using ClimateRisk.Cli.Internal;
using ClimateRisk.Pipeline;
using Spectre.Console;

namespace ClimateRisk.Cli.Tests.TestSupport;

/// <summary>Runs the commands with a non-interactive console and captured output.</summary>
public static class CliHarness
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    internal static Outcome Run(RunRequest request) => Run(request, CancellationToken.None);

    /// <summary>Runs with <paramref name="cancel"/> and, when given, <paramref name="output"/> as the output (e.g. a writer that cancels on a progress line).</summary>
    internal static Outcome Run(RunRequest request, CancellationToken cancel, StringWriter? output = null)
    {
        using var ownOutput = new StringWriter();
        var writer = output ?? ownOutput;
        using var error = new StringWriter();
        var code = RunCommand.Execute(request, QuietConsole(), writer, error, cancel);
        return new Outcome(code, writer.ToString(), error.ToString());
    }

    /// <summary>Parses and invokes <c>climaterisk run ARGS</c> as the program would (option parsing and its error messages included).</summary>
    public static Outcome InvokeRun(params string[] args) => Invoke(["run", .. args]);

    /// <summary>
    /// Parses and invokes <c>climaterisk ARGS</c> exactly as Program.Main does: through
    /// CliInvocation, so tests see the parse errors and failure lines a user sees.
    /// </summary>
    public static Outcome Invoke(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var root = Program.CreateRoot(QuietConsole(), output, error, CancellationToken.None);
        var code = CliInvocation.Invoke(root.Parse(args), output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    private static IAnsiConsole QuietConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(new StringWriter()),
        Interactive = InteractionSupport.No,
        Ansi = AnsiSupport.No,
    });

    public static Outcome Validate(string? data, string? sites, IReadOnlyList<string> scenarios)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ValidateCommand.Execute(data, sites, scenarios, output, error);
        return new Outcome(code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh path under the temp directory that does not exist yet.</summary>
    public static string TempPath(string prefix) => Path.Combine(Path.GetTempPath(), $"climaterisk-{prefix}-{Guid.NewGuid():N}");
}
