using System.CommandLine;
using ClimateRisk.Cli.Commands;
using Spectre.Console;

namespace ClimateRisk.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("ClimateRisk: climate-risk scenario engine for data-centre portfolios (TCFD / ISSB IFRS S2).");
        root.Subcommands.Add(RunCommand.Create(AnsiConsole.Console, Console.Out, Console.Error));
        root.Subcommands.Add(ValidateCommand.Create(Console.Out, Console.Error));
        return root.Parse(args).Invoke();
    }
}
