namespace ClimateRisk.Core.Finance;

/// <summary>Before or after insurance.</summary>
public enum FinancialBasis
{
    /// <summary>Before insurance: no recoveries, no premium change.</summary>
    Gross,

    /// <summary>After insurance: recoveries deducted, premium change added to OpEx.</summary>
    Net,
}
