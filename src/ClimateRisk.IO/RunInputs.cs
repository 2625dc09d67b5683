namespace ClimateRisk.IO;

/// <summary>Where a run read its inputs from, as given on its command line (manifest.json, for <c>run --replay</c>).</summary>
public sealed record RunInputs
{
    /// <summary>The data directory.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The portfolio file.</summary>
    public required string SitesFile { get; init; }

    /// <summary>The scenario files, in run order.</summary>
    public required IReadOnlyList<string> ScenarioFiles { get; init; }

    /// <summary>The learned PUE response (<c>--pue-response</c>), or null; left out of the manifest when null.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? PueResponseFile { get; init; }

    /// <summary>The inputs of <paramref name="paths"/>.</summary>
    public static RunInputs Of(InputPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return new RunInputs { DataDirectory = paths.DataDirectory, SitesFile = paths.SitesFile, ScenarioFiles = [.. paths.ScenarioFiles], PueResponseFile = paths.PueResponseFile };
    }
}
