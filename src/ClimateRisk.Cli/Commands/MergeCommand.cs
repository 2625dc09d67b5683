using System.CommandLine;
using ClimateRisk.Cli.Internal;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>climaterisk merge out/shard-*/ --out out/merged</c>: combines the shards of one run into
/// the results of the whole (MODEL §12). Refuses shards of different runs (seed, years,
/// scenarios, sites or input files differ) and path ranges with gaps or overlaps.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var shards = new Argument<string[]>("shards") { Description = "Shard directories written by 'run --shard'.", Arity = ArgumentArity.OneOrMore };
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
        var started = DateTimeOffset.UtcNow;
        var manifests = new List<(string Directory, RunManifest Manifest)>();
        var partials = new List<ShardResult>();
        try
        {
            foreach (var directory in shardDirectories)
            {
                var manifestPath = Path.Combine(directory, "manifest.json");
                var partialPath = Path.Combine(directory, ShardExecution.PartialFile);
                if (!File.Exists(manifestPath) || !File.Exists(partialPath))
                {
                    throw new InputException([new InputError(directory, 0, "shard", directory, $"a directory written by 'run --shard' (with manifest.json and {ShardExecution.PartialFile})")]);
                }

                manifests.Add((directory, RunManifest.Read(manifestPath)));
                partials.Add(ShardFile.Read(partialPath));
            }

            var reference = manifests[0];
            var errors = new List<InputError>();
            foreach (var (directory, manifest) in manifests.Skip(1))
            {
                foreach (var file in reference.Manifest.InputSha256.Keys.Union(manifest.InputSha256.Keys).Order(StringComparer.Ordinal))
                {
                    if (reference.Manifest.InputSha256.GetValueOrDefault(file) != manifest.InputSha256.GetValueOrDefault(file))
                    {
                        errors.Add(new InputError(Path.Combine(directory, "manifest.json"), 0, "input_sha256", file, $"the same input file as {reference.Directory} (the shards were run on different inputs)"));
                    }
                }

                if (manifest.TotalPaths != reference.Manifest.TotalPaths)
                {
                    errors.Add(new InputError(Path.Combine(directory, "manifest.json"), 0, "total_paths", manifest.TotalPaths?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, $"{reference.Manifest.TotalPaths}, as in {reference.Directory}"));
                }
            }

            if (errors.Count > 0)
            {
                throw new InputException(errors);
            }
        }
        catch (InputException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        ShardResult merged;
        try
        {
            merged = ShardResult.Merge(partials);
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"error: {ex.Message.Split(" (Parameter")[0]}");
            return ExitCodes.BadInput;
        }

        if (manifests[0].Manifest.TotalPaths is { } total && total != merged.Settings.Paths)
        {
            error.WriteLine($"error: the shards cover {merged.Settings.Paths} of the run's {total} paths; some shards are missing.");
            return ExitCodes.BadInput;
        }

        RunDirectory runDirectory;
        try
        {
            runDirectory = RunDirectory.Create(outPath, force);
        }
        catch (IOException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        using (runDirectory)
        {
            var result = merged.ToResult();
            ResultsWriter.Write(result, Path.GetDirectoryName(runDirectory.File("results/site_year.csv"))!);
            var first = manifests[0].Manifest;
            new RunManifest
            {
                Tool = ToolVersion.Text,
                CommandLine = commandLine,
                Seed = merged.Settings.Seed,
                Paths = merged.Settings.Paths,
                FirstYear = merged.Settings.FirstYear,
                LastYear = merged.Settings.LastYear,
                Workers = first.Workers,
                Scenarios = merged.ScenarioIds,
                Sites = merged.SiteIds,
                InputSha256 = first.InputSha256,
                Outputs = ["manifest.json", .. ResultsWriter.FileNames.Select(f => "results/" + f)],
                StartedUtc = manifests.Min(m => m.Manifest.StartedUtc),
                FinishedUtc = DateTimeOffset.UtcNow,
            }.Write(runDirectory.File("manifest.json"));
            runDirectory.Commit();
            output.WriteLine($"Merged {partials.Count} shards ({merged.Settings.Paths:N0} paths) into {outPath} in {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s.");
            output.WriteLine("Means, s.e. and exceedance probabilities are exact; quantiles and TVaR99 come from a 0.5 % relative-accuracy sketch (docs/model.md §12).");
            RunSummary.Write(result, output);
        }

        return ExitCodes.Ok;
    }
}
