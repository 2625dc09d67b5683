using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// The block kernel's per-path driver arithmetic on registers of paths: the path drivers of
/// <see cref="Drivers"/> and the site transforms <see cref="HotDayZ"/> and
/// <see cref="DroughtRate"/>, each with the scalar form's operations in the same order (no
/// fused multiply–add), so every lane is bit for bit the scalar value; the tail of a block
/// that does not fill a register goes through the scalar forms.
/// </summary>
internal sealed partial class PathKernel
{
    /// <summary>
    /// Over a block: warming z → warming since the base period (°C), sea-level z → SLR change (m)
    /// (each from <paramref name="zWarming"/>, <paramref name="zSeaLevel"/> into
    /// <paramref name="warming"/>, <paramref name="seaLevel"/>, which may be the same rows), price
    /// shock → price factor in place; writes the heavy-precipitation frequency multiplier and the
    /// typhoon intensity factor. The carbon and grid shocks pass through.
    /// </summary>
    /// <remarks>
    /// Unless empty, <c>knownBase</c> holds the paths' heavy-precipitation multipliers at their
    /// base-period warming, floored (the frequency multiplier's denominator, which does not depend
    /// on the year), kept by the path-draw cache: read instead of looked up again; unless empty,
    /// <c>keptBase</c> receives them as they are made (the cache's row).
    /// </remarks>
    private void DriversBlock(int yearIndex, ReadOnlySpan<double> zWarming, ReadOnlySpan<double> zSeaLevel, Span<double> warming, Span<double> seaLevel, ReadOnlySpan<double> carbon, ReadOnlySpan<double> grid, Span<double> priceFactors, Span<double> frequency, Span<double> windIntensities, ReadOnlySpan<double> knownBase, Span<double> keptBase)
    {
        var count = warming.Length;
        if (zWarming.Length != count || zSeaLevel.Length != count || seaLevel.Length != count || carbon.Length != count || grid.Length != count || priceFactors.Length != count || frequency.Length != count || windIntensities.Length != count
            || (!knownBase.IsEmpty && knownBase.Length != count) || (!keptBase.IsEmpty && (keptBase.Length != count || !knownBase.IsEmpty)))
        {
            throw new ArgumentException("The driver rows of a block differ in length.", nameof(warming));
        }

        var p = !Vector512.IsHardwareAccelerated && !Vector256.IsHardwareAccelerated ? 0
            : !knownBase.IsEmpty ? DriverRegisters<IBaseMultiplier.Known>(yearIndex, zWarming, zSeaLevel, warming, seaLevel, priceFactors, frequency, windIntensities, knownBase, keptBase)
            : keptBase.IsEmpty ? DriverRegisters<IBaseMultiplier.Made>(yearIndex, zWarming, zSeaLevel, warming, seaLevel, priceFactors, frequency, windIntensities, knownBase, keptBase)
            : DriverRegisters<IBaseMultiplier.Kept>(yearIndex, zWarming, zSeaLevel, warming, seaLevel, priceFactors, frequency, windIntensities, knownBase, keptBase);
        for (; p < count; p++)
        {
            // The scalar form makes the base multiplier itself: the same bits as the lanes'.
            var d = Drivers(yearIndex, zWarming[p], zSeaLevel[p], carbon[p], grid[p], priceFactors[p]);
            (warming[p], seaLevel[p], _, _, priceFactors[p], frequency[p], windIntensities[p]) = d;
            if (!keptBase.IsEmpty)
            {
                keptBase[p] = BaseMultiplier(zWarming[p]);
            }
        }
    }

    /// <summary>The heavy-precipitation multiplier at a path's base-period warming, floored: <see cref="Drivers"/>' denominator.</summary>
    private double BaseMultiplier(double zWarming)
        => Math.Max(_heavyPrecipitation.At(_scenario.GsatMedian0 + (zWarming * _scenario.GsatSigma0)), 1e-9);

    /// <summary>Where <see cref="DriverRegisters{TBase}"/> takes the base-period multiplier from: a type argument, so each is straight code.</summary>
    private interface IBaseMultiplier
    {
        /// <summary>Read from the row.</summary>
        static abstract bool Read { get; }

        /// <summary>Made and written to the row.</summary>
        static abstract bool Write { get; }

        readonly struct Known : IBaseMultiplier
        {
            public static bool Read => true;

            public static bool Write => false;
        }

        readonly struct Made : IBaseMultiplier
        {
            public static bool Read => false;

            public static bool Write => false;
        }

        readonly struct Kept : IBaseMultiplier
        {
            public static bool Read => false;

            public static bool Write => true;
        }
    }

