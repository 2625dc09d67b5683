using System.Text.Json.Serialization;

namespace ClimateRisk.IO.Internal;

/// <summary>
/// The JSON metadata of the run files (manifest, settings text, run plan, checkpoint), made at
/// compile time. Built by reflection at the first use, the first manifest cost every process
/// that writes one (every <c>run</c>, shard and merge) about 65 ms; with this, about 49 ms, the
/// rest being System.Text.Json's own first-call compilation (docs/performance.md, nineteenth
/// session). Options come from <see cref="RunManifest.JsonOptions"/>, which uses this as its
/// resolver, so the text is the reflection serializer's (tested).
/// </summary>
[JsonSerializable(typeof(RunManifest))]
[JsonSerializable(typeof(ManifestSettings))]
[JsonSerializable(typeof(RunPlan))]
[JsonSerializable(typeof(ScenarioConvergence))]
internal sealed partial class ManifestJson : JsonSerializerContext;
