using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Pipeline.Internal;

/// <summary>
/// Simulates one scenario of a run. Simulator.Run with the inputs cut to one scenario gives
/// the numbers it gives for that scenario in a joint run (the scenario is not part of the
/// random-number key, and each scenario's statistics are reduced on their own), which is what
/// lets <c>run</c> save and resume scenario by scenario. With a target RSE it doubles the
/// paths from scratch until every headline RSE meets it: the generator is counter-based, so
/// the first N paths of a 2N-path run are the N-path run.
/// </summary>
internal static class ScenarioRunner
{
    public sealed record Outcome(SimulationResult Result, ScenarioConvergence Convergence, IReadOnlyList<HeadlineEstimate> Headlines);

    public static Outcome Run(
        ModelInputs model,
        Scenario scenario,
        SimulationSettings settings,
        double? targetRse,
        int maxPaths,
        ScenarioConvergence? fixedPaths,
        IProgress<SimulationProgress> progress,
        CancellationToken cancellationToken)
    {
        var inputs = model with { Scenarios = [scenario] };
        var paths = fixedPaths?.Paths ?? settings.Paths;
        while (true)
        {
            var result = Simulator.Run(inputs, settings with { Paths = paths }, progress, cancellationToken);
            var headlines = HeadlineEstimate.Of(result);
            var worst = headlines.MaxBy(h => h.RelativeStandardError)!;
            bool? converged = targetRse is { } target ? headlines.All(h => h.RelativeStandardError <= target) : null;
            string? cap = fixedPaths?.CapReason;
            if (fixedPaths is null && converged == false)
            {
                var next = (int)Math.Min(2L * paths, maxPaths);
                if (paths >= maxPaths)
                {
                    cap = "max_paths";
                }
                else if (!FitsInMemory(model.Sites.Count, next, settings.EffectiveWorkers))
                {
                    cap = "memory";
                }
                else
                {
                    paths = next;
                    continue;
                }
            }

            var convergence = new ScenarioConvergence
            {
                Scenario = scenario.Id,
                Paths = paths,
                Converged = converged,
                WorstRse = worst.RelativeStandardError,
                WorstMetric = $"{worst.Metric} {worst.Horizon}",
                CapReason = cap,
            };
            return new Outcome(result, convergence, headlines);
        }
    }

    /// <summary>
    /// Whether <paramref name="paths"/> paths fit in half the memory available to the process, by
    /// <see cref="SimulationMemory.WorkingSetBytes"/>.
    /// </summary>
    public static bool FitsInMemory(int sites, int paths, int threads) =>
        SimulationMemory.WorkingSetBytes(sites, paths, threads) <= GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;
}