    /// <summary><see cref="DriversBlock"/>'s registers on the widest the machine has; returns the paths done.</summary>
    private int DriverRegisters<TBase>(int yearIndex, ReadOnlySpan<double> zWarming, ReadOnlySpan<double> zSeaLevel, Span<double> warming, Span<double> seaLevel, Span<double> priceFactors, Span<double> frequency, Span<double> windIntensities, ReadOnlySpan<double> knownBase, Span<double> keptBase)
        where TBase : struct, IBaseMultiplier
        => Vector512.IsHardwareAccelerated
            ? DriverRegisters<Lanes512, TBase>(yearIndex, zWarming, zSeaLevel, warming, seaLevel, priceFactors, frequency, windIntensities, knownBase, keptBase)
            : DriverRegisters<Lanes256, TBase>(yearIndex, zWarming, zSeaLevel, warming, seaLevel, priceFactors, frequency, windIntensities, knownBase, keptBase);

    /// <summary><see cref="Drivers"/> on whole registers; returns the paths done. Lengths are checked by the caller.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int DriverRegisters<T, TBase>(int yearIndex, ReadOnlySpan<double> zWarming, ReadOnlySpan<double> zSeaLevel, Span<double> warming, Span<double> seaLevel, Span<double> priceFactors, Span<double> frequency, Span<double> windIntensities, ReadOnlySpan<double> knownBase, Span<double> keptBase)
        where T : struct, ILanes<T>
        where TBase : struct, IBaseMultiplier
    {
        var sp = _scenario;
        var medianNow = T.Create(sp.GsatMedian[yearIndex]);
        var sigmaNow = T.Create(sp.GsatSigma[yearIndex]);
        var medianBase = T.Create(sp.GsatMedian0);
        var sigmaBase = T.Create(sp.GsatSigma0);
        var slrMedian = T.Create(sp.SlrMedianDelta[yearIndex]);
        var slrSigma = T.Create(sp.SlrSigmaDelta[yearIndex]);
        var escalation = T.Create(sp.Escalation[yearIndex]);
        var intensityPerC = T.Create(sp.Scenario.TyphoonIntensityPerC);
        var floor = T.Create(1e-9);
        var one = T.Create(1.0);
        ref readonly var zw = ref MemoryMarshal.GetReference(zWarming);
        ref readonly var zs = ref MemoryMarshal.GetReference(zSeaLevel);
        ref var w = ref MemoryMarshal.GetReference(warming);
        ref var s = ref MemoryMarshal.GetReference(seaLevel);
        ref var pf = ref MemoryMarshal.GetReference(priceFactors);
        ref var f = ref MemoryMarshal.GetReference(frequency);
        ref var wi = ref MemoryMarshal.GetReference(windIntensities);
        ref readonly var known = ref MemoryMarshal.GetReference(knownBase);
        ref var kept = ref MemoryMarshal.GetReference(keptBase);
        var count = warming.Length;
        var p = 0;
        for (; p <= count - T.Count; p += T.Count)
        {
            var at = (nuint)p;
            var z = T.Load(in zw, at);
            var warmingNow = medianNow + (z * sigmaNow);
            var warmingBase = medianBase + (z * sigmaBase);
            var sinceBase = warmingNow - warmingBase;
            T.Store(sinceBase, ref w, at);
            T.Store(slrMedian + (T.Load(in zs, at) * slrSigma), ref s, at);
            T.Store(escalation * T.Load(in pf, at), ref pf, at);
            var atBase = TBase.Read ? T.Load(in known, at) : Max(At(_heavyPrecipitation, warmingBase, _heavyPrecipitationKnots), floor);
            if (TBase.Write)
            {
                T.Store(atBase, ref kept, at);
            }

            T.Store(Max(At(_heavyPrecipitation, warmingNow, _heavyPrecipitationKnots), floor) / atBase, ref f, at);
            T.Store(one + (intensityPerC * sinceBase), ref wi, at);
        }

        return p;
    }

