using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Planning;

/// <summary>One candidate site under one scenario, ranked by the NPV of its total climate cost.</summary>
public sealed record CandidateResult
{
    /// <summary>Scenario.</summary>
    public required string ScenarioId { get; init; }

    /// <summary>Candidate site id.</summary>
    public required string SiteId { get; init; }

    /// <summary>1 = lowest mean NPV of total climate cost.</summary>
    public required int Rank { get; init; }

    /// <summary>NPV over the simulated years of total climate cost, CNY, across paths.</summary>
    public required CellStatistics Npv { get; init; }

    /// <summary>Discounted IT energy over the simulated years, MWh (the denominator of the levelised cost).</summary>
    public required double DiscountedItEnergyMwh { get; init; }

    /// <summary>Mean PUE in 2030 (NaN when 2030 is not simulated).</summary>
    public required double Pue2030 { get; init; }

    /// <summary>Mean PUE in 2050 (NaN when 2050 is not simulated).</summary>
    public required double Pue2050 { get; init; }

    /// <summary>P(PUE above the local limit) in 2030.</summary>
    public required double BreachProbability2030 { get; init; }

    /// <summary>P(PUE above the local limit) in 2050.</summary>
    public required double BreachProbability2050 { get; init; }

    /// <summary>The cost component with the largest mean discounted cost (a metric name, e.g. <c>flood</c>, <c>carbon_cost</c>).</summary>
    public required string DominantComponent { get; init; }

    /// <summary>Mean discounted cost of each component, CNY, by component name.</summary>
    public required IReadOnlyDictionary<string, double> ComponentNpv { get; init; }

    /// <summary>Mean of the per-path difference NPV(this) − NPV(best candidate), CNY (0 for the best).</summary>
    public required double DifferenceToBest { get; init; }

    /// <summary>Standard error of that paired difference (common random numbers).</summary>
    public required double DifferenceStandardError { get; init; }

    /// <summary>Standard error the difference would have from independent samples, √(se² + se_best²), for comparison.</summary>
    public required double UnpairedStandardError { get; init; }

    /// <summary>Levelised climate cost, CNY per MWh of IT energy: NPV / discounted IT energy.</summary>
    public double CostPerMwh => Npv.Mean / DiscountedItEnergyMwh;
}
