namespace ClimateRisk.Reporting.BoardPack;

/// <summary>
/// One scenario of the emissions table, portfolio level, at each reporting horizon
/// (<see cref="BoardPackModel.Horizons"/>): mean scope 2 market-based emissions (t CO2) and mean carbon cost (CNY).
/// </summary>
public sealed record EmissionsRow(string Scenario, string Name, IReadOnlyList<double> Scope2MarketT, IReadOnlyList<double> CarbonCostCny);
