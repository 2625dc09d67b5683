using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Distributions.Internal;

/// <summary>
/// The kernel's extreme-value quantiles and eˣ − 1 over spans and for one value, written once
/// over <see cref="ILanes{TSelf}"/> with <see cref="VectorMath"/>'s exp and log, so the block
/// kernel (a span per site) and the scalar reference kernel (one value) get the same bits.
/// </summary>
/// <remarks>
/// Same formulas and operation order as <see cref="Gumbel.InvCdfUnchecked"/>,
/// <see cref="GeneralizedExtremeValue.InvCdfUnchecked"/> and <see cref="Fp.ExpM1"/>, with the
/// vector exp (≤ 1 ulp) and log (≤ 1 ulp) in place of libm's, so a quantile differs from those
/// in the last bits only (tested against them in <c>VectorQuantilesTests</c>).
/// </remarks>
internal static class VectorQuantiles
{
    /// <summary>destination[i] = Gumbel quantile μ − β·ln(−ln p[i]); in place allowed.</summary>
    public static void Gumbel(double location, double scale, ReadOnlySpan<double> p, Span<double> destination)
        => Gev(location, scale, 0, p, destination);

    /// <summary>
    /// destination[i] = GEV quantile of p[i] (the Gumbel form when |ξ| &lt;
    /// <see cref="GeneralizedExtremeValue.GumbelShapeThreshold"/>); in place allowed.
    /// </summary>
    public static void Gev(double location, double scale, double shape, ReadOnlySpan<double> p, Span<double> destination)
    {
        LaneLoop.CheckSpans(p, destination);
        ref var src = ref MemoryMarshal.GetReference(p);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        // The Gumbel form in a loop of its own: compiled together, the GEV's expm1 took the loop
        // past the JIT's inlining budget and its vector operations became calls.
        var gumbel = Math.Abs(shape) < GeneralizedExtremeValue.GumbelShapeThreshold;
        var done = Vector512.IsHardwareAccelerated ? (gumbel ? GumbelRegisters<Lanes512>(location, scale, ref src, ref dst, p.Length) : GevRegisters<Lanes512>(location, scale, shape, ref src, ref dst, p.Length))
            : Vector256.IsHardwareAccelerated ? (gumbel ? GumbelRegisters<Lanes256>(location, scale, ref src, ref dst, p.Length) : GevRegisters<Lanes256>(location, scale, shape, ref src, ref dst, p.Length))
            : 0;
        for (var i = done; i < p.Length; i++)
        {
            Unsafe.Add(ref dst, i) = Gev(location, scale, shape, Unsafe.Add(ref src, i));
        }
    }

    /// <summary>The Gumbel quantile of one value, bit-identical to an element of the span form.</summary>
    public static double Gumbel(double location, double scale, double p) => Gev(location, scale, 0, p);

    /// <summary>The GEV quantile of one value, bit-identical to an element of the span form.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static double Gev(double location, double scale, double shape, double p)
        => Gev(Lanes128.Create(location), Lanes128.Create(scale), shape, new Lanes128(Vector128.Create(p))).Value.ToScalar();

    /// <summary>eˣ − 1 for one value (Kahan's form for |x| ≤ ½, as <see cref="Fp.ExpM1"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static double ExpM1(double x) => ExpM1(new Lanes128(Vector128.Create(x))).Value.ToScalar();

    /// <summary>exp(−λ) for one value: the Poisson pmf at 0, as the block kernel computes it per span.</summary>
    public static double ExpNegative(double lambda) => VectorMath.Exp(-lambda);

    /// <summary>destination[i] = exp(−λ[i]); in place allowed.</summary>
    public static void ExpNegative(ReadOnlySpan<double> lambda, Span<double> destination) => LaneLoop.Apply<ExpNegativeOperator>(lambda, destination);

    /// <summary>GEV quantile on every lane; ξ is the same for every lane (one site).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static T Gev<T>(T location, T scale, double shape, T p)
        where T : struct, ILanes<T>
    {
        var logY = VectorMath.Log(-VectorMath.Log(p));
        if (Math.Abs(shape) < GeneralizedExtremeValue.GumbelShapeThreshold)
        {
            return location - (scale * logY);
        }

        var xi = T.Create(shape);
        return location + (scale * ExpM1(-xi * logY) / xi);
    }

    /// <summary>eˣ − 1 on every lane: eˣ − 1 for |x| &gt; ½, else (eˣ − 1)·x / ln eˣ (x itself where eˣ rounds to 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static T ExpM1<T>(T x)
        where T : struct, ILanes<T>
    {
        var u = VectorMath.Exp(x);
        var um1 = u - T.Create(1.0);
        var wide = T.LessThan(T.Create(0.5), T.Abs(x));
        var one = T.Equals(u, T.Create(1.0));

        // Lanes that take another branch get ln 1 = 0 here, which keeps the log on its fast path.
        var small = um1 * x / VectorMath.Log(T.Select(T.Or(wide, one), T.Create(1.0), u));
        return T.Select(wide, um1, T.Select(one, x, small));
    }

    /// <summary>Whole registers of the Gumbel form μ − β·ln(−ln p), as <see cref="Gev{T}"/> computes it for ξ ≈ 0; returns how many elements were written.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int GumbelRegisters<T>(double location, double scale, ref double src, ref double dst, int length)
        where T : struct, ILanes<T>
    {
        var mu = T.Create(location);
        var beta = T.Create(scale);
        var i = 0;
        for (; i <= length - T.Count; i += T.Count)
        {
            T.Store(mu - (beta * VectorMath.Log(-VectorMath.Log(T.Load(in src, (nuint)i)))), ref dst, (nuint)i);
        }

        return i;
    }

    /// <summary>Whole registers; returns how many elements were written. Not inlined: see <see cref="LaneLoop"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int GevRegisters<T>(double location, double scale, double shape, ref double src, ref double dst, int length)
        where T : struct, ILanes<T>
    {
        var mu = T.Create(location);
        var beta = T.Create(scale);
        var i = 0;
        for (; i <= length - T.Count; i += T.Count)
        {
            T.Store(Gev(mu, beta, shape, T.Load(in src, (nuint)i)), ref dst, (nuint)i);
        }

        return i;
    }

    private readonly struct ExpNegativeOperator : IUnaryLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        public static T Invoke<T>(T x)
            where T : struct, ILanes<T> => VectorMath.Exp(-x);
    }
}
