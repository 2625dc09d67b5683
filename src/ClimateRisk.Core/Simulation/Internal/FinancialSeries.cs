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
        var values = b.Values;
        var stride = b.Entities * n;
        var net = basis == FinancialBasis.Net;
        for (var p = 0; p < n; p++)
        {
            var i = (entity * n) + p;
            destination[p] = item switch
            {
                FinancialItem.Opex => Opex(values, stride, i),
                FinancialItem.Capex => Capex(values, stride, i, net),
                FinancialItem.Revenue => Revenue(values, stride, i, net),
                _ => Opex(values, stride, i) + Revenue(values, stride, i, net),
            };
        }
    }

    /// <summary>
    /// Adds a block's discounted OpEx, CapEx and revenue effects to the running NPVs: path p's
    /// metrics are <c>rows[metric · rowStride + p]</c> (the kernel's rows, p &lt; <paramref name="count"/>),
    /// and its NPVs <c>npv[r · npvStride + firstNpv + p]</c> for the rows r of <see cref="NpvRows"/>.
    /// Each path is one thread's, so blocks can run on different threads with the same result.
    /// </summary>
    public static void AccumulateBlock(ReadOnlySpan<double> rows, int rowStride, int count, double discount, Span<double> npv, int npvStride, int firstNpv)
    {
        var opex = npv.Slice(firstNpv, count);
        var capexGross = npv.Slice(npvStride + firstNpv, count);
        var capexNet = npv.Slice((2 * npvStride) + firstNpv, count);
        var revenueGross = npv.Slice((3 * npvStride) + firstNpv, count);
        var revenueNet = npv.Slice((4 * npvStride) + firstNpv, count);
        for (var p = 0; p < count; p++)
        {
            opex[p] += discount * Opex(rows, rowStride, p);
            capexGross[p] += discount * Capex(rows, rowStride, p, net: false);
            capexNet[p] += discount * Capex(rows, rowStride, p, net: true);
            revenueGross[p] += discount * Revenue(rows, rowStride, p, net: false);
            revenueNet[p] += discount * Revenue(rows, rowStride, p, net: true);
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

    private static double Value(ReadOnlySpan<double> values, int stride, Metric metric, int i) => values[((int)metric * stride) + i];

    private static double Opex(ReadOnlySpan<double> v, int stride, int i)
        => Value(v, stride, Metric.ClimateEnergyCostCny, i) + Value(v, stride, Metric.DroughtEnergyCny, i) + Value(v, stride, Metric.CarbonCostCny, i)
            + Value(v, stride, Metric.PueSurchargeCny, i) + Value(v, stride, Metric.RenewablePremiumCny, i);

    private static double Capex(ReadOnlySpan<double> v, int stride, int i, bool net)
    {
        var gross = Value(v, stride, Metric.FloodDirectCny, i) + Value(v, stride, Metric.SurgeDirectCny, i) + Value(v, stride, Metric.WindDirectCny, i);
        return net ? gross - Value(v, stride, Metric.InsuredPropertyCny, i) : gross;
    }

    private static double Revenue(ReadOnlySpan<double> v, int stride, int i, bool net)
    {
        var gross = Value(v, stride, Metric.FloodBiCny, i) + Value(v, stride, Metric.SurgeBiCny, i) + Value(v, stride, Metric.WindBiCny, i)
            + Value(v, stride, Metric.HeatBiCny, i) + Value(v, stride, Metric.DroughtBiCny, i);
        return net ? gross - Value(v, stride, Metric.InsuredBiCny, i) : gross;
    }
}
