namespace ClimateRisk.Core.Simulation;

/// <summary>The snake_case names under which metrics appear in files (docs/data.md).</summary>
public static class MetricNames
{
    private static readonly string[] Names =
    [
        "flood_direct_cny", "flood_bi_cny", "surge_direct_cny", "surge_bi_cny", "wind_direct_cny",
        "wind_bi_cny", "heat_bi_cny", "drought_energy_cny", "drought_bi_cny", "physical_loss_cny",
        "pue", "pue_drift", "pue_limit_breach", "facility_energy_mwh", "energy_cost_cny",
        "climate_energy_cost_cny", "scope2_location_t", "scope2_market_t", "carbon_cost_cny",
        "pue_surcharge_cny", "renewable_premium_cny", "water_m3", "water_cost_cny",
        "total_climate_cost_cny", "insured_property_cny", "insured_bi_cny", "retained_loss_cny",
        "impairment_cny", "insured_flood_cny", "insured_surge_cny", "insured_wind_cny",
    ];

    /// <summary>Number of metrics.</summary>
    public static int Count => Names.Length;

    /// <summary>All metrics in file order.</summary>
    public static IReadOnlyList<Metric> All { get; } = Enumerable.Range(0, Names.Length).Select(i => (Metric)i).ToArray();

    /// <summary>The file name of <paramref name="metric"/>.</summary>
    public static string Name(this Metric metric) => Names[(int)metric];

    /// <summary>The metric with file name <paramref name="name"/>, if any.</summary>
    public static bool TryParse(string name, out Metric metric)
    {
        var i = Array.IndexOf(Names, name);
        metric = (Metric)Math.Max(i, 0);
        return i >= 0;
    }
}
