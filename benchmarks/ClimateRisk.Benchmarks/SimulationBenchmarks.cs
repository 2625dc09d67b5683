using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The bundled portfolio (8 sites) under one scenario for one year: kernel plus reduction.
/// Divide by sites × paths for the cost per site-year.
/// </summary>
[MemoryDiagnoser]
public class SimulationBenchmarks
{
    private ModelInputs _inputs = null!;

    [Params(10_000)]
    public int Paths { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = BundledRoot();
        _inputs = InputLoader.Load(new InputPaths
        {
            DataDirectory = Path.Combine(root, "data"),
            SitesFile = Path.Combine(root, "data", "sites.csv"),
            ScenarioFiles = [Path.Combine(root, "scenarios", "ngfs-current-policies.yaml")],
        });
    }

    [Benchmark]
    public SimulationResult OneScenarioOneYear()
        => Simulator.Run(_inputs, new SimulationSettings { Paths = Paths, FirstYear = 2040, LastYear = 2040, Horizons = [] });

    internal static string BundledRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "data", "sites.csv")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run the benchmarks from inside the repository (data/sites.csv not found).");
    }
}
