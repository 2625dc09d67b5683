namespace ClimateRisk.Core.Sensitivity;

/// <summary>One row of results/sensitivity.csv.</summary>
/// <param name="ScenarioId">Scenario.</param>
/// <param name="EntityId">Site id, or <c>portfolio</c>.</param>
/// <param name="Metric">Metric file name (docs/data.md).</param>
/// <param name="Horizon">Year, or <c>npv</c>.</param>
/// <param name="Driver">Driver group.</param>
/// <param name="Estimate">First-order and total index with standard errors.</param>
public sealed record SensitivityIndex(string ScenarioId, string EntityId, string Metric, string Horizon, SensitivityDriver Driver, SobolEstimate Estimate);
