using System.Globalization;
using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Core.Sensitivity;

/// <summary>
/// One output whose variance is decomposed: a metric at a horizon year, or the NPV of total
/// climate cost (<see cref="Year"/> = null).
/// </summary>
/// <param name="Metric">The metric (total climate cost for the NPV).</param>
/// <param name="Year">Calendar year, or null for the NPV over the simulated years.</param>
public sealed record SensitivityHeadline(Metric Metric, int? Year)
{
    /// <summary>The horizon column of results/sensitivity.csv: the year, or <c>npv</c>.</summary>
    public string Horizon => Year is { } y ? y.ToString(CultureInfo.InvariantCulture) : "npv";

    /// <summary>
    /// The headlines of a run: total climate cost at every horizon, its NPV, physical loss at the
    /// last horizon and PUE at the first and last horizons (2030, 2040, 2050, NPV; 2050; 2030 and
    /// 2050 with the default horizons) — only horizons inside the simulated years.
    /// </summary>
    public static IReadOnlyList<SensitivityHeadline> Of(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var horizons = settings.Horizons.Where(y => y >= settings.FirstYear && y <= settings.LastYear).Distinct().Order().ToArray();
        var list = horizons.Select(y => new SensitivityHeadline(Metric.TotalClimateCostCny, y)).ToList();
        list.Add(new SensitivityHeadline(Metric.TotalClimateCostCny, null));
        if (horizons.Length > 0)
        {
            list.Add(new SensitivityHeadline(Metric.PhysicalLossCny, horizons[^1]));
            list.Add(new SensitivityHeadline(Metric.Pue, horizons[0]));
            if (horizons.Length > 1)
            {
                list.Add(new SensitivityHeadline(Metric.Pue, horizons[^1]));
            }
        }

        return list;
    }
}
