namespace ClimateRisk.Core.Model;

/// <summary>One data centre with everything the model needs about it (MODEL §3–§10; docs/data.md).</summary>
public sealed record Site
{
    /// <summary>Stable identifier; also keys the site's random numbers.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>Operator.</summary>
    public required string Operator { get; init; }

    /// <summary><c>owned</c> or <c>leased</c>.</summary>
    public required string Tenure { get; init; }

    /// <summary>Latitude, degrees.</summary>
    public required double Latitude { get; init; }

    /// <summary>Longitude, degrees.</summary>
    public required double Longitude { get; init; }

    /// <summary>Grid-factor key.</summary>
    public required string Grid { get; init; }

    /// <summary>Grid emission factor in the base year, tCO2/MWh (resolved from the grid table).</summary>
    public required double BaseGridFactorTPerMwh { get; init; }

    /// <summary>PUE-rule jurisdiction key.</summary>
    public required string PueJurisdiction { get; init; }

    /// <summary>
    /// Key of the regional pilot ETS of the site's province in <see cref="ModelInputs.CarbonPilots"/>,
    /// or null where the national scheme alone applies.
    /// </summary>
    public string? CarbonPilot { get; init; }

    /// <summary>Cooling technology.</summary>
    public required CoolingType Cooling { get; init; }

    /// <summary>
    /// Hourly PUE against outdoor temperature (°C) at the median load, learned from the site's
    /// own telemetry (<c>climaterisk calibrate</c>), or null to use the cooling type's softplus
    /// (MODEL §4). Only its shape is used: the level is calibrated to <see cref="ReportedPue"/>.
    /// </summary>
    public PiecewiseLinear? LearnedPueResponse { get; init; }

    /// <summary>Average IT load in the base year, MW.</summary>
    public required double ItLoadMw { get; init; }

    /// <summary>Annual growth of IT load g_s (fraction).</summary>
    public required double LoadGrowth { get; init; }

    /// <summary>Reported annual PUE (calibration target).</summary>
    public required double ReportedPue { get; init; }

    /// <summary>Year of the reported PUE.</summary>
    public required int ReportingYear { get; init; }

    /// <summary>Operator's PUE target.</summary>
    public required double PueTarget { get; init; }

    /// <summary>The operator's planned PUE change relative to the reported PUE, by year.</summary>
    public required YearCurve PlannedPueChange { get; init; }

    /// <summary>Water use effectiveness, L/kWh (= m³/MWh).</summary>
    public required double WueLPerKwh { get; init; }

    /// <summary>Value exposed to physical damage, CNY.</summary>
    public required double AssetValueCny { get; init; }

    /// <summary>Business-interruption value of one full day of outage, CNY.</summary>
    public required double BiCnyPerDay { get; init; }

    /// <summary>Share of BI avoided by failover, 0–1.</summary>
    public required double Failover { get; init; }

    /// <summary>Renewable share of electricity re_s(t), 0–1.</summary>
    public required YearCurve RenewableShare { get; init; }

    /// <summary>Scope 1 emissions, tCO2/yr.</summary>
    public required double Scope1T { get; init; }

    /// <summary>Electricity price in the base year, CNY/MWh.</summary>
    public required double ElectricityPriceCnyPerMwh { get; init; }

    /// <summary>Water price, CNY/m³.</summary>
    public required double WaterPriceCnyPerM3 { get; init; }

    /// <summary>On-site water storage, hours.</summary>
    public required double WaterStorageH { get; init; }

    /// <summary>Land amplification of global warming a_s.</summary>
    public required double LandAmplification { get; init; }

    /// <summary>Baseline climate.</summary>
    public required SiteClimate Climate { get; init; }

    /// <summary>Extreme-heat parameters.</summary>
    public required HeatShortfall Heat { get; init; }

    /// <summary>Water-stress parameters.</summary>
    public required DroughtExposure Drought { get; init; }

    /// <summary>River/pluvial flood exposure, or null when the site has no flood hazard.</summary>
    public FloodExposure? Flood { get; init; }

    /// <summary>Coastal flood exposure, or null when the site is not coastal.</summary>
    public SurgeExposure? Surge { get; init; }

    /// <summary>Typhoon wind exposure, or null when the site has none.</summary>
    public WindExposure? Wind { get; init; }
}
