using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.TestSupport;

/// <summary>Runs the kernel directly to read per-path values (the public API only returns statistics).</summary>
internal static class KernelHarness
{
    /// <summary>
    /// Every per-path value (all metrics of all sites and the portfolio) of each scenario and
    /// each of <paramref name="years"/>, passed to <paramref name="check"/>. The site plans (PUE
    /// tables) are built once for all of them.
    /// </summary>
    public static void ForEachScenarioYear(ModelInputs inputs, SimulationSettings settings, IReadOnlyList<int> years, Action<int, int, PathBuffers> check)
    {
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var rng = new CounterRng(settings.Seed);
        var scratch = new KernelScratch(sites.Length);
        for (var k = 0; k < inputs.Scenarios.Count; k++)
        {
            var scenario = new ScenarioPlan(inputs.Scenarios[k], inputs, settings);
            foreach (var year in years)
            {
                var buffers = new PathBuffers(sites.Length, settings.Paths);
                var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, rng, buffers);
                EvaluateAll(kernel, settings.Paths, 0, year - settings.FirstYear, year, scratch);

                check(k, year, buffers);
            }
        }
    }

    public static double[] PathValues(ModelInputs inputs, SimulationSettings settings, int year, Metric metric, int entity, int scenarioIndex = 0)
    {
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var scenario = new ScenarioPlan(inputs.Scenarios[scenarioIndex], inputs, settings);
        var buffers = new PathBuffers(sites.Length, settings.Paths);
        var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(settings.Seed), buffers);
        var scratch = new KernelScratch(sites.Length);
        EvaluateAll(kernel, settings.Paths, 0, year - settings.FirstYear, year, scratch);
        return buffers.Cell(metric, entity).ToArray();
    }

    /// <summary>
    /// Paths [firstPath, firstPath + paths) into columns [0, paths), block by block as the
    /// simulator does; with <paramref name="mapRows"/> as it does (the climate PUE and the
    /// location-based row kept instead of the rows made from them), but storing repeated rows.
    /// </summary>
    public static void EvaluateAll(PathKernel kernel, int paths, long firstPath, int yearIndex, int year, KernelScratch scratch, bool mapRows = false, bool startNpvs = false)
    {
        for (var p = 0; p < paths; p += PathKernel.BlockSize)
        {
            kernel.EvaluateBlock(p, firstPath + p, Math.Min(PathKernel.BlockSize, paths - p), yearIndex, year, scratch, mapRows: mapRows, startNpvs: startNpvs);
        }
    }

    /// <summary>The same with the scalar reference kernel, one path at a time.</summary>
    public static void EvaluateAllScalar(PathKernel kernel, int paths, long firstPath, int yearIndex, int year, KernelScratch scratch)
    {
        for (var p = 0; p < paths; p++)
        {
            kernel.Evaluate(p, firstPath + p, yearIndex, year, scratch);
        }
    }
}
