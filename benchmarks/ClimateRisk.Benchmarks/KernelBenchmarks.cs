using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.IO;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The path kernel alone (no reduction) on one scenario-year of 10,000 paths: the block kernel
/// against the scalar reference, and per peril. Each peril case is one bundled site with every
/// acute peril switched off except the one named ("chronic" = PUE drift, water and the
/// transition block only, which every case also pays), so a peril's cost is its case minus
/// "chronic". MemoryDiagnoser shows the path loop allocates nothing (Allocated "-").
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int Year = 2040;
    private PathKernel _kernel = null!;
    private KernelScratch _scratch = null!;

    [Params(10_000)]
    public int Paths { get; set; }

    [Params("portfolio", "chronic", "heat", "drought", "flood", "surge", "wind")]
    public string Case { get; set; } = "portfolio";

    [GlobalSetup]
    public void Setup()
    {
        var root = SimulationBenchmarks.BundledRoot();
        var inputs = InputLoader.Load(new InputPaths
        {
            DataDirectory = Path.Combine(root, "data"),
            SitesFile = Path.Combine(root, "data", "sites.csv"),
            ScenarioFiles = [Path.Combine(root, "scenarios", "ngfs-current-policies.yaml")],
        });
        if (Case != "portfolio")
        {
            inputs = inputs with { Sites = [OnePeril(inputs.Sites, Case)] };
        }

        var settings = new SimulationSettings { Paths = Paths, FirstYear = Year, LastYear = Year, Horizons = [] };
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var buffers = new PathBuffers(sites.Length, Paths, climatePueRows: true);
        _kernel = new PathKernel(sites, new ScenarioPlan(inputs.Scenarios[0], inputs, settings), inputs.HeavyPrecipitationMultiplier, new CounterRng(20231231), buffers);
        _scratch = new KernelScratch(sites.Length);
    }

    [Benchmark(Baseline = true)]
    public void ScalarKernel()
    {
        for (var p = 0; p < Paths; p++)
        {
            _kernel.Evaluate(p, p, 0, Year, _scratch);
        }
    }

    [Benchmark]
    public void BlockKernel()
    {
        for (var p = 0; p < Paths; p += PathKernel.BlockSize)
        {
            _kernel.EvaluateBlock(p, p, Math.Min(PathKernel.BlockSize, Paths - p), 0, Year, _scratch);
        }
    }

    /// <summary>
    /// The block kernel as the simulator runs it outside the horizons (which also store the
    /// repeated rows and the occurrence losses): rows of one value repeated
    /// marked instead of stored, no occurrence losses, the climate PUE kept instead of the six PUE rows
    /// and no Scope 2 market row (<c>mapRows</c>).
    /// </summary>
    [Benchmark]
    public void BlockKernelAsSimulated()
    {
        for (var p = 0; p < Paths; p += PathKernel.BlockSize)
        {
            _kernel.EvaluateBlock(p, p, Math.Min(PathKernel.BlockSize, Paths - p), 0, Year, _scratch, skipRepeatedRows: true, storeOccurrence: false, mapRows: true);
        }
    }

    /// <summary>A bundled site exposed to <paramref name="peril"/>, with the other acute perils off.</summary>
    private static Site OnePeril(IReadOnlyList<Site> sites, string peril)
    {
        var site = peril switch
        {
            "flood" => sites.First(s => s.Flood is not null),
            "surge" => sites.First(s => s.Surge is not null),
            "wind" => sites.First(s => s.Wind is not null),
            "drought" => sites.First(s => s.WueLPerKwh >= 0.5 && s.Drought.RestrictionDaysPerYear > 0),
            _ => sites[0],
        };
        return site with
        {
            Flood = peril == "flood" ? site.Flood : null,
            Surge = peril == "surge" ? site.Surge : null,
            Wind = peril == "wind" ? site.Wind : null,
            Heat = peril == "heat" ? site.Heat : site.Heat with { ShortfallProbability = 0, TCritC = 60 },
            Drought = peril == "drought" ? site.Drought : site.Drought with { RestrictionDaysPerYear = 0 },
        };
    }
}
