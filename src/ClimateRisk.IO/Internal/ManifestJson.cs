using System.Text.Json.Serialization;

namespace ClimateRisk.IO.Internal;

/// <summary>
/// The JSON metadata of the run files (manifest, settings text, run plan, checkpoint), made at
/// compile time: built by reflection at the first use, it cost every process that writes a
/// manifest about 65 ms of start-up — every <c>run</c>, shard and merge
/// (docs/performance.md, nineteenth session). Options come from <see cref="RunManifest.JsonOptions"/>,
/// which uses this as its resolver, so the text is the reflection serializer's.
/// </summary>
[JsonSerializable(typeof(RunManifest))]
[JsonSerializable(typeof(ManifestSettings))]
[JsonSerializable(typeof(RunPlan))]
[JsonSerializable(typeof(ScenarioConvergence))]
internal sealed partial class ManifestJson : JsonSerializerContext;
