namespace ClimateRisk.Core.Finance;

/// <summary>The financial inputs of a run: insurance and baselines by site id. A site without a row is uninsured (net = gross) or has no baseline (no % of baseline).</summary>
public sealed record FinanceTerms
{
    /// <summary>No insurance, no baselines.</summary>
    public static FinanceTerms None { get; } = new();

    /// <summary>Insurance terms by site id.</summary>
    public IReadOnlyDictionary<string, InsuranceTerms> Insurance { get; init; } = new Dictionary<string, InsuranceTerms>();

    /// <summary>Baselines by site id.</summary>
    public IReadOnlyDictionary<string, SiteBaseline> Baselines { get; init; } = new Dictionary<string, SiteBaseline>();
}
