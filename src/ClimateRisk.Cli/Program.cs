using System.CommandLine;
using System.Runtime.InteropServices;
using ClimateRisk.Cli.Commands;
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

        var root = new RootCommand("ClimateRisk: climate-risk scenario engine for data-centre portfolios (TCFD / ISSB IFRS S2).");
        root.Subcommands.Add(RunCommand.Create(AnsiConsole.Console, Console.Out, Console.Error, stop.Token));
        root.Subcommands.Add(CompareCommand.Create(AnsiConsole.Console, Console.Out, Console.Error, stop.Token));
        root.Subcommands.Add(MergeCommand.Create(Console.Out, Console.Error));
        root.Subcommands.Add(BenchCommand.Create(Console.Out, Console.Error, stop.Token));
        root.Subcommands.Add(ValidateCommand.Create(Console.Out, Console.Error));
        root.Subcommands.Add(ReportCommand.Create(Console.Out, Console.Error));
        root.Subcommands.Add(CalibrateCommand.Create(Console.Out, Console.Error));
        return root.Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
