namespace ClimateRisk.Reporting.BoardPack;

/// <summary>
/// The "what drives the range" section: the scenarios with portfolio NPV indices (each gets a
/// tornado chart) and one <see cref="SensitivitySentence"/> per scenario that has one.
/// </summary>
public sealed record DriversSummary(IReadOnlyList<string> Scenarios, IReadOnlyList<string> Sentences);
