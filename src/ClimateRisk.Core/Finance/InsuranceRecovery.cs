namespace ClimateRisk.Core.Finance;

/// <summary>What the insurer pays for one site's year (<see cref="InsuranceTerms.Apply(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/>).</summary>
/// <param name="PropertyCny">Property recoveries, CNY.</param>
/// <param name="BiCny">BI recoveries, CNY.</param>
public readonly record struct InsuranceRecovery(double PropertyCny, double BiCny);
