using ClimateRisk.Core.Finance;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// The per-path statement effects of MODEL §15, read from a (scenario, year)'s path buffers:
/// OpEx = climate energy + drought energy + carbon + surcharge + green-power premium;
/// CapEx = direct damage (net: − property recoveries); revenue = every BI (net: − BI
/// recoveries); EBITDA = OpEx + revenue, added per path so its quantiles are those of the sum.
/// The premium change is not here: it is the same on every path and is added after the
/// reduction (<see cref="FinancialEffects"/>).
/// </summary>
internal static class FinancialSeries
{
    /// <summary>Rows of the running NPVs per entity: OpEx, CapEx gross, CapEx net, revenue gross, revenue net.</summary>
    public const int NpvRows = 5;

    /// <summary>Writes the effect of <paramref name="item"/> on <paramref name="basis"/> for every path of <paramref name="entity"/> into <paramref name="destination"/>.</summary>
    public static void Fill(PathBuffers b, int entity, FinancialItem item, FinancialBasis basis, Span<double> destination)
    {
        var n = b.Paths;
        var net = basis == FinancialBasis.Net;
        for (var p = 0; p < n; p++)
        {
            var i = (entity * n) + p;
            destination[p] = item switch
            {
                FinancialItem.Opex => Opex(b, i),
                FinancialItem.Capex => Capex(b, i, net),
                FinancialItem.Revenue => Revenue(b, i, net),
                _ => Opex(b, i) + Revenue(b, i, net),
            };
        }
    }

    /// <summary>
    /// Adds the year's discounted OpEx, CapEx and revenue effects to <see cref="PathBuffers.FinancialNpv"/>
    /// for the path rows [<paramref name="firstRow"/>, <paramref name="firstRow"/> + <paramref name="rowCount"/>)
    /// of the entity-major layout, so disjoint ranges can run on different threads with the same result.
    /// </summary>
    public static void Accumulate(PathBuffers b, double discount, int firstRow, int rowCount)
    {
        var rows = b.Entities * b.Paths;
        var npv = b.FinancialNpv;
        for (var i = firstRow; i < firstRow + rowCount; i++)
        {
            npv[i] += discount * Opex(b, i);
            npv[rows + i] += discount * Capex(b, i, net: false);
            npv[(2 * rows) + i] += discount * Capex(b, i, net: true);
            npv[(3 * rows) + i] += discount * Revenue(b, i, net: false);
            npv[(4 * rows) + i] += discount * Revenue(b, i, net: true);
        }
    }

    /// <summary>Writes the NPV of <paramref name="item"/> on <paramref name="basis"/> (without the premium change) for every path of <paramref name="entity"/>.</summary>
    public static void FillNpv(PathBuffers b, int entity, FinancialItem item, FinancialBasis basis, Span<double> destination)
    {
        var n = b.Paths;
        var rows = b.Entities * n;
        var npv = b.FinancialNpv;
        var net = basis == FinancialBasis.Net ? 1 : 0;
        for (var p = 0; p < n; p++)
        {
            var i = (entity * n) + p;
            destination[p] = item switch
            {
                FinancialItem.Opex => npv[i],
                FinancialItem.Capex => npv[((1 + net) * rows) + i],
                FinancialItem.Revenue => npv[((3 + net) * rows) + i],
                _ => npv[i] + npv[((3 + net) * rows) + i],
            };
        }
    }

    private static double Value(PathBuffers b, Metric metric, int i) => b.Values[((int)metric * b.Entities * b.Paths) + i];

    private static double Opex(PathBuffers b, int i)
        => Value(b, Metric.ClimateEnergyCostCny, i) + Value(b, Metric.DroughtEnergyCny, i) + Value(b, Metric.CarbonCostCny, i)
            + Value(b, Metric.PueSurchargeCny, i) + Value(b, Metric.RenewablePremiumCny, i);

    private static double Capex(PathBuffers b, int i, bool net)
    {
        var gross = Value(b, Metric.FloodDirectCny, i) + Value(b, Metric.SurgeDirectCny, i) + Value(b, Metric.WindDirectCny, i);
        return net ? gross - Value(b, Metric.InsuredPropertyCny, i) : gross;
    }

    private static double Revenue(PathBuffers b, int i, bool net)
    {
        var gross = Value(b, Metric.FloodBiCny, i) + Value(b, Metric.SurgeBiCny, i) + Value(b, Metric.WindBiCny, i)
            + Value(b, Metric.HeatBiCny, i) + Value(b, Metric.DroughtBiCny, i);
        return net ? gross - Value(b, Metric.InsuredBiCny, i) : gross;
    }
}
