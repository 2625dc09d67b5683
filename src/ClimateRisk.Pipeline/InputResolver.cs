using ClimateRisk.IO;

namespace ClimateRisk.Pipeline;

/// <summary>
/// Turns the command-line input options into file paths. Without options the bundled data and
/// scenarios are used: ./data and ./scenarios when run from the repository, else the nearest
/// ancestor of the program that holds them.
/// </summary>
public static class InputResolver
{
    /// <summary>
    /// The input files of <c>--data</c>, <c>--sites</c> and <c>--scenarios</c> (null or empty: the
    /// bundled ones), and of <c>--pue-response</c> (null: none, the cooling types' default curves).
    /// </summary>
    /// <exception cref="IO.InputException">A directory, file or scenario id that does not exist.</exception>
    public static InputPaths Resolve(string? data, string? sites, IReadOnlyList<string>? scenarios, string? pueResponse = null)
    {
        if (pueResponse is not null && !File.Exists(pueResponse))
        {
            throw new InputException([new InputError(pueResponse, 0, "--pue-response", pueResponse, "an existing pue_response.csv written by 'climaterisk calibrate'")]);
        }

        var bundled = FindBundledRoot();
        var dataDirectory = data ?? (bundled is null ? "data" : Relative(Path.Combine(bundled, "data")));
        if (!Directory.Exists(dataDirectory))
        {
            throw new InputException([new InputError(dataDirectory, 0, "--data", dataDirectory, "a directory with the shared tables (docs/data.md)")]);
        }

        var scenarioDirectory = bundled is null ? "scenarios" : Relative(Path.Combine(bundled, "scenarios"));
        var files = new List<string>();
        var errors = new List<InputError>();
        var requested = (scenarios ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (requested.Count == 0 && scenarios is { Count: > 0 })
        {
            // --scenarios '' (an empty shell variable, say) must not silently mean "all of them".
            throw new InputException([new InputError("command line", 0, "--scenarios", string.Join(",", scenarios), "at least one scenario file, directory or bundled id (leave --scenarios out to run every bundled scenario)")]);
        }

        if (requested.Count == 0)
        {
            requested.Add(scenarioDirectory);
        }

        foreach (var item in requested)
        {
            if (Directory.Exists(item))
            {
                var found = Directory.GetFiles(item, "*.yaml").Concat(Directory.GetFiles(item, "*.yml")).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    errors.Add(new InputError(item, 0, "--scenarios", item, "a directory with at least one .yaml scenario"));
                }

                files.AddRange(found);
            }
            else if (File.Exists(item))
            {
                files.Add(item);
            }
            else if (Directory.Exists(scenarioDirectory) && File.Exists(Path.Combine(scenarioDirectory, item + ".yaml")))
            {
                files.Add(Path.Combine(scenarioDirectory, item + ".yaml"));
            }
            else
            {
                var known = Directory.Exists(scenarioDirectory)
                    ? Directory.GetFiles(scenarioDirectory, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToArray()
                    : [];
                errors.Add(new InputError("command line", 0, "--scenarios", item, $"a scenario file, a directory, or a bundled scenario id: {string.Join(", ", known)}"));
            }
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        return new InputPaths
        {
            DataDirectory = dataDirectory,
            SitesFile = sites ?? Path.Combine(dataDirectory, "sites.csv"),
            ScenarioFiles = files.Distinct().ToArray(),
            PueResponseFile = pueResponse,
        };
    }

    /// <summary>
    /// The inputs a finished run read, as its manifest records them (<c>inputs</c>), for
    /// redrawing or replaying it; null when the manifest does not record them (written before
    /// they were recorded). A relative path was relative to the run's working directory: it is
    /// taken from here when it exists here, else from there.
    /// </summary>
    public static InputPaths? FromManifest(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Inputs is not { } inputs)
        {
            return null;
        }

        return new InputPaths
        {
            DataDirectory = Recorded(manifest, inputs.DataDirectory),
            SitesFile = Recorded(manifest, inputs.SitesFile),
            ScenarioFiles = inputs.ScenarioFiles.Select(f => Recorded(manifest, f)).ToArray(),
            PueResponseFile = inputs.PueResponseFile is { } response ? Recorded(manifest, response) : null,
        };
    }

    /// <summary>A path recorded in <paramref name="manifest"/>, resolved as <see cref="FromManifest"/> does.</summary>
    public static string Recorded(RunManifest manifest, string path)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(path);
        return Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path) || manifest.WorkingDirectory is null
            ? path
            : Path.Combine(manifest.WorkingDirectory, path);
    }

    private static string? FindBundledRoot()
    {
        if (File.Exists(Path.Combine("data", "sites.csv")) && Directory.Exists("scenarios"))
        {
            return Directory.GetCurrentDirectory();
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "data", "sites.csv")) && Directory.Exists(Path.Combine(dir.FullName, "scenarios")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string Relative(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
}
