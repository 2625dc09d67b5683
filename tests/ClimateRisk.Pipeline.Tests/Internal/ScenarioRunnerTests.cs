using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.Pipeline.Internal;

namespace ClimateRisk.Pipeline.Tests.Internal;

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

    [Fact]
    public void The_memory_estimate_refuses_a_path_count_that_cannot_fit()
    {
        // The documented figure: the bundled 8 sites, 1,000,000 paths, 2 workers take about 2.9 GB.
        SimulationMemory.WorkingSetBytes(sites: 8, paths: 1_000_000, threads: 2).Should().Be(2_880_000_000);

        // The limit is half the memory available to the process, to the path.
        var perPath = SimulationMemory.WorkingSetBytes(sites: 8, paths: 1, threads: 2);
        var limit = (int)Math.Min(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / perPath, int.MaxValue - 1);
        ScenarioRunner.FitsInMemory(sites: 8, paths: 10_000, threads: 2).Should().BeTrue();
        ScenarioRunner.FitsInMemory(sites: 8, paths: limit, threads: 2).Should().BeTrue();
        ScenarioRunner.FitsInMemory(sites: 8, paths: limit + 1, threads: 2).Should().BeFalse();
        ScenarioRunner.FitsInMemory(sites: 8, paths: int.MaxValue, threads: 2).Should().BeFalse();
    }
}
