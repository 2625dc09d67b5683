using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.TestSupport;

/// <summary>Runs the kernel directly to read per-path values (the public API only returns statistics).</summary>
internal static class KernelHarness
{
    public static double[] PathValues(ModelInputs inputs, SimulationSettings settings, int year, Metric metric, int entity, int scenarioIndex = 0)
    {
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var scenario = new ScenarioPlan(inputs.Scenarios[scenarioIndex], inputs, settings);
        var buffers = new PathBuffers(sites.Length, settings.Paths);
        var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(settings.Seed), buffers);
        var scratch = new KernelScratch(sites.Length);
        for (var p = 0; p < settings.Paths; p++)
        {
            kernel.Evaluate(p, p, year - settings.FirstYear, year, scratch);
        }

        return buffers.Cell(metric, entity).ToArray();
    }
}
