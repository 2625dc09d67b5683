namespace ClimateRisk.Core.Simulation;

/// <summary>Progress of a run: scenario-years done out of the total.</summary>
/// <param name="Done">Scenario-years finished.</param>
/// <param name="Total">Scenario-years in the run.</param>
/// <param name="ScenarioId">Scenario being simulated.</param>
/// <param name="Year">Year just finished.</param>
public readonly record struct SimulationProgress(int Done, int Total, string ScenarioId, int Year);
