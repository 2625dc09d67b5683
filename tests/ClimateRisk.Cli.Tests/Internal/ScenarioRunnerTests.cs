using ClimateRisk.Cli.Internal;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Cli.Tests.Internal;

/// <summary>ScenarioRunner with the paths of a replayed manifest: no doubling, the recorded outcome kept.</summary>
public sealed class ScenarioRunnerTests
{
    [Fact]
    public void Fixed_paths_are_simulated_as_recorded_without_doubling_and_keep_the_recorded_cap()
    {
        var model = InputLoader.Load(InputResolver.Resolve(null, null, ["ngfs-ndcs"]));
        var settings = new SimulationSettings { Paths = 100, FirstYear = 2029, LastYear = 2031, Workers = 2 };
        // As recorded by a run that stopped doubling at 200 paths for want of memory.
        var recorded = new ScenarioConvergence { Scenario = "ngfs-ndcs", Paths = 200, Converged = false, WorstRse = 0.5, WorstMetric = "recorded", CapReason = "memory" };

        var outcome = ScenarioRunner.Run(model, model.Scenarios.Single(), settings, targetRse: 1e-9, maxPaths: 1_000_000, recorded, new CallbackProgress<SimulationProgress>(_ => { }), CancellationToken.None);

        var worst = outcome.Headlines.MaxBy(h => h.RelativeStandardError)!;
        outcome.Convergence.Should().Be(new ScenarioConvergence
        {
            Scenario = "ngfs-ndcs",
            Paths = 200,
            Converged = false,
            WorstRse = worst.RelativeStandardError,
            WorstMetric = $"{worst.Metric} {worst.Horizon}",
            CapReason = "memory",
        });
        outcome.Result.Settings.Paths.Should().Be(200);
        worst.RelativeStandardError.Should().BeGreaterThan(1e-9, "the target is out of reach, so only the fixed paths stop the doubling");
    }
}
