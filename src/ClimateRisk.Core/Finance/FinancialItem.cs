namespace ClimateRisk.Core.Finance;

/// <summary>The statement lines of the S2 financial effects (docs/model.md §15); values are the adverse effect, CNY (positive = worse).</summary>
public enum FinancialItem
{
    /// <summary>Operating expenses: climate energy, drought energy, carbon cost, PUE surcharge, green-power premium; net adds the premium change.</summary>
    Opex,

    /// <summary>Capital expenditure: repair or replacement of direct damage; net of property recoveries.</summary>
    Capex,

    /// <summary>Lost revenue: business interruption after failover; net of BI recoveries.</summary>
    Revenue,

    /// <summary>EBITDA effect = OpEx effect + revenue effect, per path.</summary>
    Ebitda,
}
