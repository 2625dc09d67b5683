namespace ClimateRisk.Core.Simulation;

/// <summary>
/// One point of a loss exceedance curve: the loss exceeded with annual probability 1/R.
/// AEP: annual aggregate physical loss (site: all perils; portfolio: all sites). OEP: largest
/// single occurrence (site: the largest peril's annual loss; portfolio: the largest single-site
/// loss, MODEL §11).
/// </summary>
/// <param name="ScenarioId">Scenario.</param>
/// <param name="EntityId">Site id or portfolio.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Curve"><c>AEP</c> or <c>OEP</c>.</param>
/// <param name="ReturnPeriodY">Return period R, years.</param>
/// <param name="LossCny">Type-7 quantile at 1 − 1/R of the simulated losses, CNY.</param>
public sealed record ExceedancePoint(string ScenarioId, string EntityId, int Year, string Curve, double ReturnPeriodY, double LossCny);
