using System.Globalization;
using System.Text.Json;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// Everything that decides a run's numbers: settings, convergence target, the sites and
/// scenarios in order, and the SHA-256 of every input file. Two runs with equal plans write
/// byte-identical results, which is what <c>--resume</c> checks before it reuses the
/// scenarios an interrupted run finished (kept as <c>partial/run.json</c>).
/// </summary>
public sealed record RunPlan
{
    /// <summary>Seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Paths per scenario (the first attempt when a target RSE is set).</summary>
    public required int Paths { get; init; }

    /// <summary>First simulated year.</summary>
    public required int FirstYear { get; init; }

    /// <summary>Last simulated year.</summary>
    public required int LastYear { get; init; }

    /// <summary>Target relative standard error of the headline metrics (null: run <see cref="Paths"/> once).</summary>
    public double? TargetRse { get; init; }

    /// <summary>Path cap of the doubling (used with <see cref="TargetRse"/>).</summary>
    public int? MaxPaths { get; init; }

    /// <summary>Paths per scenario fixed in advance (a replay of a converged run), by scenario id; null when none.</summary>
    public IReadOnlyDictionary<string, int>? FixedPaths { get; init; }

    /// <summary>Whether the run computes the sensitivity indices (each finished scenario keeps its own).</summary>
    public bool Sensitivity { get; init; }

    /// <summary>Site ids in order.</summary>
    public required IReadOnlyList<string> Sites { get; init; }

    /// <summary>Scenario ids in run order.</summary>
    public required IReadOnlyList<string> Scenarios { get; init; }

    /// <summary>SHA-256 of every input file, by path as given.</summary>
    public required IReadOnlyDictionary<string, string> InputSha256 { get; init; }

    /// <summary>
    /// The directory relative input paths are relative to. Not part of the comparison: a run
    /// resumed from another directory names the same files by other relative paths.
    /// </summary>
    public string WorkingDirectory { get; init; } = string.Empty;

    /// <summary>
    /// What differs from <paramref name="earlier"/>, one line each, in the words of the
    /// command line (empty when the plans are the same).
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(RunPlan earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>();
        void Compare(string what, string before, string now)
        {
            if (before != now)
            {
                lines.Add($"{what}: {before} in the interrupted run, {now} now");
            }
        }

        static string Optional(double? value) => value is { } v ? CsvText.RoundTrip(v) : "(none)";
        Compare("--seed", earlier.Seed.ToString(inv), Seed.ToString(inv));
        Compare("--paths", earlier.Paths.ToString(inv), Paths.ToString(inv));
        Compare("--years", $"{earlier.FirstYear}..{earlier.LastYear}", $"{FirstYear}..{LastYear}");
        Compare("--target-rse", Optional(earlier.TargetRse), Optional(TargetRse));
        Compare("--max-paths", Optional(earlier.MaxPaths), Optional(MaxPaths));
        Compare("paths fixed per scenario (--replay)", Describe(earlier.FixedPaths), Describe(FixedPaths));
        Compare("--sensitivity", earlier.Sensitivity ? "on" : "off", Sensitivity ? "on" : "off");
        Compare("sites", string.Join(", ", earlier.Sites), string.Join(", ", Sites));
        Compare("scenarios", string.Join(", ", earlier.Scenarios), string.Join(", ", Scenarios));
        // Input files are matched by full path, each plan's relative paths taken from its own working directory.
        var then = earlier.InputSha256.ToDictionary(p => earlier.FullPath(p.Key), p => p.Value);
        var current = InputSha256.ToDictionary(p => FullPath(p.Key), p => (Given: p.Key, Hash: p.Value));
        foreach (var (path, hash) in earlier.InputSha256)
        {
            if (!current.TryGetValue(earlier.FullPath(path), out var now))
            {
                lines.Add($"{path}: an input of the interrupted run, not of this one");
            }
            else if (now.Hash != hash)
            {
                lines.Add($"{now.Given}: changed since the interrupted run (SHA-256 {hash[..12]}… then, {now.Hash[..12]}… now)");
            }
        }

        foreach (var (_, now) in current.Where(p => !then.ContainsKey(p.Key)))
        {
            lines.Add($"{now.Given}: an input of this run, not of the interrupted one");
        }

        return lines;
    }

    private string FullPath(string path) => Path.GetFullPath(WorkingDirectory.Length > 0 ? Path.Combine(WorkingDirectory, path) : path);

    /// <summary>Writes the plan as JSON.</summary>
    public void Write(string path) => OutputFile.WriteAllText(path, JsonSerializer.Serialize(this, RunManifest.TypeInfo<RunPlan>()) + "\n");

    /// <summary>Reads a plan written by <see cref="Write"/>.</summary>
    public static RunPlan Read(string path)
        => JsonSerializer.Deserialize(File.ReadAllText(path), RunManifest.TypeInfo<RunPlan>()) ?? throw new InvalidDataException($"{path}: empty run plan");

    private static string Describe(IReadOnlyDictionary<string, int>? paths)
        => paths is null ? "(none)" : string.Join(", ", paths.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));
}
