using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>What a run was: enough to reproduce its numbers exactly (ARCHITECTURE.md, manifest.json).</summary>
public sealed record RunManifest
{
    /// <summary>Tool name and version.</summary>
    public required string Tool { get; init; }

    /// <summary>The command line as given.</summary>
    public required IReadOnlyList<string> CommandLine { get; init; }

    /// <summary>Seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Number of paths.</summary>
    public required int Paths { get; init; }

    /// <summary>First simulated year.</summary>
    public required int FirstYear { get; init; }

    /// <summary>Last simulated year.</summary>
    public required int LastYear { get; init; }

    /// <summary>Worker threads used (results do not depend on it).</summary>
    public required int Workers { get; init; }

    /// <summary>Scenario ids in run order.</summary>
    public required IReadOnlyList<string> Scenarios { get; init; }

    /// <summary>Site ids in run order.</summary>
    public required IReadOnlyList<string> Sites { get; init; }

    /// <summary>SHA-256 of every input file, by path as given.</summary>
    public required IReadOnlyDictionary<string, string> InputSha256 { get; init; }

    /// <summary>Where the inputs were read from, as given (null in manifests written before replay existed).</summary>
    public RunInputs? Inputs { get; init; }

    /// <summary>The working directory of the run: relative input paths are relative to it.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Target relative standard error of the headline metrics (<c>--target-rse</c>), or null.</summary>
    public double? TargetRse { get; init; }

    /// <summary>Path cap of the doubling (<c>--max-paths</c>), or null without a target.</summary>
    public int? MaxPaths { get; init; }

    /// <summary>Per scenario: paths used, achieved RSE and whether it converged.</summary>
    public IReadOnlyList<ScenarioConvergence>? Convergence { get; init; }

    /// <summary>Scenarios taken from an interrupted run (<c>--resume</c>) rather than simulated by this process.</summary>
    public IReadOnlyList<string>? ResumedScenarios { get; init; }

    /// <summary>The manifest this run replayed (<c>--replay</c>), or null.</summary>
    public string? ReplayOf { get; init; }

    /// <summary>
    /// Whether results/sensitivity.csv was computed (<c>--sensitivity</c>); null in manifests of
    /// shards, merges and runs before the option. Base rows per scenario: ⌊paths / 52⌋.
    /// </summary>
    public bool? Sensitivity { get; init; }

    /// <summary>Output files written, relative to the run directory.</summary>
    public required IReadOnlyList<string> Outputs { get; init; }

    /// <summary>For a shard: which one, as <c>i/n</c> (0-based); null for a whole run.</summary>
    public string? Shard { get; init; }

    /// <summary>For a shard: global index of its first path.</summary>
    public long FirstPath { get; init; }

    /// <summary>For a shard: the paths of the whole run it is part of.</summary>
    public int? TotalPaths { get; init; }

    /// <summary>
    /// SHA-256 of the settings that determine the numbers (<see cref="SettingsText"/>), set by
    /// <see cref="Write"/>: <c>--replay</c> refuses a manifest whose seed, paths, years, ids or
    /// input hashes were edited by hand after the run. Null in manifests of older versions.
    /// </summary>
    public string? SettingsSha256 { get; init; }

    /// <summary>Start time, UTC.</summary>
    public required DateTimeOffset StartedUtc { get; init; }

    /// <summary>End time, UTC.</summary>
    public required DateTimeOffset FinishedUtc { get; init; }

    /// <summary>Wall-clock seconds.</summary>
    public double ElapsedSeconds => (FinishedUtc - StartedUtc).TotalSeconds;

    /// <summary>snake_case names; an RSE of +∞ (a zero mean) is written as "Infinity".</summary>
    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = ManifestJson.Default,
    };

    /// <summary>SHA-256 of a file, lower-case hex.</summary>
    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Hashes every file of <paramref name="paths"/>.</summary>
    public static IReadOnlyDictionary<string, string> HashInputs(InputPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in paths.HashedFiles())
        {
            result[file.Replace('\\', '/')] = Sha256(file);
        }

        return result;
    }

    /// <summary>Writes the manifest as JSON with its <see cref="SettingsSha256"/>; returns what it wrote.</summary>
    public RunManifest Write(string path)
    {
        var written = this with { SettingsSha256 = ComputeSettingsSha256() };
        OutputFile.WriteAllText(path, JsonSerializer.Serialize(written, TypeInfo<RunManifest>()) + "\n");
        return written;
    }

    /// <summary>The SHA-256 of <see cref="SettingsText"/>, lower-case hex.</summary>
    public string ComputeSettingsSha256() => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(SettingsText())));

    /// <summary>Whether <see cref="SettingsSha256"/> is present and matches the settings as they now read.</summary>
    [JsonIgnore]
    public bool SettingsUnedited => SettingsSha256 is { } stored && stored == ComputeSettingsSha256();

    /// <summary>
    /// The settings that determine the numbers, as canonical JSON: seed, paths, years, site and
    /// scenario ids, input paths and hashes, working directory, convergence target and outcome,
    /// shard. Not the command line, times or outputs, which replay does not use.
    /// </summary>
    public string SettingsText() => JsonSerializer.Serialize(
        new ManifestSettings(
            Seed, Paths, FirstYear, LastYear, Scenarios, Sites,
            InputSha256.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(),
            Inputs, WorkingDirectory, TargetRse, MaxPaths, Convergence, Shard, FirstPath, TotalPaths),
        TypeInfo<ManifestSettings>(CompactJson));

    private static JsonSerializerOptions CompactJson { get; } = new(JsonOptions) { WriteIndented = false };

    /// <summary>
    /// The metadata of <typeparamref name="T"/> under <paramref name="options"/>, from
    /// <see cref="ManifestJson"/>: the serializer's overloads that take it need no reflection, so
    /// an ahead-of-time build runs them (the ones taking options alone are marked as needing
    /// runtime code, whatever resolver the options hold).
    /// </summary>
    /// <param name="options">The options; <see cref="JsonOptions"/> when null.</param>
    internal static System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions? options = null)
        => (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)(options ?? JsonOptions).GetTypeInfo(typeof(T));

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="InputException">When the file is missing or not a manifest.</exception>
    public static RunManifest Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), TypeInfo<RunManifest>())
                ?? throw new InputException([new InputError(path, 0, string.Empty, "(empty)", "a manifest.json written by climaterisk run")]);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new InputException([new InputError(path, 0, string.Empty, ex.Message.Split('\n')[0], "a manifest.json written by climaterisk run")]);
        }
    }
}
