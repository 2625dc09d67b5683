using ClimateRisk.Core.Sensitivity;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>
/// The board pack of the bundled run as a user gets it from <c>climaterisk run</c>: every site of
/// data/sites.csv, every scenario of scenarios/, the financial effects and the sensitivity section
/// (Sobol indices on <see cref="BaseRows"/> base rows) — at few paths, so that the browser tests
/// (overlap, font widths, page count) see every section and page kind of the real pack within
/// the test-time budget. The numbers are imprecise at this path count; the layout is the real one.
/// </summary>
public sealed class BundledRun : IDisposable
{
    /// <summary>Paths per scenario: enough for every chart to have its curves, few enough to be quick.</summary>
    public const int Paths = 400;

    /// <summary>Base rows of the sensitivity design (twice the minimum, so every index has a standard error).</summary>
    public const int BaseRows = 2 * SensitivityAnalysis.MinimumBaseRows;

    public BundledRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "climaterisk-bundled-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "results"));
        var paths = new InputPaths
        {
            DataDirectory = Repo.Data,
            SitesFile = Path.Combine(Repo.Data, "sites.csv"),
            ScenarioFiles = System.IO.Directory.GetFiles(Repo.Scenarios, "*.yaml").Order(StringComparer.Ordinal).ToArray(),
        };
        var inputs = InputLoader.Load(paths);
        var settings = new SimulationSettings { Paths = Paths, Seed = 20231231, FirstYear = 2025, LastYear = 2050, Workers = 2 };
        var simulated = Simulator.Run(inputs, settings);
        ResultsWriter.Write(simulated, Path.Combine(Directory, "results"));
        SensitivityWriter.Write(SensitivityAnalysis.Run(inputs, settings, BaseRows).Indices, Path.Combine(Directory, "results"));
        var manifest = new RunManifest
        {
            Tool = "climaterisk test",
            CommandLine = ["run", "--paths", Paths.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Seed = settings.Seed,
            Paths = settings.Paths,
            FirstYear = settings.FirstYear,
            LastYear = settings.LastYear,
            Workers = 2,
            Scenarios = simulated.ScenarioIds,
            Sites = simulated.SiteIds,
            InputSha256 = RunManifest.HashInputs(paths),
            Outputs = ["manifest.json", .. ResultsWriter.FileNames.Select(f => "results/" + f)],
            StartedUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            FinishedUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 9, TimeSpan.Zero),
        };
        manifest.Write(Path.Combine(Directory, "manifest.json"));
        Result = ResultsReader.Read(Path.Combine(Directory, "results"), manifest);
        // Read back, as run does: the report is drawn from the CSVs.
        Data = ReportData.Create(Result, manifest, inputs, ReportSources.Load(paths, inputs.Sites), SensitivityReader.ReadIfPresent(Path.Combine(Directory, "results")));
        ReportBuilder.Write(Data, Directory);
    }

    /// <summary>The run directory.</summary>
    public string Directory { get; }

    /// <summary>As read back from the CSVs.</summary>
    public SimulationResult Result { get; }

    public ReportData Data { get; }

    public string File(string relative) => Path.Combine(Directory, relative);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
