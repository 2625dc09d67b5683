using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>
/// One small real run shared by the test classes of the "small run" collection: three bundled
/// sites (Beijing Yizhuang with its 1.35 limit, coastal and typhoon-exposed Shanghai Guanghuan,
/// Ulanqab), two scenarios, 500 paths, 2025–2050; results written, read back and reported into
/// a temporary run directory.
/// </summary>
public sealed class SmallRun : IDisposable
{
    public SmallRun()
    {
        Directory = Path.Combine(Path.GetTempPath(), "climaterisk-report-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "results"));
        Paths = new InputPaths
        {
            DataDirectory = Repo.Data,
            SitesFile = Path.Combine(Repo.Data, "sites.csv"),
            ScenarioFiles = [Path.Combine(Repo.Scenarios, "ngfs-net-zero-2050.yaml"), Path.Combine(Repo.Scenarios, "ssp5-85-physical-stress.yaml")],
        };
        var all = InputLoader.Load(Paths);
        Inputs = all with { Sites = all.Sites.Where(s => s.Id is "ksc-beijing-yizhuang" or "ksc-shanghai-guanghuan" or "ks-ulanqab").ToArray() };
        var settings = new SimulationSettings { Paths = 500, Seed = 42, FirstYear = 2025, LastYear = 2050, Workers = 2 };
        Simulated = Simulator.Run(Inputs, settings);
        ResultsWriter.Write(Simulated, Path.Combine(Directory, "results"));
        Manifest = new RunManifest
        {
            Tool = "climaterisk test",
            CommandLine = ["run", "--paths", "500"],
            Seed = settings.Seed,
            Paths = settings.Paths,
            FirstYear = settings.FirstYear,
            LastYear = settings.LastYear,
            Workers = 2,
            Scenarios = Simulated.ScenarioIds,
            Sites = Simulated.SiteIds,
            InputSha256 = RunManifest.HashInputs(Paths),
            Outputs = ["manifest.json", .. ResultsWriter.FileNames.Select(f => "results/" + f)],
            StartedUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            FinishedUtc = new DateTimeOffset(2026, 1, 2, 3, 4, 9, TimeSpan.Zero),
        };
        Manifest.Write(Path.Combine(Directory, "manifest.json"));
        Result = ResultsReader.Read(Path.Combine(Directory, "results"), Manifest);
        Sources = ReportSources.Load(Paths, Inputs.Sites);
        Data = ReportData.Create(Result, Manifest, Inputs, Sources);
        Written = ReportBuilder.Write(Data, Directory);
        Results = new ResultsLookup(Directory);
    }

    /// <summary>The run directory.</summary>
    public string Directory { get; }

    public InputPaths Paths { get; }

    public Core.Model.ModelInputs Inputs { get; }

    /// <summary>As simulated.</summary>
    public SimulationResult Simulated { get; }

    /// <summary>As read back from the CSVs (what the report is drawn from).</summary>
    public SimulationResult Result { get; }

    public RunManifest Manifest { get; }

    public ReportSources Sources { get; }

    public ReportData Data { get; }

    public IReadOnlyList<string> Written { get; }

    /// <summary>The results CSVs as written, read once by the tests' own reader.</summary>
    public ResultsLookup Results { get; }

    public string File(string relative) => Path.Combine(Directory, relative);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
