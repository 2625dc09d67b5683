using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;

namespace ClimateRisk.Pipeline;

/// <summary>
/// The one place a <see cref="RunManifest"/> is assembled (run, shard, merge, compare): the
/// tool version, the settings, the sites, scenarios and input hashes, and the outputs as the
/// writers reported them. What only some commands record (convergence, resume, replay, shard
/// range) is added by the caller with <c>with { … }</c>.
/// </summary>
public static class RunManifestFactory
{
    /// <summary>
    /// A manifest finished now. <paramref name="settings"/> gives seed, paths, years and
    /// workers (<see cref="SimulationSettings.EffectiveWorkers"/>); <paramref name="outputs"/>
    /// are relative to the run directory, manifest.json first.
    /// </summary>
    public static RunManifest Create(
        SimulationSettings settings,
        IReadOnlyList<string> commandLine,
        IReadOnlyList<string> scenarios,
        IReadOnlyList<string> sites,
        IReadOnlyDictionary<string, string> inputSha256,
        IReadOnlyList<string> outputs,
        DateTimeOffset startedUtc)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RunManifest
        {
            Tool = ToolVersion.Text,
            CommandLine = commandLine,
            Seed = settings.Seed,
            Paths = settings.Paths,
            FirstYear = settings.FirstYear,
            LastYear = settings.LastYear,
            Workers = settings.EffectiveWorkers,
            Scenarios = scenarios,
            Sites = sites,
            InputSha256 = inputSha256,
            Outputs = outputs,
            StartedUtc = startedUtc,
            FinishedUtc = DateTimeOffset.UtcNow,
        };
    }
}
