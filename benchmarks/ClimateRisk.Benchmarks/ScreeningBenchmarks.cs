using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Planning;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// Screening scale of the candidate comparison: a generated grid of 1,000 candidate locations ×
/// 3 scenarios × 5,000 paths × 2025–2050 (one run takes minutes, so one iteration, no warm-up).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class ScreeningBenchmarks
{
    private static readonly string[] Scenarios = ["ngfs-net-zero-2050", "ngfs-ndcs", "ngfs-current-policies"];
    private ModelInputs _grid = null!;

    [Params(1_000)]
    public int Candidates { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var root = SimulationBenchmarks.BundledRoot();
        var templates = InputLoader.Load(new InputPaths
        {
            DataDirectory = Path.Combine(root, "data"),
            SitesFile = Path.Combine(root, "data", "candidates.csv"),
            ScenarioFiles = Scenarios.Select(s => Path.Combine(root, "scenarios", s + ".yaml")).ToArray(),
        });
        _grid = templates with { Sites = CandidateGrid.Generate(templates.Sites, Candidates) };
    }

    [Benchmark]
    public IReadOnlyList<CandidateResult> CompareGrid() => CandidateComparison.Compare(_grid, new SimulationSettings { Paths = 5_000 });
}
