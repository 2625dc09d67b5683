namespace ClimateRisk.Reporting.Register;

/// <summary>A register row's scores under one scenario, at the row's horizon.</summary>
/// <param name="ScenarioId">Scenario.</param>
/// <param name="Likelihood">1–5.</param>
/// <param name="Impact">1–5.</param>
/// <param name="Rating">Likelihood × impact, 1–25.</param>
/// <param name="ProbabilityMaterial">Annual probability of a material impact (see <see cref="RiskRegister"/>).</param>
/// <param name="MeanCny">Mean annual financial effect, CNY.</param>
/// <param name="P95Cny">P95 annual financial effect, CNY.</param>
/// <param name="MeanRse">Relative standard error of the mean (Σ s.e. of the metrics ÷ |mean|, an upper bound for two metrics); NaN when unknown.</param>
public sealed record ScenarioScore(string ScenarioId, int Likelihood, int Impact, int Rating, double ProbabilityMaterial, double MeanCny, double P95Cny, double MeanRse = double.NaN);
