namespace ClimateRisk.Core.Simulation;

/// <summary>Everything a run computed.</summary>
public sealed record SimulationResult
{
    /// <summary>The entity id of portfolio rows.</summary>
    public const string PortfolioId = "portfolio";

    /// <summary>The settings used.</summary>
    public required SimulationSettings Settings { get; init; }

    /// <summary>Scenario ids in run order.</summary>
    public required IReadOnlyList<string> ScenarioIds { get; init; }

    /// <summary>Site ids in run order (without the portfolio).</summary>
    public required IReadOnlyList<string> SiteIds { get; init; }

    /// <summary>Per (scenario, entity, year, metric) statistics, in that nesting order.</summary>
    public required IReadOnlyList<CellResult> Cells { get; init; }

    /// <summary>NPV of total climate cost per (scenario, entity).</summary>
    public required IReadOnlyList<NpvResult> Npv { get; init; }

    /// <summary>Where the run's time went (not part of the numbers; differs between runs).</summary>
    public SimulationTimings Timings { get; init; } = new();

    /// <summary>The S2 financial effects (MODEL §15): per (scenario, entity, horizon or NPV, item, basis), premium change included; empty when not computed.</summary>
    public IReadOnlyList<Finance.FinancialEffect> Financial { get; init; } = [];

    /// <summary>Loss exceedance curves at the horizon years.</summary>
    public required IReadOnlyList<ExceedancePoint> Exceedance { get; init; }
}
