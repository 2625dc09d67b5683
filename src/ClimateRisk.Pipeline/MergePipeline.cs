using System.Globalization;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.Pipeline.Internal;

namespace ClimateRisk.Pipeline;

/// <summary>
/// <c>climaterisk merge</c>: combines the shards of one run into the results of the whole
/// (MODEL §12). Refuses shards of different runs (seed, years, scenarios, sites or input files
/// differ) and path ranges with gaps or overlaps.
/// </summary>
public static class MergePipeline
{
    /// <summary>Merges <paramref name="shardDirectories"/> into <paramref name="outPath"/> and commits it.</summary>
    /// <exception cref="InputException">A shard directory is missing its files, or the shards are of different runs.</exception>
    /// <exception cref="RunRefusedException">The shards do not add up to one run, or the output directory is in the way.</exception>
    public static MergeOutcome Run(IReadOnlyList<string> shardDirectories, string outPath, bool force, IReadOnlyList<string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(shardDirectories);
        var started = DateTimeOffset.UtcNow;
        var manifests = new List<(string Directory, RunManifest Manifest)>();
        var partials = new List<ShardResult>();
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

        CheckSameRun(manifests);
        ShardResult merged;
        try
        {
            merged = ShardResult.Merge(partials);
        }
        catch (ArgumentException ex)
        {
            throw new RunRefusedException($"error: {ex.Message.Split(" (Parameter")[0]}", ex);
        }

        if (manifests[0].Manifest.TotalPaths is { } total && total != merged.Settings.Paths)
        {
            throw new RunRefusedException($"error: the shards cover {merged.Settings.Paths} of the run's {total} paths; some shards are missing.");
        }

        RunDirectory runDirectory;
        try
        {
            runDirectory = RunDirectory.Create(outPath, force);
        }
        catch (IOException ex)
        {
            throw new RunRefusedException($"error: {ex.Message}", ex);
        }

        using (runDirectory)
        {
            var result = merged.ToResult();
            ResultsWriter.Write(result, Path.GetDirectoryName(runDirectory.File("results/site_year.csv"))!);
            var first = manifests[0].Manifest;
            var manifest = RunManifestFactory.Create(merged.Settings, commandLine, merged.ScenarioIds, merged.SiteIds, first.InputSha256, ["manifest.json", .. ResultsWriter.FileNames.Select(f => "results/" + f)], manifests.Min(m => m.Manifest.StartedUtc)) with
            {
                Workers = first.Workers,
            };
            manifest.Write(runDirectory.File("manifest.json"));
            runDirectory.Commit();
            return new MergeOutcome { OutPath = outPath, Manifest = manifest, Result = result, Shards = partials.Count, Elapsed = DateTimeOffset.UtcNow - started };
        }
    }

    private static void CheckSameRun(List<(string Directory, RunManifest Manifest)> manifests)
    {
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
                errors.Add(new InputError(Path.Combine(directory, "manifest.json"), 0, "total_paths", manifest.TotalPaths?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, $"{reference.Manifest.TotalPaths}, as in {reference.Directory}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }
    }
}
