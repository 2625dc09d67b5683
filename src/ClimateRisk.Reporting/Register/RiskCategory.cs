namespace ClimateRisk.Reporting.Register;

/// <summary>The TCFD / ISSB S2 risk categories of the register (MODEL §13).</summary>
public static class RiskCategory
{
    /// <summary>Acute physical.</summary>
    public const string AcutePhysical = "acute physical";

    /// <summary>Chronic physical.</summary>
    public const string ChronicPhysical = "chronic physical";

    /// <summary>Policy and legal.</summary>
    public const string PolicyLegal = "policy & legal";

    /// <summary>Market.</summary>
    public const string Market = "market";

    /// <summary>Technology.</summary>
    public const string Technology = "technology";
}
