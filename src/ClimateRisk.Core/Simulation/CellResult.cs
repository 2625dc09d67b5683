using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Simulation;

/// <summary>The statistics of one metric for one (scenario, site or portfolio, year).</summary>
/// <param name="ScenarioId">Scenario.</param>
/// <param name="EntityId">Site id, or <see cref="SimulationResult.PortfolioId"/>.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Metric">Metric.</param>
/// <param name="Statistics">Summary over paths.</param>
public sealed record CellResult(string ScenarioId, string EntityId, int Year, Metric Metric, CellStatistics Statistics);
