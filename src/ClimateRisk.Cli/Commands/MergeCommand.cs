using System.CommandLine;
using ClimateRisk.Cli.Internal;
using ClimateRisk.IO;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>climaterisk merge out/shard-*/ --out out/merged</c>: combines the shards of one run into
/// the results of the whole by <see cref="MergePipeline"/>.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var shards = new Argument<string[]>("shards") { Description = "Shard directories written by 'run --shard'.", Arity = ArgumentArity.OneOrMore };

        // A list argument takes any token, so an option merge does not have (e.g. run's --no-pdf)
        // would otherwise be read as a shard directory named "--no-pdf".
        shards.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith("--", StringComparison.Ordinal)))
            {
                result.AddError($"unknown option '{token.Value}' (merge takes shard directories, --out and --force)");
            }
        });
        var outDir = new Option<string>("--out") { Description = "Directory for the merged results.", DefaultValueFactory = _ => Path.Combine("out", "merged") };
        var force = new Option<bool>("--force") { Description = "Replace an existing output directory." };
        var command = new Command("merge", "Combine the shards of a run into the results of the whole run.");
        command.Arguments.Add(shards);
        command.Options.Add(outDir);
        command.Options.Add(force);
        command.SetAction(parse => Execute(parse.GetValue(shards) ?? [], parse.GetValue(outDir)!, parse.GetValue(force), Environment.GetCommandLineArgs().Skip(1).ToArray(), output, error));
        return command;
    }

    public static int Execute(IReadOnlyList<string> shardDirectories, string outPath, bool force, IReadOnlyList<string> commandLine, TextWriter output, TextWriter error)
    {
        MergeOutcome outcome;
        try
        {
            outcome = MergePipeline.Run(shardDirectories, outPath, force, commandLine);
        }
        catch (Exception ex) when (ex is InputException or RunRefusedException)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        output.WriteLine($"Merged {outcome.Shards} shards ({outcome.Result.Settings.Paths:N0} paths) into {outcome.OutPath} in {outcome.Elapsed.TotalSeconds:F1} s.");
        output.WriteLine("Means, s.e. and exceedance probabilities are exact; quantiles and TVaR99 come from a 0.5 % relative-accuracy sketch (docs/model.md §12).");
        RunSummary.Write(outcome.Result, output);
        return ExitCodes.Ok;
    }
}
