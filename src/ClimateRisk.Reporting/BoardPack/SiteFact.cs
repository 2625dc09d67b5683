namespace ClimateRisk.Reporting.BoardPack;

/// <summary>One fact of a site page, e.g. ("PUE limit", "1.30 from 2030, assumed").</summary>
public sealed record SiteFact(string Label, string Value);
