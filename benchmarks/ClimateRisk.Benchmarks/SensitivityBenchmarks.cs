using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Sensitivity;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// What <c>run --sensitivity on</c> adds: one scenario of the bundled portfolio over 2025–2050,
/// simulated with N paths, against the pick-freeze design of its N_s = ⌊N/52⌋ base rows. The
/// ratio of the two is the overhead the design is sized to keep under 25 % (docs/performance.md).
/// </summary>
[MemoryDiagnoser]
public class SensitivityBenchmarks
{
    private ModelInputs _inputs = null!;

    [Params(20_000)]
    public int Paths { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = SimulationBenchmarks.BundledRoot();
        _inputs = InputLoader.Load(new InputPaths
        {
            DataDirectory = Path.Combine(root, "data"),
            SitesFile = Path.Combine(root, "data", "sites.csv"),
            ScenarioFiles = [Path.Combine(root, "scenarios", "ngfs-net-zero-2050.yaml")],
        });
    }

    [Benchmark(Baseline = true)]
    public SimulationResult SimulateScenario() => Simulator.Run(_inputs, new SimulationSettings { Paths = Paths });

    [Benchmark]
    public SensitivityResult SensitivityDesign() => SensitivityAnalysis.Run(_inputs, new SimulationSettings { Paths = Paths }, SensitivityAnalysis.BaseRowsFor(Paths));
}
