namespace ClimateRisk.Core.Sensitivity;

/// <summary>The Sobol indices of a run's headlines and how they were estimated.</summary>
public sealed record SensitivityResult
{
    /// <summary>Base rows N_s of the pick-freeze design (paths [first path, first path + N_s) of the run).</summary>
    public required int BaseRows { get; init; }

    /// <summary>Indices by scenario, entity (sites in run order, then the portfolio), headline and driver, in that nesting order.</summary>
    public required IReadOnlyList<SensitivityIndex> Indices { get; init; }

    /// <summary>Wall-clock seconds spent (not part of the numbers).</summary>
    public double Seconds { get; init; }
}
