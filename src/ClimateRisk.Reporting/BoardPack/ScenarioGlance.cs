namespace ClimateRisk.Reporting.BoardPack;

/// <summary>One scenario at the long horizon, portfolio level: expected cost by component, the total's P95 and the NPV (CNY).</summary>
public sealed record ScenarioGlance(
    string Scenario,
    string Name,
    string? Ssp,
    double TotalCny,
    double PhysicalLossCny,
    double ClimateEnergyCostCny,
    double CarbonCostCny,
    double PueSurchargeCny,
    double RenewablePremiumCny,
    double TotalP95Cny,
    double NpvCny);
