using System.CommandLine;
using System.Runtime.InteropServices;
using ClimateRisk.Cli.Commands;
using ClimateRisk.Cli.Internal;
using Spectre.Console;

namespace ClimateRisk.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Ctrl+C (SIGINT) and a scheduler's SIGTERM stop a run cleanly: the simulation sees the
        // token, nothing half-written appears under --out, and the scenarios already finished
        // stay in the staging directory for --resume.
        using var stop = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

        var root = CreateRoot(AnsiConsole.Console, Console.Out, Console.Error, stop.Token);
        return CliInvocation.Invoke(root.Parse(args), Console.Out, Console.Error);
    }

    /// <summary>
    /// The <c>climaterisk</c> command with its subcommands; <c>--help</c> and <c>--version</c>
    /// (the informational version: the package version and the commit it was built from) come
    /// with the root command.
    /// </summary>
    internal static RootCommand CreateRoot(IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var root = new RootCommand("ClimateRisk: climate-risk scenario engine for data-centre portfolios (TCFD / ISSB IFRS S2).");
        root.Subcommands.Add(RunCommand.Create(console, output, error, stop));
        root.Subcommands.Add(CompareCommand.Create(console, output, error, stop));
        root.Subcommands.Add(MergeCommand.Create(output, error));
        root.Subcommands.Add(BenchCommand.Create(output, error, stop));
        root.Subcommands.Add(ValidateCommand.Create(output, error));
        root.Subcommands.Add(ReportCommand.Create(output, error));
        root.Subcommands.Add(CalibrateCommand.Create(output, error));
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction();
        root.Options.Add(CliInvocation.CreateVerboseOption());
        return root;
    }
}