    /// <summary>Over a block: the hot-day z of <see cref="HotDayZ"/> and the drought rate λ of <see cref="DroughtRate"/>.</summary>
    private static void SiteTransformsBlock(Site site, ReadOnlySpan<double> warming, ReadOnlySpan<double> heatAnomaly, Span<double> hotDayZ, Span<double> droughtRate)
    {
        var count = warming.Length;
        if (heatAnomaly.Length != count || hotDayZ.Length != count || droughtRate.Length != count)
        {
            throw new ArgumentException("The site rows of a block differ in length.", nameof(warming));
        }

        var p = Vector512.IsHardwareAccelerated ? SiteTransformRegisters<Lanes512>(site, warming, heatAnomaly, hotDayZ, droughtRate)
            : Vector256.IsHardwareAccelerated ? SiteTransformRegisters<Lanes256>(site, warming, heatAnomaly, hotDayZ, droughtRate)
            : 0;
        for (; p < count; p++)
        {
            hotDayZ[p] = HotDayZ(site, warming[p], heatAnomaly[p]);
            droughtRate[p] = DroughtRate(site, warming[p]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int SiteTransformRegisters<T>(Site site, ReadOnlySpan<double> warming, ReadOnlySpan<double> heatAnomaly, Span<double> hotDayZ, Span<double> droughtRate)
        where T : struct, ILanes<T>
    {
        var climate = site.Climate;
        var amplification = T.Create(site.LandAmplification);
        var interannualSd = T.Create(climate.InterannualSdC);
        var tmaxMean = T.Create(climate.SummerTmaxMeanC);
        var critical = T.Create(site.Heat.TCritC);
        var tmaxSd = T.Create(climate.SummerTmaxSdC);
        var restrictionDays = T.Create(site.Drought.RestrictionDaysPerYear);
        var sensitivity = T.Create(DroughtWarmingSensitivity);
        var zero = T.Create(0.0);
        var one = T.Create(1.0);
        ref readonly var w = ref MemoryMarshal.GetReference(warming);
        ref readonly var h = ref MemoryMarshal.GetReference(heatAnomaly);
        ref var z = ref MemoryMarshal.GetReference(hotDayZ);
        ref var d = ref MemoryMarshal.GetReference(droughtRate);
        var count = warming.Length;
        var p = 0;
        for (; p <= count - T.Count; p += T.Count)
        {
            var at = (nuint)p;
            var warmingC = T.Load(in w, at);
            var shift = (amplification * warmingC) + (interannualSd * T.Load(in h, at));
            T.Store((tmaxMean + shift - critical) / tmaxSd, ref z, at);
            T.Store(restrictionDays * Max(zero, one + (sensitivity * (amplification * warmingC))), ref d, at);
        }

        return p;
    }

    /// <summary>
    /// The knots of <paramref name="curve"/> for <see cref="At{T}"/>'s permutes: x then y, each
    /// padded to 16 with its last value (the padding is never read); null for more than 16 knots.
    /// </summary>
    internal static double[]? Knots16(PiecewiseLinear curve)
    {
        var n = curve.X.Length;
        if (n > 16)
        {
            return null;
        }

        var knots = new double[32];
        for (var k = 0; k < 16; k++)
        {
            knots[k] = curve.X[Math.Min(k, n - 1)];
            knots[16 + k] = curve.Y[Math.Min(k, n - 1)];
        }

        return knots;
    }

    /// <summary>
    /// <see cref="PiecewiseLinear.At"/> on every lane, bit for bit: the segment index counted by
    /// comparisons instead of the scalar scan, the ends and the right extrapolation selected.
    /// With <paramref name="knots16"/> (<see cref="Knots16"/> of the same curve) on 512-bit
    /// registers, the segment's ends come by two-register permutes instead of hardware gathers.
    /// </summary>
    /// <remarks>
    /// Why the permutes: four 8-lane gathers a lookup, two lookups a path and year, were most of
    /// the path drivers' time (<c>DriverRegisters</c>, 0.8 ns a site-year of the standard workload
    /// and a tenth of a screening run, where each candidate is a site alone and so pays for the
    /// drivers by itself); a permute takes the same entries from two registers.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T At<T>(PiecewiseLinear curve, T x, double[]? knots16 = null)
        where T : struct, ILanes<T>
    {
        var xs = curve.X;
        var ys = curve.Y;
        var last = xs.Length - 1;
        if (last == 0)
        {
            return T.Create(ys[0]);
        }

        var one = T.Create(1.0);
        var zero = T.Create(0.0);

        // i = the first knot index ≥ 1 with x ≤ xs[i] (the scalar scan), inside (xs[0], xs[last]).
        var i = one;
        for (var k = 1; k < last; k++)
        {
            i += T.Select(T.LessThan(T.Create(xs[k]), x), one, zero);
        }

        var below = i - one;
        T xLow, xHigh, yLow, yHigh;
        if (knots16 is not null && typeof(T) == typeof(Lanes512))
        {
            // The indices in the shifter form 2⁵² + i, whose low four bits Lookup16 reads.
            ref var k0 = ref MemoryMarshal.GetArrayDataReference(knots16);
            var shifter = T.Create(TwoTo52);
            var low = below + shifter;
            var high = i + shifter;
            xLow = T.Lookup16(in k0, low);
            xHigh = T.Lookup16(in k0, high);
            yLow = T.Lookup16(in Unsafe.Add(ref k0, 16), low);
            yHigh = T.Lookup16(in Unsafe.Add(ref k0, 16), high);
        }
        else
        {
            ref readonly var x0 = ref MemoryMarshal.GetReference(xs);
            ref readonly var y0 = ref MemoryMarshal.GetReference(ys);
            xLow = T.Gather(in x0, below);
            xHigh = T.Gather(in x0, i);
            yLow = T.Gather(in y0, below);
            yHigh = T.Gather(in y0, i);
        }

        var weight = (x - xLow) / (xHigh - xLow);
        var inner = yLow + (weight * (yHigh - yLow));
        var right = curve.ExtrapolateRight
            ? T.Create(ys[last]) + (((x - T.Create(xs[last])) * T.Create(ys[last] - ys[last - 1])) / T.Create(xs[last] - xs[last - 1]))
            : T.Create(ys[last]);
        return T.Select(T.LessThanOrEqual(x, T.Create(xs[0])), T.Create(ys[0]), T.Select(T.LessThanOrEqual(T.Create(xs[last]), x), right, inner));
    }
}
