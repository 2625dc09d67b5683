namespace ClimateRisk.IO.Internal;

/// <summary>
/// The fields of <see cref="RunManifest.SettingsText"/>, in its order. It was an anonymous type
/// until the serializer's metadata moved to compile time (<see cref="ManifestJson"/>), which
/// takes named types only; names and order are the anonymous type's, so the text and the
/// SHA-256 stored in existing manifests are unchanged (tested against the anonymous type).
/// </summary>
internal sealed record ManifestSettings(
    ulong Seed,
    int Paths,
    int FirstYear,
    int LastYear,
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<string> Sites,
    KeyValuePair<string, string>[] InputSha256,
    RunInputs? Inputs,
    string? WorkingDirectory,
    double? TargetRse,
    int? MaxPaths,
    IReadOnlyList<ScenarioConvergence>? Convergence,
    string? Shard,
    long FirstPath,
    int? TotalPaths);
