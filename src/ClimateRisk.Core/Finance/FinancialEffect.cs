using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Finance;

/// <summary>One row of results/financial_effects.csv: an item's effect for a (scenario, entity, horizon, basis).</summary>
/// <param name="ScenarioId">Scenario.</param>
/// <param name="EntityId">Site id or portfolio.</param>
/// <param name="Year">Horizon year, or null for the NPV over the simulated years.</param>
/// <param name="Item">Statement line.</param>
/// <param name="Basis">Gross or net of insurance.</param>
/// <param name="Statistics">Summary over paths, CNY (positive = adverse).</param>
/// <param name="BaselineCny">The baseline the effect is set against (revenue for revenue, EBITDA otherwise; discounted sum for the NPV), NaN when unknown.</param>
public sealed record FinancialEffect(string ScenarioId, string EntityId, int? Year, FinancialItem Item, FinancialBasis Basis, CellStatistics Statistics, double BaselineCny)
{
    /// <summary>Mean effect as % of <see cref="BaselineCny"/> (NaN without a baseline).</summary>
    public double MeanPercentOfBaseline => BaselineCny > 0 ? 100 * Statistics.Mean / BaselineCny : double.NaN;
}
