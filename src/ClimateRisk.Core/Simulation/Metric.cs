namespace ClimateRisk.Core.Simulation;

/// <summary>
/// The per-path quantities recorded for every (scenario, site, year) (MODEL §11). Money in
/// real 2023 CNY, energy in MWh, emissions in tCO2, water in m³.
/// </summary>
public enum Metric
{
    /// <summary>River/pluvial flood direct damage, CNY.</summary>
    FloodDirectCny,

    /// <summary>River/pluvial flood business interruption, CNY.</summary>
    FloodBiCny,

    /// <summary>Coastal flood direct damage, CNY.</summary>
    SurgeDirectCny,

    /// <summary>Coastal flood business interruption, CNY.</summary>
    SurgeBiCny,

    /// <summary>Typhoon wind direct damage, CNY.</summary>
    WindDirectCny,

    /// <summary>Typhoon wind business interruption, CNY.</summary>
    WindBiCny,

    /// <summary>Extreme-heat cooling shortfall business interruption, CNY.</summary>
    HeatBiCny,

    /// <summary>Drought: extra energy for mechanical cooling on restricted days, CNY.</summary>
    DroughtEnergyCny,

    /// <summary>Drought: business interruption where storage is short, CNY.</summary>
    DroughtBiCny,

    /// <summary>Sum of all physical losses above, CNY.</summary>
    PhysicalLossCny,

    /// <summary>Annual PUE.</summary>
    Pue,

    /// <summary>Climate-attributable PUE change since the base year.</summary>
    PueDrift,

    /// <summary>1 when PUE exceeds the jurisdiction's limit in force, else 0.</summary>
    PueLimitBreach,

    /// <summary>Facility energy E_IT·PUE, MWh.</summary>
    FacilityEnergyMwh,

    /// <summary>Facility energy cost E_fac·P_e, CNY.</summary>
    EnergyCostCny,

    /// <summary>Climate-attributable energy cost E_IT·drift·P_e, CNY.</summary>
    ClimateEnergyCostCny,

    /// <summary>Scope 2 location-based, tCO2.</summary>
    Scope2LocationT,

    /// <summary>Scope 2 market-based, tCO2.</summary>
    Scope2MarketT,

    /// <summary>Carbon cost, CNY.</summary>
    CarbonCostCny,

    /// <summary>Efficiency-regulation surcharge, CNY.</summary>
    PueSurchargeCny,

    /// <summary>Green-power premium, CNY.</summary>
    RenewablePremiumCny,

    /// <summary>Water use, m³.</summary>
    WaterM3,

    /// <summary>Water cost, CNY.</summary>
    WaterCostCny,

    /// <summary>Total climate cost: physical loss + climate energy cost + carbon cost + surcharge + renewable premium, CNY.</summary>
    TotalClimateCostCny,

    /// <summary>Insurance recoveries of direct damage (flood, coastal flood, wind), CNY (MODEL §15).</summary>
    InsuredPropertyCny,

    /// <summary>Insurance recoveries of business interruption, CNY (MODEL §15).</summary>
    InsuredBiCny,

    /// <summary>Physical loss retained after insurance: physical loss − both recoveries, CNY.</summary>
    RetainedLossCny,

    /// <summary>Direct damage of events whose damage ratio exceeds the impairment threshold (written off and replaced, not repaired), CNY (MODEL §15).</summary>
    ImpairmentCny,

    /// <summary>Insurance recoveries (property + BI) of the year's river/pluvial flood event, CNY; the aggregate is used by flood, then coastal flood, then wind.</summary>
    InsuredFloodCny,

    /// <summary>Insurance recoveries (property + BI) of the year's coastal flood event, CNY.</summary>
    InsuredSurgeCny,

    /// <summary>Insurance recoveries (property + BI) of the year's typhoon wind event, CNY.</summary>
    InsuredWindCny,
}
