namespace ClimateRisk.Pipeline;

/// <summary>What computing results/sensitivity.csv cost a run (not part of the numbers; differs between runs).</summary>
public sealed record SensitivitySummary
{
    /// <summary>Seconds spent simulating the scenarios (Simulator.Run, doublings included).</summary>
    public required double SimulationSeconds { get; init; }

    /// <summary>Seconds spent on the pick-freeze designs.</summary>
    public required double SensitivitySeconds { get; init; }

    /// <summary>Fewest base rows N_s of any scenario (0 when a scenario had too few paths for indices).</summary>
    public required int BaseRows { get; init; }

    /// <summary>Most base rows of any scenario (differs from <see cref="BaseRows"/> only under --target-rse).</summary>
    public required int MaxBaseRows { get; init; }

    /// <summary>Scenarios simulated by this process.</summary>
    public required int Scenarios { get; init; }

    /// <summary>Sensitivity time as a share of simulation time.</summary>
    public double Overhead => SimulationSeconds > 0 ? SensitivitySeconds / SimulationSeconds : 0;
}
