using ClimateRisk.Core.Model;

namespace ClimateRisk.Reporting.BoardPack;

/// <summary>
/// PUE at one horizon: the limit in force (null for none) and whether it is an assumption rather
/// than a published rule; the median PUE and the probability above the limit, per scenario.
/// </summary>
public sealed record PueAtYear(int Year, PueRule? Limit, bool LimitAssumed, IReadOnlyList<double> Medians, IReadOnlyList<double> PExceed);
