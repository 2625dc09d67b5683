using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using Spectre.Console;

namespace ClimateRisk.Cli.Internal;

/// <summary><c>run --shard</c>: simulates one shard's paths and writes partial.bin and its manifest for <c>merge</c>.</summary>
internal static class ShardExecution
{
    public const string PartialFile = "partial.bin";

    public static int Execute(ShardSpec shard, ModelInputs model, InputPaths paths, SimulationSettings whole, RunDirectory runDirectory, IReadOnlyList<string> commandLine, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var (first, length) = shard.Range(whole.Paths);
        var settings = whole with { FirstPath = first, Paths = length };
        output.WriteLine($"ClimateRisk shard {shard}: paths {first}..{first + length - 1} of {whole.Paths:N0}, {model.Sites.Count} sites × {model.Scenarios.Count} scenarios × {settings.YearCount} years, seed {settings.Seed}");
        var result = ProgressDisplay.Run(console, output, $"Shard {shard}", progress => Simulator.RunShard(model, settings, progress, cancellationToken));
        ShardFile.Write(result, runDirectory.File(PartialFile));
        new RunManifest
        {
            Tool = ToolVersion.Text,
            CommandLine = commandLine,
            Seed = settings.Seed,
            Paths = settings.Paths,
            FirstYear = settings.FirstYear,
            LastYear = settings.LastYear,
            Workers = settings.EffectiveWorkers,
            Scenarios = result.ScenarioIds,
            Sites = result.SiteIds,
            InputSha256 = RunManifest.HashInputs(paths),
            Outputs = ["manifest.json", PartialFile],
            Shard = shard.ToString(),
            FirstPath = first,
            TotalPaths = whole.Paths,
            StartedUtc = started,
            FinishedUtc = DateTimeOffset.UtcNow,
        }.Write(runDirectory.File("manifest.json"));
        runDirectory.Commit();
        output.WriteLine($"Shard written to {runDirectory.FinalPath}; combine all shards with 'climaterisk merge'.");
        return ExitCodes.Ok;
    }
}
