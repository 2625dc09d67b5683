using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Pipeline.Internal;

/// <summary><c>run --shard</c>: simulates one shard's paths and writes partial.bin and its manifest for <c>merge</c>.</summary>
internal static class ShardExecution
{
    public const string PartialFile = "partial.bin";

    public static RunManifest Execute(ShardSpec shard, ModelInputs model, InputPaths paths, SimulationSettings whole, RunDirectory runDirectory, IReadOnlyList<string> commandLine, IRunObserver observer, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var (first, length) = shard.Range(whole.Paths);
        var settings = whole with { FirstPath = first, Paths = length };
        observer.Line($"ClimateRisk shard {shard}: paths {first}..{first + length - 1} of {whole.Paths:N0}, {model.Sites.Count} sites × {model.Scenarios.Count} scenarios × {settings.YearCount} years, seed {settings.Seed}");
        var result = observer.Track($"Shard {shard}", progress => Simulator.RunShard(model, settings, progress, cancellationToken));
        ShardFile.Write(result, runDirectory.File(PartialFile));
        var manifest = RunManifestFactory.Create(settings, commandLine, result.ScenarioIds, result.SiteIds, RunManifest.HashInputs(paths), ["manifest.json", PartialFile], started) with
        {
            Shard = shard.ToString(),
            FirstPath = first,
            TotalPaths = whole.Paths,
        };
        manifest.Write(runDirectory.File("manifest.json"));
        runDirectory.Commit();
        return manifest;
    }
}
