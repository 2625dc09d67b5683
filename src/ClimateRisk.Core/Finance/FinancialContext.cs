namespace ClimateRisk.Core.Finance;

/// <summary>
/// What turning a run's per-path financial effects into <see cref="FinancialEffect"/> rows needs
/// besides the results: the financial terms and the scenarios' discount rates. Shards carry it,
/// so that <c>merge</c> adds the premium change from the merged means without the input files.
/// </summary>
public sealed record FinancialContext
{
    /// <summary>No insurance, no baselines, no discount rates.</summary>
    public static FinancialContext None { get; } = new();

    /// <summary>Insurance and baselines by site.</summary>
    public FinanceTerms Terms { get; init; } = FinanceTerms.None;

    /// <summary>Discount rate by scenario id (for the NPV of the premium change and of the baselines).</summary>
    public IReadOnlyDictionary<string, double> DiscountRates { get; init; } = new Dictionary<string, double>();
}
