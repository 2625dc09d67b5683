using ClimateRisk.IO;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>run --replay MANIFEST</c>: the request that reproduces a finished run from its
/// manifest.json — the same seed, paths (per scenario, when it converged to a target), years,
/// sites, scenarios and input files — provided no input file changed since (SHA-256).
/// </summary>
internal static class ReplayRequest
{
    /// <summary>The replaying request, or null after writing why the run cannot be replayed.</summary>
    public static RunRequest? TryCreate(RunRequest request, TextWriter error)
    {
        var manifestPath = request.Replay!;
        RunManifest manifest;
        try
        {
            manifest = RunManifest.Read(manifestPath);
        }
        catch (InputException ex)
        {
            error.WriteLine($"error: cannot replay {manifestPath}: {(ex.Errors.Count > 0 ? ex.Errors[0].Value : ex.Message)}");
            return null;
        }

        if (manifest.Inputs is not { } inputs)
        {
            error.WriteLine($"error: cannot replay {manifestPath}: the manifest does not record its input paths (written before --replay existed).");
            return null;
        }

        // Relative paths were relative to the run's working directory: use them from here when
        // they exist here, else from there.
        string Resolve(string path) => Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path) || manifest.WorkingDirectory is null
            ? path
            : Path.Combine(manifest.WorkingDirectory, path);

        var changed = new List<string>();
        foreach (var (path, hash) in manifest.InputSha256)
        {
            var file = Resolve(path);
            if (!File.Exists(file))
            {
                changed.Add($"  {path}: missing");
            }
            else if (RunManifest.Sha256(file) is var now && now != hash)
            {
                changed.Add($"  {path}: SHA-256 {hash[..12]}… in the manifest, {now[..12]}… now");
            }
        }

        if (changed.Count > 0)
        {
            error.WriteLine($"error: cannot replay {manifestPath}: {changed.Count} input file(s) changed since the run:");
            foreach (var line in changed)
            {
                error.WriteLine(line);
            }

            return null;
        }

        return request with
        {
            Replay = null,
            ReplayOf = manifestPath,
            Data = Resolve(inputs.DataDirectory),
            Sites = Resolve(inputs.SitesFile),
            Scenarios = inputs.ScenarioFiles.Select(Resolve).ToArray(),
            Paths = manifest.Paths,
            Seed = manifest.Seed,
            Years = $"{manifest.FirstYear}..{manifest.LastYear}",
            TargetRse = manifest.TargetRse,
            MaxPaths = manifest.MaxPaths ?? request.MaxPaths,
            FixedPaths = manifest.TargetRse is null ? null : manifest.Convergence?.ToDictionary(c => c.Scenario, c => c),
        };
    }
}
