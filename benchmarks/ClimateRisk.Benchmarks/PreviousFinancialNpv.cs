using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The running financial NPVs' accumulation before the sixth session (39af694): rows
/// [row][entity][path], five read-modify-write streams 2 KB long per block, 2.9 MB apart at
/// 100,000 paths, no prefetch. Kept for <see cref="FinancialNpvBenchmarks"/> (AVX-512 only).
/// </summary>
internal static class PreviousFinancialNpv
{
    public static void AccumulateBlock(ReadOnlySpan<double> rows, int rowStride, int count, double discount, Span<double> npv, int npvStride, int firstNpv)
    {
        ref readonly var r = ref MemoryMarshal.GetReference(rows);
        ref var n = ref MemoryMarshal.GetReference(npv);
        var d = Vector512.Create(discount);
        for (var p = 0; p <= count - 8; p += 8)
        {
            var opex = V(in r, Metric.ClimateEnergyCostCny, rowStride, p) + V(in r, Metric.DroughtEnergyCny, rowStride, p) + V(in r, Metric.CarbonCostCny, rowStride, p)
                + V(in r, Metric.PueSurchargeCny, rowStride, p) + V(in r, Metric.RenewablePremiumCny, rowStride, p);
            var capex = V(in r, Metric.FloodDirectCny, rowStride, p) + V(in r, Metric.SurgeDirectCny, rowStride, p) + V(in r, Metric.WindDirectCny, rowStride, p);
            var revenue = V(in r, Metric.FloodBiCny, rowStride, p) + V(in r, Metric.SurgeBiCny, rowStride, p) + V(in r, Metric.WindBiCny, rowStride, p)
                + V(in r, Metric.HeatBiCny, rowStride, p) + V(in r, Metric.DroughtBiCny, rowStride, p);
            Add(ref n, firstNpv + p, d * opex);
            Add(ref n, npvStride + firstNpv + p, d * capex);
            Add(ref n, (2 * npvStride) + firstNpv + p, d * (capex - V(in r, Metric.InsuredPropertyCny, rowStride, p)));
            Add(ref n, (3 * npvStride) + firstNpv + p, d * revenue);
            Add(ref n, (4 * npvStride) + firstNpv + p, d * (revenue - V(in r, Metric.InsuredBiCny, rowStride, p)));
        }

        static Vector512<double> V(ref readonly double rows, Metric metric, int stride, int p) => Vector512.LoadUnsafe(in rows, (nuint)(((int)metric * stride) + p));

        static void Add(ref double destination, int index, Vector512<double> value) => (Vector512.LoadUnsafe(ref destination, (nuint)index) + value).StoreUnsafe(ref destination, (nuint)index);
    }
}
