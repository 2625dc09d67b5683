using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Simulation;

/// <summary>
/// NPV over the simulated years of total climate cost, discounted at the scenario's rate to
/// the first simulated year: Σ_t cost_t / (1 + r)^(t − first).
/// </summary>
/// <param name="ScenarioId">Scenario.</param>
/// <param name="EntityId">Site id or portfolio.</param>
/// <param name="Statistics">Summary over paths.</param>
public sealed record NpvResult(string ScenarioId, string EntityId, CellStatistics Statistics);
