using ClimateRisk.Core.Model;
using ClimateRisk.IO;
using ClimateRisk.Reporting.Register;

namespace ClimateRisk.Reporting;

/// <summary>
/// What a report needs from the inputs beyond the model: the disclosed controls of the risk
/// register, the scenario files' prose and sources, and the source column of every data table.
/// Loaded (and checked) before a run simulates, so a bad controls file stops the run early.
/// </summary>
public sealed record ReportSources
{
    /// <summary>Controls in force (data/register/controls.csv); empty when the file is absent.</summary>
    public required IReadOnlyList<DisclosedControl> Controls { get; init; }

    /// <summary>The controls file (whether or not it exists).</summary>
    public required string ControlsFile { get; init; }

    /// <summary>Name, description and sources of each scenario file that could be read.</summary>
    public required IReadOnlyList<ScenarioNotes> Scenarios { get; init; }

    /// <summary>The source column of every input table.</summary>
    public required IReadOnlyList<DataSourceNote> DataSources { get; init; }

    /// <summary>Nothing: no controls, no notes (for reports built from results alone).</summary>
    public static ReportSources None { get; } = new() { Controls = [], ControlsFile = string.Empty, Scenarios = [], DataSources = [] };

    /// <summary>Loads the report sources of the inputs <paramref name="paths"/> for the portfolio <paramref name="sites"/>.</summary>
    /// <exception cref="InputException">When the controls file has problems (all of them).</exception>
    public static ReportSources Load(InputPaths paths, IReadOnlyCollection<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var controlsFile = Path.Combine(paths.DataDirectory, ControlsLoader.RelativePath);
        var controls = ControlsLoader.Load(controlsFile, sites, RegisterRisk.All.Select(r => r.Key).ToArray());
        var dataSources = DataSourceReader.Read(paths).Concat(DataSourceReader.ReadFile(controlsFile)).ToArray();
        return new ReportSources
        {
            Controls = controls,
            ControlsFile = controlsFile.Replace('\\', '/'),
            Scenarios = paths.ScenarioFiles.Select(ScenarioNotes.Read).OfType<ScenarioNotes>().ToArray(),
            DataSources = dataSources,
        };
    }
}
