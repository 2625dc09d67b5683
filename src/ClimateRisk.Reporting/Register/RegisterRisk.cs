using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Reporting.Register;

/// <summary>
/// One risk of the register (MODEL §13): its key, short code, TCFD/ISSB category, the result
/// metrics that measure its annual financial effect, and which sites are exposed to it.
/// </summary>
public sealed class RegisterRisk
{
    private readonly Func<Site, bool> _exposed;

    private RegisterRisk(string key, string code, string name, string shortName, string category, IReadOnlyList<Metric> metrics, Func<Site, bool> exposed, string exposureSource, Metric? recovery = null)
    {
        Recovery = recovery;
        Key = key;
        Code = code;
        Name = name;
        ShortName = shortName;
        Category = category;
        Metrics = metrics;
        _exposed = exposed;
        ExposureSource = exposureSource;
    }

    /// <summary>Key used in data/register/controls.csv, e.g. <c>flood</c>.</summary>
    public string Key { get; }

    /// <summary>Two-letter code used in risk ids, e.g. <c>FL</c>.</summary>
    public string Code { get; }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>A short name for headlines.</summary>
    public string ShortName { get; }

    /// <summary>TCFD / ISSB category: acute physical, chronic physical, policy &amp; legal, market, technology.</summary>
    public string Category { get; }

    /// <summary>The metrics whose sum is the risk's annual financial effect.</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>The insurance recoveries of the risk's events (MODEL §15), or null when insurance does not cover it.</summary>
    public Metric? Recovery { get; }

    /// <summary>Where exposure is decided, relative to the data directory (for rows of sites that are not exposed).</summary>
    public string ExposureSource { get; }

    /// <summary>Whether <paramref name="site"/> is exposed (has the hazard's data row).</summary>
    public bool IsExposed(Site site) => _exposed(site);

    /// <summary>The register's risks, in register order.</summary>
    public static IReadOnlyList<RegisterRisk> All { get; } =
    [
        new("flood", "FL", "River and pluvial flood", "Flood", RiskCategory.AcutePhysical, [Metric.FloodDirectCny, Metric.FloodBiCny], s => s.Flood is not null, "hazard/flood_depth.csv", Metric.InsuredFloodCny),
        new("coastal_flood", "CF", "Coastal flood (surge + sea-level rise)", "Coastal flood", RiskCategory.AcutePhysical, [Metric.SurgeDirectCny, Metric.SurgeBiCny], s => s.Surge is not null, "hazard/surge_gev.csv", Metric.InsuredSurgeCny),
        new("typhoon", "TY", "Typhoon wind", "Typhoon", RiskCategory.AcutePhysical, [Metric.WindDirectCny, Metric.WindBiCny], s => s.Wind is not null, "hazard/wind_gumbel.csv", Metric.InsuredWindCny),
        new("extreme_heat", "EH", "Extreme heat (cooling shortfall)", "Extreme heat", RiskCategory.AcutePhysical, [Metric.HeatBiCny], _ => true, string.Empty),
        new("chronic_heat_pue", "CH", "Chronic heat / PUE drift", "PUE drift", RiskCategory.ChronicPhysical, [Metric.ClimateEnergyCostCny], _ => true, string.Empty),
        new("water_stress", "WS", "Water stress (drought restrictions)", "Water stress", RiskCategory.ChronicPhysical, [Metric.DroughtEnergyCny, Metric.DroughtBiCny], _ => true, string.Empty),
        new("carbon_price", "CP", "Carbon price", "Carbon price", RiskCategory.PolicyLegal, [Metric.CarbonCostCny], _ => true, string.Empty),
        new("grid_electricity_price", "GE", "Grid mix and electricity price (green-power premium)", "Green-power premium", RiskCategory.Market, [Metric.RenewablePremiumCny], _ => true, string.Empty),
        new("efficiency_regulation", "ER", "Efficiency regulation (PUE limits)", "PUE regulation", RiskCategory.PolicyLegal, [Metric.PueSurchargeCny], _ => true, string.Empty),
    ];
}
