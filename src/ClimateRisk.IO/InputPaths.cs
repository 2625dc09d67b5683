namespace ClimateRisk.IO;

/// <summary>Where a run's inputs are: the sites file, the scenario files and the data directory with the shared tables.</summary>
public sealed record InputPaths
{
    /// <summary>The directory with climate/, hazard/, vulnerability/, transition/, register/ and cooling_types.csv.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The portfolio (defaults to sites.csv in the data directory).</summary>
    public required string SitesFile { get; init; }

    /// <summary>Scenario YAML files, in run order.</summary>
    public required IReadOnlyList<string> ScenarioFiles { get; init; }

    /// <summary>
    /// A PUE response learned from telemetry (<c>--pue-response</c>, written by
    /// <c>climaterisk calibrate</c>), or null for the cooling types' default curves (MODEL §4).
    /// </summary>
    public string? PueResponseFile { get; init; }

    /// <summary>Every file a run reads, for hashing into the manifest.</summary>
    public IEnumerable<string> AllFiles()
    {
        yield return SitesFile;
        foreach (var table in DataTables)
        {
            yield return System.IO.Path.Combine(DataDirectory, table);
        }

        if (PueResponseFile is not null)
        {
            yield return PueResponseFile;
        }

        foreach (var scenario in ScenarioFiles)
        {
            yield return scenario;
        }
    }

    /// <summary>Shared tables under the data directory, relative paths.</summary>
    public static IReadOnlyList<string> DataTables { get; } =
    [
        "cooling_types.csv",
        "climate/site_climate.csv",
        "climate/gsat.csv",
        "climate/slr.csv",
        "climate/extreme_multipliers.csv",
        "hazard/flood_depth.csv",
        "hazard/surge_gev.csv",
        "hazard/wind_gumbel.csv",
        "hazard/heat_shortfall.csv",
        "hazard/drought.csv",
        "vulnerability/jrc_flood.csv",
        "transition/grid_factors.csv",
        "transition/pue_rules.csv",
        "transition/carbon_pilots.csv",
        "register/thresholds.csv",
    ];
}
