using ClimateRisk.Cli.Commands;
using Spectre.Console;

namespace ClimateRisk.Cli.Tests.TestSupport;

/// <summary>Runs the commands with a non-interactive console and captured output.</summary>
public static class CliHarness
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    internal static Outcome Run(RunRequest request)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var consoleOut = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(consoleOut),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
        });
        var code = RunCommand.Execute(request, console, output, error, CancellationToken.None);
        return new Outcome(code, output.ToString(), error.ToString());
    }

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
