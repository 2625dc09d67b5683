namespace ClimateRisk.Core.Model;

/// <summary>A site's baseline climate (MODEL §3–5).</summary>
public sealed record SiteClimate
{
    /// <summary>12 monthly mean dry-bulb temperatures μ_m, January first, °C.</summary>
    public required IReadOnlyList<double> MonthlyMeanC { get; init; }

    /// <summary>Within-month s.d. of hourly temperature σ_h, °C.</summary>
    public required double HourlySdC { get; init; }

    /// <summary>Mean of summer (JJA) daily maximum temperature μ_x, °C.</summary>
    public required double SummerTmaxMeanC { get; init; }

    /// <summary>S.d. of summer daily maximum temperature σ_x, °C.</summary>
    public required double SummerTmaxSdC { get; init; }

    /// <summary>S.d. of the interannual anomaly σ_iav, °C.</summary>
    public required double InterannualSdC { get; init; }
}
