namespace ClimateRisk.Core.Simulation;

/// <summary>Wall-clock time of a run's phases, seconds: evaluating the perils (kernel) and reducing the paths to statistics.</summary>
public sealed record SimulationTimings
{
    /// <summary>Plans: PUE tables, copula factors, interpolation arrays.</summary>
    public double PlanSeconds { get; init; }

    /// <summary>The path kernel: random numbers and every peril and driver.</summary>
    public double KernelSeconds { get; init; }

    /// <summary>Statistics: moments, quantiles, exceedance curves, NPV.</summary>
    public double ReductionSeconds { get; init; }
}
