using ClimateRisk.IO;

namespace ClimateRisk.Pipeline.Internal;

/// <summary>
/// <c>run --replay MANIFEST</c>: the request that reproduces a finished run from its
/// manifest.json — the same seed, paths (per scenario, when it converged to a target), years,
/// sites, scenarios and input files — provided no input file changed since (SHA-256).
/// </summary>
internal static class ReplayRequest
{
    /// <summary>The replaying request.</summary>
    /// <exception cref="RunRefusedException">Why the run cannot be replayed.</exception>
    public static RunRequest Create(RunRequest request)
    {
        var manifestPath = request.Replay!;
        RunManifest manifest;
        try
        {
            manifest = RunManifest.Read(manifestPath);
        }
        catch (InputException ex)
        {
            throw new RunRefusedException($"error: cannot replay {manifestPath}: {(ex.Errors.Count > 0 ? ex.Errors[0].Value : ex.Message)}", ex);
        }

        if (manifest.SettingsSha256 is null)
        {
            throw new RunRefusedException($"error: cannot replay {manifestPath}: the manifest carries no settings hash (written by an older version), so edits to it cannot be ruled out; run the original command again instead.");
        }

        if (!manifest.SettingsUnedited)
        {
            throw new RunRefusedException($"error: cannot replay {manifestPath}: the manifest was edited after the run (its seed, paths, years, site or scenario ids or input hashes no longer match its settings_sha256); replay the manifest.json the run wrote.");
        }

        if (manifest.Inputs is not { } inputs)
        {
            throw new RunRefusedException($"error: cannot replay {manifestPath}: the manifest does not record its input paths (written before --replay existed).");
        }

        // Relative paths were relative to the run's working directory: use them from here when
        // they exist here, else from there.
        string Resolve(string path) => InputResolver.Recorded(manifest, path);

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
            throw new RunRefusedException(string.Join(Environment.NewLine, [$"error: cannot replay {manifestPath}: {changed.Count} input file(s) changed since the run:", .. changed]));
        }

        return request with
        {
            Replay = null,
            ReplayOf = manifestPath,
            Data = Resolve(inputs.DataDirectory),
            Sites = Resolve(inputs.SitesFile),
            Scenarios = inputs.ScenarioFiles.Select(Resolve).ToArray(),
            PueResponse = inputs.PueResponseFile is { } response ? Resolve(response) : null,
            Paths = manifest.Paths,
            Seed = manifest.Seed,
            Years = $"{manifest.FirstYear}..{manifest.LastYear}",
            TargetRse = manifest.TargetRse,
            MaxPaths = manifest.MaxPaths ?? request.MaxPaths,
            Sensitivity = request.Sensitivity ?? manifest.Sensitivity,
            FixedPaths = manifest.TargetRse is null ? null : manifest.Convergence?.ToDictionary(c => c.Scenario, c => c),
        };
    }
}
