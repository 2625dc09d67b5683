namespace ClimateRisk.Reporting.BoardPack;

/// <summary>The financial-effects section: its explanation (with the count of insured sites) and its rows.</summary>
public sealed record FinancialEffectsSummary(string Explanation, IReadOnlyList<FinancialEffectsRow> Rows);
