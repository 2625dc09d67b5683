using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Numerics.Internal;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(PathBuffers b, int entity, FinancialItem item, FinancialBasis basis, Span<double> destination)
    {
        var n = b.Paths;
        var values = b.Values;
        var stride = b.Entities * n;
        var net = basis == FinancialBasis.Net;
        if ((uint)entity >= (uint)b.Entities || destination.Length < n)
        {
            throw new ArgumentOutOfRangeException(nameof(entity), entity, "No such entity, or the destination is shorter than the paths.");
        }

        var p = Vector512.IsHardwareAccelerated ? FillRegisters<Lanes512>(values, stride, entity * n, n, item, net, destination)
            : Vector256.IsHardwareAccelerated ? FillRegisters<Lanes256>(values, stride, entity * n, n, item, net, destination)
            : 0;
        for (; p < n; p++)
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
    /// <see cref="Fill"/> on whole registers of paths, with the scalar <see cref="Opex"/>,
    /// <see cref="Capex"/> and <see cref="Revenue"/>'s additions in the same order, so every lane
    /// is bit for bit the scalar result. Returns the paths done; bounds are checked by the caller
    /// (every metric's row of the entity holds <paramref name="n"/> paths from <paramref name="first"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int FillRegisters<T>(ReadOnlySpan<double> values, int stride, int first, int n, FinancialItem item, bool net, Span<double> destination)
        where T : struct, ILanes<T>
    {
        ref readonly var r = ref MemoryMarshal.GetReference(values);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var p = 0;
        for (; p <= n - T.Count; p += T.Count)
        {
            var i = first + p;
            var value = item switch
            {
                FinancialItem.Opex => OpexLanes<T>(in r, stride, i),
                FinancialItem.Capex => CapexLanes<T>(in r, stride, i, net),
                FinancialItem.Revenue => RevenueLanes<T>(in r, stride, i, net),
                _ => OpexLanes<T>(in r, stride, i) + RevenueLanes<T>(in r, stride, i, net),
            };
            T.Store(value, ref d, (nuint)p);
        }

        return p;
    }

    /// <summary>
    /// <paramref name="destination"/>[p] −= the entity's <paramref name="insured"/> row: CapEx or
    /// revenue net from the gross values <see cref="Fill"/> wrote there — the same subtraction as
    /// Fill's net basis, so the same bits, without reading the gross rows again.
    /// </summary>
    public static void SubtractRecoveries(PathBuffers b, int entity, Metric insured, Span<double> destination)
    {
        var n = b.Paths;
        if ((uint)entity >= (uint)b.Entities || destination.Length < n || insured is not (Metric.InsuredPropertyCny or Metric.InsuredBiCny))
        {
            throw new ArgumentOutOfRangeException(nameof(entity), entity, "No such entity or recovery row, or the destination is shorter than the paths.");
        }

        Combine<Minus>(destination[..n], b.Values.Slice((((int)insured * b.Entities) + entity) * n, n), destination);
    }

    /// <summary>
    /// <paramref name="destination"/>[p] = <paramref name="opex"/>[p] + <paramref name="revenue"/>[p]:
    /// EBITDA from the OpEx and revenue rows <see cref="Fill"/> wrote — Fill's own last addition
    /// for EBITDA, so the same bits, without reading their ten or eleven metric rows again.
    /// </summary>
    public static void AddOpexAndRevenue(ReadOnlySpan<double> opex, ReadOnlySpan<double> revenue, Span<double> destination)
    {
        if (revenue.Length != opex.Length || destination.Length < opex.Length)
        {
            throw new ArgumentException($"Rows of {opex.Length} and {revenue.Length} values into {destination.Length}.", nameof(revenue));
        }

        Combine<Plus>(opex, revenue, destination);
    }

    /// <summary>destination[p] = TOperation(x[p], y[p]) on whole registers, then one value at a time; x, y and destination the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Combine<TOperation>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> destination)
        where TOperation : struct, IRowOperation
    {
        ref readonly var xr = ref MemoryMarshal.GetReference(x);
        ref readonly var yr = ref MemoryMarshal.GetReference(y);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var p = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; p <= x.Length - Vector512<double>.Count; p += Vector512<double>.Count)
            {
                TOperation.Invoke(Vector512.LoadUnsafe(in xr, (nuint)p), Vector512.LoadUnsafe(in yr, (nuint)p)).StoreUnsafe(ref d, (nuint)p);
            }
        }

        for (; p < x.Length; p++)
        {
            Unsafe.Add(ref d, p) = TOperation.Invoke(Unsafe.Add(ref Unsafe.AsRef(in xr), p), Unsafe.Add(ref Unsafe.AsRef(in yr), p));
        }
    }

    /// <summary>An IEEE operation of two rows, element by element (no fused forms: the bits of the scalar expression).</summary>
    private interface IRowOperation
    {
        static abstract double Invoke(double x, double y);

        static abstract Vector512<double> Invoke(Vector512<double> x, Vector512<double> y);
    }

    private readonly struct Plus : IRowOperation
    {
        public static double Invoke(double x, double y) => x + y;

        public static Vector512<double> Invoke(Vector512<double> x, Vector512<double> y) => x + y;
    }

    private readonly struct Minus : IRowOperation
    {
        public static double Invoke(double x, double y) => x - y;

        public static Vector512<double> Invoke(Vector512<double> x, Vector512<double> y) => x - y;
    }

    /// <summary>Paths of one row held side by side in <see cref="PathBuffers.FinancialNpv"/> before the next row's (<see cref="NpvIndex"/>): one 64-byte line.</summary>
    public const int NpvGroup = 8;

    /// <summary>
    /// How far ahead of the register being added <see cref="AccumulateBlock"/> asks for the NPV
    /// lines, in groups (16 groups of 5 lines: 5 KB). Measured from 4 to 32 groups, 8 to 24 about alike; see docs/performance.md, "Sixth session".
    /// </summary>
    private const int PrefetchGroups = 16;

    /// <summary>
    /// Index of path <paramref name="path"/>'s NPV row <paramref name="row"/> of entity
    /// <paramref name="entity"/> in <see cref="PathBuffers.FinancialNpv"/> (<paramref name="paths"/>
    /// paths). The layout is [block][entity][group][row][path in group], with blocks of
    /// <see cref="PathKernel.BlockSize"/> paths and groups of <see cref="NpvGroup"/>: the order in
    /// which the kernel adds to them (block by block, entity by entity, a register of paths at a
    /// time, every row), so that with one worker a year's read-modify-write of all the NPVs is one
    /// sequential pass over the array. The last block and its last group are as wide as the paths
    /// left, so the array holds exactly <see cref="NpvRows"/> · entities · paths values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int NpvIndex(int entities, int paths, int entity, int row, int path)
    {
        var blockStart = path & ~(PathKernel.BlockSize - 1);
        var blockWidth = Math.Min(PathKernel.BlockSize, paths - blockStart);
        var within = path - blockStart;
        var groupStart = within & ~(NpvGroup - 1);
        var groupWidth = Math.Min(NpvGroup, blockWidth - groupStart);
        return (((blockStart * entities) + (entity * blockWidth) + groupStart) * NpvRows) + (row * groupWidth) + (within - groupStart);
    }

    /// <summary>
    /// Adds a block's discounted OpEx, CapEx and revenue effects to the running NPVs of entity
    /// <paramref name="entity"/>: path p's metrics are <c>rows[metric · rowStride + p]</c> (the
    /// kernel's rows, p &lt; <paramref name="count"/>), and its NPVs are those of path
    /// <paramref name="firstPath"/> + p in <paramref name="npv"/>, which holds the NPVs of
    /// <paramref name="entities"/> entities laid out by <see cref="NpvIndex"/>.
    /// Each path is one thread's, so blocks can run on different threads with the same result.
    /// With <paramref name="start"/> the NPVs are set to +0 plus the block's values without being
    /// read: the bits of an add to cleared NPVs (+0 + y is y, and +0 for y = −0), for a scenario's first year.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateBlock(ReadOnlySpan<double> rows, int rowStride, int count, double discount, Span<double> npv, int entities, int entity, int firstPath, bool start = false)
    {
        var paths = entities > 0 ? npv.Length / (entities * NpvRows) : 0;
        if ((uint)count > (uint)rowStride || rows.Length < (MetricNames.Count - 1) * rowStride + count
            || (uint)entity >= (uint)entities || npv.Length != paths * entities * NpvRows
            || firstPath < 0 || firstPath > paths - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The block's rows or NPV rows are shorter than the block.");
        }

        // Registers take whole groups; a block that does not start or end on one (only the
        // scalar reference kernel's single paths, the last paths, and tests) goes path by path there.
        var p = 0;
        for (; p < count && (firstPath + p) % NpvGroup != 0; p++)
        {
            AccumulatePath(rows, rowStride, p, discount, npv, entities, paths, entity, firstPath + p, start);
        }

        p = start
            ? AccumulateRegisters<IAccumulation.Start>(rows, rowStride, p, count, discount, npv, entities, paths, entity, firstPath)
            : AccumulateRegisters<IAccumulation.Add>(rows, rowStride, p, count, discount, npv, entities, paths, entity, firstPath);
        for (; p < count; p++)
        {
            AccumulatePath(rows, rowStride, p, discount, npv, entities, paths, entity, firstPath + p, start);
        }
    }

    /// <summary>Path p of the rows added to its NPVs (path <paramref name="path"/> in <paramref name="npv"/>).</summary>
    private static void AccumulatePath(ReadOnlySpan<double> rows, int rowStride, int p, double discount, Span<double> npv, int entities, int paths, int entity, int path, bool start)
    {
        Add(ref npv[NpvIndex(entities, paths, entity, 0, path)], discount * Opex(rows, rowStride, p), start);
        Add(ref npv[NpvIndex(entities, paths, entity, 1, path)], discount * Capex(rows, rowStride, p, net: false), start);
        Add(ref npv[NpvIndex(entities, paths, entity, 2, path)], discount * Capex(rows, rowStride, p, net: true), start);
        Add(ref npv[NpvIndex(entities, paths, entity, 3, path)], discount * Revenue(rows, rowStride, p, net: false), start);
        Add(ref npv[NpvIndex(entities, paths, entity, 4, path)], discount * Revenue(rows, rowStride, p, net: true), start);

        // Started: +0 + value, the bits of an add to a cleared NPV.
        static void Add(ref double npv, double value, bool start) => npv = (start ? 0.0 : npv) + value;
    }

    /// <summary><see cref="AccumulateRegisters{T, TStep}"/> on the widest registers the machine has (none: returns <paramref name="start"/>).</summary>
    private static int AccumulateRegisters<TStep>(ReadOnlySpan<double> rows, int rowStride, int start, int count, double discount, Span<double> npv, int entities, int paths, int entity, int firstPath)
        where TStep : struct, IAccumulation
        => Vector512.IsHardwareAccelerated ? AccumulateRegisters<Lanes512, TStep>(rows, rowStride, start, count, discount, npv, entities, paths, entity, firstPath)
            : Vector256.IsHardwareAccelerated ? AccumulateRegisters<Lanes256, TStep>(rows, rowStride, start, count, discount, npv, entities, paths, entity, firstPath)
            : start;

    /// <summary>
    /// <see cref="AccumulateBlock"/> on the whole groups of paths from path <paramref name="start"/>,
    /// which begins a group: the same additions in the same order as the scalar <see cref="Opex"/>,
    /// <see cref="Capex"/>, <see cref="Revenue"/>, and the multiply and add kept apart (never fused),
    /// so every lane is bit for bit the scalar result. Returns the paths done. Bounds are checked
    /// once by the caller.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int AccumulateRegisters<T, TStep>(ReadOnlySpan<double> rows, int rowStride, int start, int count, double discount, Span<double> npv, int entities, int paths, int entity, int firstPath)
        where T : struct, ILanes<T>
        where TStep : struct, IAccumulation
    {
        ref readonly var r = ref MemoryMarshal.GetReference(rows);
        ref var n = ref MemoryMarshal.GetReference(npv);
        var d = T.Create(discount);
        var p = start;
        const int prefetch = PrefetchGroups * NpvRows * NpvGroup;
        for (; p <= count - NpvGroup && firstPath + p + NpvGroup <= paths; p += NpvGroup)
        {
            // A whole group: its rows are NpvGroup apart.
            var group = NpvIndex(entities, paths, entity, 0, firstPath + p);
            // Prefetched when started too: a store to a line not in cache waits for the line as a load does.
            if (System.Runtime.Intrinsics.X86.Sse.IsSupported && group + prefetch + (NpvRows * NpvGroup) <= npv.Length)
            {
                Prefetch(ref Unsafe.Add(ref n, group + prefetch));
            }

            for (var k = 0; k < NpvGroup; k += T.Count)
            {
                var i = group + k;
                var q = p + k;
                var opex = OpexLanes<T>(in r, rowStride, q);
                var capex = CapexLanes<T>(in r, rowStride, q, net: false);
                var revenue = RevenueLanes<T>(in r, rowStride, q, net: false);
                Add(ref n, i, d * opex);
                Add(ref n, NpvGroup + i, d * capex);
                Add(ref n, (2 * NpvGroup) + i, d * (capex - V<T>(in r, Metric.InsuredPropertyCny, rowStride, q)));
                Add(ref n, (3 * NpvGroup) + i, d * revenue);
                Add(ref n, (4 * NpvGroup) + i, d * (revenue - V<T>(in r, Metric.InsuredBiCny, rowStride, q)));
            }
        }

        return p;

        static void Add(ref double destination, int index, T value) => T.Store((TStep.Starts ? T.Create(0.0) : T.Load(in destination, (nuint)index)) + value, ref destination, (nuint)index);
    }

    /// <summary>
    /// Asks for the <see cref="NpvRows"/> lines of one group from <paramref name="first"/> on.
    /// The hardware prefetchers follow the one stream, but not far enough ahead for a loop that
    /// needs five new lines every few nanoseconds. A prefetch never faults and writes nothing, so
    /// an address that a collection has made stale (an array too small for
    /// <see cref="PathMemory"/> to pin) costs only the useless request.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(ref double first)
    {
        var line = (double*)Unsafe.AsPointer(ref first);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(line);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(line + NpvGroup);
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(line + (2 * NpvGroup));
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(line + (3 * NpvGroup));
        System.Runtime.Intrinsics.X86.Sse.Prefetch0(line + (4 * NpvGroup));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T V<T>(ref readonly double rows, Metric metric, int stride, int p)
        where T : struct, ILanes<T>
        => T.Load(in rows, (nuint)(((int)metric * stride) + p));

    /// <summary><see cref="Opex"/> on a register of paths: the same additions in the same order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T OpexLanes<T>(ref readonly double v, int stride, int i)
        where T : struct, ILanes<T>
        => V<T>(in v, Metric.ClimateEnergyCostCny, stride, i) + V<T>(in v, Metric.DroughtEnergyCny, stride, i) + V<T>(in v, Metric.CarbonCostCny, stride, i)
            + V<T>(in v, Metric.PueSurchargeCny, stride, i) + V<T>(in v, Metric.RenewablePremiumCny, stride, i);

    /// <summary><see cref="Capex"/> on a register of paths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T CapexLanes<T>(ref readonly double v, int stride, int i, bool net)
        where T : struct, ILanes<T>
    {
        var gross = V<T>(in v, Metric.FloodDirectCny, stride, i) + V<T>(in v, Metric.SurgeDirectCny, stride, i) + V<T>(in v, Metric.WindDirectCny, stride, i);
        return net ? gross - V<T>(in v, Metric.InsuredPropertyCny, stride, i) : gross;
    }

    /// <summary><see cref="Revenue"/> on a register of paths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T RevenueLanes<T>(ref readonly double v, int stride, int i, bool net)
        where T : struct, ILanes<T>
    {
        var gross = V<T>(in v, Metric.FloodBiCny, stride, i) + V<T>(in v, Metric.SurgeBiCny, stride, i) + V<T>(in v, Metric.WindBiCny, stride, i)
            + V<T>(in v, Metric.HeatBiCny, stride, i) + V<T>(in v, Metric.DroughtBiCny, stride, i);
        return net ? gross - V<T>(in v, Metric.InsuredBiCny, stride, i) : gross;
    }

    /// <summary>Writes the NPV of <paramref name="item"/> on <paramref name="basis"/> (without the premium change) for every path of <paramref name="entity"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillNpv(PathBuffers b, int entity, FinancialItem item, FinancialBasis basis, Span<double> destination)
    {
        var n = b.Paths;
        if ((uint)entity >= (uint)b.Entities || destination.Length < n)
        {
            throw new ArgumentOutOfRangeException(nameof(entity), entity, "No such entity, or the destination is shorter than the paths.");
        }

        ReadOnlySpan<double> npv = b.FinancialNpv;
        var net = basis == FinancialBasis.Net ? 1 : 0;
        for (var first = 0; first < n; first += NpvGroup)
        {
            var count = Math.Min(NpvGroup, n - first);
            var opex = npv.Slice(NpvIndex(b.Entities, n, entity, 0, first), count);
            var capex = npv.Slice(NpvIndex(b.Entities, n, entity, 1 + net, first), count);
            var revenue = npv.Slice(NpvIndex(b.Entities, n, entity, 3 + net, first), count);
            var target = destination.Slice(first, count);
            switch (item)
            {
                case FinancialItem.Opex:
                    opex.CopyTo(target);
                    break;
                case FinancialItem.Capex:
                    capex.CopyTo(target);
                    break;
                case FinancialItem.Revenue:
                    revenue.CopyTo(target);
                    break;
                default:
                    for (var p = 0; p < count; p++)
                    {
                        target[p] = opex[p] + revenue[p];
                    }

                    break;
            }
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
