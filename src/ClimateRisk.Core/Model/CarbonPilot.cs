namespace ClimateRisk.Core.Model;

/// <summary>
/// A regional pilot emissions-trading scheme that prices a data centre's emissions, purchased
/// electricity included, where the national scheme does not (MODEL §10; e.g. the Beijing pilot
/// ETS, which covers direct and indirect emissions of units above 5,000 tCO2/yr).
/// </summary>
public sealed record CarbonPilot
{
    /// <summary>Jurisdiction key: the slug of the province (or municipality) a site lies in, e.g. <c>beijing</c>.</summary>
    public required string Jurisdiction { get; init; }

    /// <summary>Median allowance price P_j(t), CNY/t, linear between the given years, flat outside.</summary>
    public required YearCurve PriceCnyPerT { get; init; }

    /// <summary>
    /// Share cov_j(t) of a covered site's Scope 1 + market-based Scope 2 that carries the pilot
    /// price (1 − the free-allocation share), 0–1, linear between the given years.
    /// </summary>
    public required YearCurve Coverage { get; init; }

    /// <summary>
    /// Inclusion threshold, tCO2/yr: a site is covered when its base-year emissions (Scope 1 +
    /// market-based Scope 2 at the reported PUE and the base-year grid factor) reach it.
    /// </summary>
    public required double ThresholdT { get; init; }

    /// <summary>Where the figures come from (the <c>source</c> column of the first row).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>
    /// Base-year emissions of <paramref name="site"/> that the threshold is compared with, tCO2:
    /// Scope 1 + IT load × 8760 h × reported PUE × EF_s(t0) × (1 − renewable share in t0).
    /// </summary>
    public static double BaseYearEmissionsT(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        const int T0 = Simulation.SimulationSettings.BaseYear;
        return site.Scope1T + (site.ItLoadMw * 8760.0 * site.ReportedPue * site.BaseGridFactorTPerMwh * (1 - site.RenewableShare.At(T0)));
    }

    /// <summary>Whether <paramref name="site"/> is above the inclusion threshold.</summary>
    public bool Covers(Site site) => BaseYearEmissionsT(site) >= ThresholdT;
}
