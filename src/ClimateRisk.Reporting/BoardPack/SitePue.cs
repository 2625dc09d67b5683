using ClimateRisk.Core.Model;

namespace ClimateRisk.Reporting.BoardPack;

/// <summary>A site's PUE against its limits at the reporting horizons.</summary>
public sealed record SitePue(Site Site, IReadOnlyList<PueAtYear> Years);
