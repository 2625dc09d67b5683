using System.CommandLine;
using ClimateRisk.Cli.Internal;
using ClimateRisk.IO;
using ClimateRisk.Pipeline;
using Spectre.Console;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>climaterisk compare</c>: ranks candidate sites by the NPV of their total climate cost and
/// evaluates adaptation measures (cost–benefit), both on common random numbers. Without
/// <c>--candidates</c> and <c>--measures</c> it uses the bundled data/candidates.csv and
/// data/measures.csv.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var inputs = new InputOptions();
        var simulation = new SimulationOptions(defaultPaths: CompareRequest.DefaultPaths, command: "compare");
        var candidates = new Option<string?>("--candidates") { Description = "Candidate sites (the columns of sites.csv; their hazard rows in the data tables)." };
        var measures = new Option<string?>("--measures") { Description = "Adaptation measures for sites of the portfolio (--sites)." };
        var command = new Command("compare", "Rank candidate sites and evaluate adaptation measures on common random numbers.");
        inputs.AddTo(command);
        simulation.AddTo(command);
        command.Options.Add(candidates);
        command.Options.Add(measures);
        command.SetAction(parse => Execute(
            simulation.Read(parse, inputs, new CompareRequest
            {
                Candidates = parse.GetValue(candidates),
                Measures = parse.GetValue(measures),
            }),
            console,
            output,
            error,
            stop));
        return command;
    }

    public static int Execute(CompareRequest request, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        CompareOutcome outcome;
        try
        {
            outcome = ComparePipeline.Run(request, new ConsoleObserver(console, output), cancellationToken);
        }
        catch (Exception ex) when (ex is InputException or RunRefusedException)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (RunStoppedException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.Failure;
        }

        output.WriteLine($"Done in {outcome.Elapsed.TotalSeconds:F1} s; results in {outcome.OutPath}");
        CompareSummary.Write(outcome.Ranking, outcome.Measures, output);
        return ExitCodes.Ok;
    }
}
