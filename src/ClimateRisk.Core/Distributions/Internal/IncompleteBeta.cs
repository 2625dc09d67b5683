using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Distributions.Internal;

/// <summary>
/// The regularized incomplete Beta function I_x(a, b) and its complement for a caller that
/// evaluates it many times with the same (a, b): ln B(a, b) is passed in, computed once
/// (<see cref="LnBeta(double, double)"/>), where Math.NET's <c>SpecialFunctions.BetaRegularized</c> computes three
/// ln Γ per call.
/// </summary>
/// <remarks>
/// I_x(a, b) = [xᵃ(1 − x)ᵇ / (a·B(a, b))]·CF(a, b, x) for x &lt; (a + 1)/(a + b + 2), where CF is
/// the continued fraction 1/(1 + d₁/(1 + d₂/(1 + …))) of DLMF 8.17.22 (the expansion Math.NET's
/// MIT-licensed <c>BetaRegularized</c> also uses), evaluated by the modified Lentz method
/// (Thompson &amp; Barnett 1986, J. Comput. Phys. 64, 490) to a relative step of 2⁻⁵³;
/// above that point the symmetry 1 − I_x(a, b) = I_{1−x}(b, a) is used, so the continued fraction
/// always converges fast and the smaller tail is computed directly (relatively accurate when
/// tiny). The prefactor is one exp of a·ln x + b·ln(1 − x) − ln B, with ln(1 − x) from log1p, so
/// x near 0 loses nothing to rounding 1 − x. Same expansion as Math.NET's, so the two agree to a
/// few ulp of the prefactor; tested against SciPy's <c>betainc</c> over the shapes and points the
/// damage curves produce (<c>IncompleteBetaTests</c>).
/// </remarks>
internal static class IncompleteBeta
{
    /// <summary>Relative step of the continued fraction's last term that ends it (2⁻⁵³, as Math.NET).</summary>
    private const double Epsilon = 1.1102230246251565e-16;

    /// <summary>Lentz's guard against a zero denominator (smallest subnormal / ε, as Math.NET).</summary>
    private const double Tiny = double.Epsilon / Epsilon;

    /// <summary>Terms needed grow like √max(a, b); a bound that no finite shape of the model reaches.</summary>
    private const int MaxTerms = 50_000;

    /// <summary>From this larger shape on, ln Γ(big) − ln Γ(small + big) is taken from Stirling's series.</summary>
    private const double StirlingFrom = 20.0;

    /// <summary>
    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), a, b &gt; 0 finite, to about 1e−14 absolute
    /// (a relative error of that size in I_x): lane 0 of <see cref="LnBeta{T}"/>, so the scalar
    /// quantile and its vector lanes agree bit for bit.
    /// </summary>
    public static double LnBeta(double a, double b)
        => LnBeta(new Lanes128(Vector128.Create(a)), new Lanes128(Vector128.Create(b))).Value.ToScalar();

    /// <summary>
    /// ln B(a, b) on every lane, a, b &gt; 0 finite (<see cref="LnBeta(double, double)"/>).
    /// </summary>
    /// <remarks>
    /// With both shapes below 20, three <see cref="LnGamma{T}"/>. Otherwise, with s ≤ g the smaller
    /// and larger shape, ln Γ(g) − ln Γ(s + g) comes from the difference of Stirling's series
    /// (Abramowitz &amp; Stegun 6.1.40) written so that nothing of size g ln g cancels:
    /// −(g − ½)·ln1p(s/g) − s·ln(s + g) + s + ω(g) − ω(s + g), ω(z) = Σ B₂ₖ/(2k(2k − 1)z²ᵏ⁻¹)
    /// to the z⁻¹¹ term (truncation below 1e−17 for z ≥ 20). Three ln Γ of a large shape would
    /// each carry an absolute rounding error of ulp(g ln g) — 6e−11 at g = 3e4, the shapes of a
    /// centimetre of water — which is a relative error of I_x; SciPy's <c>betainc</c> shows the
    /// same error there (see tests/reference/make_incomplete_beta_references.py).
    /// Until issue 10's twentieth session the shapes below 20 took Math.NET's <c>GammaLn</c>
    /// lane by lane (scalar, about a fifth of a damage draw's time in the kernel). Against mpmath
    /// (tests/reference/make_ln_gamma_references.py) ln B of shapes below 20 is now within
    /// 3.9e−14 absolute, where three <c>GammaLn</c> were within 3.9e−13.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static T LnBeta<T>(T a, T b)
        where T : struct, ILanes<T>
    {
        var small = T.Min(a, b);
        var big = T.Max(a, b);
        var stirling = T.LessThanOrEqual(T.Create(StirlingFrom), big);
        var lnGammaSmall = LnGamma(small);
        var result = lnGammaSmall;
        if (T.Any(stirling))
        {
            var sum = small + big;
            var difference = (-(big - T.Create(0.5)) * Log1P(small / big)) - (small * Log(sum)) + small
                + (StirlingTail(big) - StirlingTail(sum));
            result = lnGammaSmall + difference;
        }

        if (!T.All(stirling))
        {
            result = T.Select(stirling, result, lnGammaSmall + LnGamma(big) - LnGamma(a + b));
        }

        return result;
    }

    /// <summary>
    /// ln Γ(z) on every lane, z &gt; 0 finite: below 20 shifted up by the recurrence,
    /// ln Γ(z) = ln Γ(z + k) − ln(z(z + 1)⋯(z + k − 1)) with z + k ≥ 20 (the product is below
    /// 20!·z, so it neither overflows nor, for z ≥ 1e−290, underflows), then Stirling's series
    /// (z − ½) ln z − z + ½ ln 2π + ω(z). About 1e−14 absolute below 20 (the rounding of terms of
    /// size 40 that cancel to ln Γ(z)), a few ulp of its size from 20 on.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static T LnGamma<T>(T z)
        where T : struct, ILanes<T>
    {
        var one = T.Create(1.0);
        var from = T.Create(StirlingFrom);
        var w = z;
        var product = one;
        var below = T.LessThan(w, from);
        while (T.Any(below))
        {
            product = T.Select(below, product * w, product);
            w = T.Select(below, w + one, w);
            below = T.LessThan(w, from);
        }

        // Lanes from 20 on keep a product of 1, whose logarithm is exactly 0 (VectorMathTests).
        return ((w - T.Create(0.5)) * Log(w)) - w + T.Create(HalfLnTwoPi) + StirlingTail(w) - Log(product);
    }

    /// <summary>½ ln 2π.</summary>
    private const double HalfLnTwoPi = 0.91893853320467274178;

    /// <summary>ω(z) = ln Γ(z) − (z − ½) ln z + z − ½ ln 2π ≈ 1/(12z) − 1/(360z³) + … − 691/(360360z¹¹), z ≥ 20.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T StirlingTail<T>(T z)
        where T : struct, ILanes<T>
    {
        var r = T.Create(1.0) / z;
        var r2 = r * r;
        var series = T.Create(1.0 / 12.0) + (r2 * (T.Create(-1.0 / 360.0) + (r2 * (T.Create(1.0 / 1260.0) + (r2 * (T.Create(-1.0 / 1680.0) + (r2 * (T.Create(1.0 / 1188.0) + (r2 * T.Create(-691.0 / 360360.0))))))))));
        return series * r;
    }

    /// <summary>
    /// One tail of the Beta(a, b) distribution at x: I_x(a, b) when <paramref name="lower"/>, else
    /// 1 − I_x(a, b) = I_{1−x}(b, a); a, b &gt; 0 finite, x strictly inside (0, 1) (not checked).
    /// </summary>
    /// <param name="a">Shape a.</param>
    /// <param name="b">Shape b.</param>
    /// <param name="x">Point, 0 &lt; x &lt; 1.</param>
    /// <param name="lnBeta">ln B(a, b), from <see cref="LnBeta"/>.</param>
    /// <param name="lower">True for I_x(a, b), false for its complement.</param>
    /// <param name="front">xᵃ(1 − x)ᵇ / B(a, b), the prefactor (x(1 − x) times the density), for a Newton step.</param>
    /// <returns>The requested tail, in [0, 1].</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Tail(double a, double b, double x, double lnBeta, bool lower, out double front)
    {
        front = VectorMath.Exp((a * VectorMath.Log(x)) + (b * Log1P(-x)) - lnBeta);
        if (x < (a + 1.0) / (a + b + 2.0))
        {
            double i = front * ContinuedFraction(a, b, x) / a;
            return lower ? i : 1.0 - i;
        }

        double q = front * ContinuedFraction(b, a, 1.0 - x) / b;
        return lower ? 1.0 - q : q;
    }

    /// <summary>
    /// ln(1 + x), x &gt; −1, as <see cref="Fp.Log1P"/> (Goldberg's ln(u)·x/(u − 1), u = 1 + x) but
    /// with <see cref="VectorMath"/>'s logarithm, so the scalar solver and its vector lanes
    /// (<see cref="Log1P{T}"/>) agree bit for bit: lane 0 of the same generic code.
    /// </summary>
    public static double Log1P(double x) => Log1P(new Lanes128(Vector128.Create(x))).Value.ToScalar();

    /// <summary>
    /// <see cref="VectorMath.Log{T}"/> out of line: the lane solver takes it in three places, and
    /// each inlined copy is compiled again at first use (a short run pays the JIT's time).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static T Log<T>(T x)
        where T : struct, ILanes<T>
        => VectorMath.Log(x);

    /// <summary>ln(1 + x) on every lane, x &gt; −1 (x = +∞ gives +∞); see <see cref="Log1P(double)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log1P<T>(T x)
        where T : struct, ILanes<T>
    {
        var one = T.Create(1.0);
        var u = one + x;
        var ln = Log(u);
        var quotient = ln * x / (u - one);
        return T.Select(T.Equals(u, one), x, T.Select(T.Equals(u, T.Create(double.PositiveInfinity)), u, quotient));
    }

    /// <summary>
    /// CF(a, b, x) of DLMF 8.17.22 by modified Lentz: the coefficients are
    /// d₂ₘ = m(b − m)x / ((a + 2m − 1)(a + 2m)) and d₂ₘ₊₁ = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)),
    /// and the first step is written as 1 − (a + b)x/(a + 1) (d₁ folded into the start).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double ContinuedFraction(double a, double b, double x)
    {
        double shapeSum = a + b;
        double aPlusOne = a + 1.0;
        double aMinusOne = a - 1.0;
        double numeratorRatio = 1.0;
        double denominatorInverse = 1.0 / Guard(1.0 - (shapeSum * x / aPlusOne));
        double fraction = denominatorInverse;
        for (int m = 1; m <= MaxTerms; m++)
        {
            double twoM = 2.0 * m;
            double coefficient = m * (b - m) * x / ((aMinusOne + twoM) * (a + twoM));
            denominatorInverse = 1.0 / Guard(1.0 + (coefficient * denominatorInverse));
            numeratorRatio = Guard(1.0 + (coefficient / numeratorRatio));
            fraction *= denominatorInverse * numeratorRatio;
            coefficient = -(a + m) * (shapeSum + m) * x / ((a + twoM) * (aPlusOne + twoM));
            denominatorInverse = 1.0 / Guard(1.0 + (coefficient * denominatorInverse));
            numeratorRatio = Guard(1.0 + (coefficient / numeratorRatio));
            double step = denominatorInverse * numeratorRatio;
            fraction *= step;
            if (Math.Abs(step - 1.0) <= Epsilon)
            {
                break;
            }
        }

        return fraction;
    }

    /// <summary>
    /// <see cref="ContinuedFraction(double, double, double)"/> on every lane where
    /// <paramref name="active"/> is set: the same operations per lane, the terms run until every
    /// such lane has met the stopping test; a lane that has met it keeps its value.
    /// </summary>
    /// <remarks>
    /// Lentz's guard against a denominator below <see cref="Tiny"/> sits on the loop's critical
    /// path (an absolute value, a compare and a blend before each division), and it never
    /// triggers at the damage curves' shapes. So the terms run unguarded, the guard's condition
    /// is only recorded beside them, and a register where it held on some lane is run again with
    /// the guard. Where it never holds, Guard(v) = v and the two give the same bits.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static T ContinuedFraction<T>(T a, T b, T x, T active)
        where T : struct, ILanes<T>
    {
        var (fraction, guarded) = Terms<T, Unguarded>(a, b, x, active);
        return T.Any(T.And(guarded, active)) ? ContinuedFractionGuarded(a, b, x, active) : fraction;
    }

    /// <summary><see cref="ContinuedFraction{T}"/> with Lentz's guard on every denominator, as the scalar code.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static T ContinuedFractionGuarded<T>(T a, T b, T x, T active)
        where T : struct, ILanes<T>
        => Terms<T, Guarded>(a, b, x, active).Fraction;

    /// <summary>
    /// The continued fraction's terms on every lane of <paramref name="active"/>; with
    /// <typeparamref name="TGuard"/> = <see cref="Guarded"/> each denominator is guarded as in the
    /// scalar code, otherwise the guard's condition is only recorded (Guard(v) = v where it does not hold).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T Fraction, T Guarded) Terms<T, TGuard>(T a, T b, T x, T active)
        where T : struct, ILanes<T>
        where TGuard : struct, ILentzGuard
    {
        var zero = T.Create(0.0);
        var one = T.Create(1.0);
        var two = T.Create(2.0);
        var tiny = T.Create(Tiny);
        var epsilon = T.Create(Epsilon);
        var shapeSum = a + b;
        var aPlusOne = a + one;
        var aMinusOne = a - one;
        var numeratorRatio = one;
        var denominatorInverse = one / Guard(one - (shapeSum * x / aPlusOne), tiny);
        var fraction = denominatorInverse;
        var done = T.Select(active, zero, T.CreateInt64(-1L));
        var guarded = zero;
        var m = zero;
        for (var term = 1; term <= MaxTerms && !T.All(done); term++)
        {
            m += one;
            var twoM = two * m;
            var coefficient = m * (b - m) * x / ((aMinusOne + twoM) * (a + twoM));
            LentzStep<T, TGuard>(coefficient, ref denominatorInverse, ref numeratorRatio, ref guarded, tiny);
            var next = fraction * (denominatorInverse * numeratorRatio);
            coefficient = -(a + m) * (shapeSum + m) * x / ((a + twoM) * (aPlusOne + twoM));
            LentzStep<T, TGuard>(coefficient, ref denominatorInverse, ref numeratorRatio, ref guarded, tiny);
            var step = denominatorInverse * numeratorRatio;
            fraction = T.Select(done, fraction, next * step);
            done = T.Or(done, T.LessThanOrEqual(T.Abs(step - one), epsilon));
        }

        return (fraction, guarded);
    }

    /// <summary>One of modified Lentz's updates: D ← 1/(1 + c·D), C ← 1 + c/C, guarded or with the guard's condition recorded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LentzStep<T, TGuard>(T coefficient, ref T denominatorInverse, ref T numeratorRatio, ref T guarded, T tiny)
        where T : struct, ILanes<T>
        where TGuard : struct, ILentzGuard
    {
        var one = T.Create(1.0);
        var denominator = one + (coefficient * denominatorInverse);
        var ratio = one + (coefficient / numeratorRatio);
        if (TGuard.Guards)
        {
            denominator = Guard(denominator, tiny);
            ratio = Guard(ratio, tiny);
        }
        else
        {
            guarded = T.Or(guarded, T.Or(T.LessThan(T.Abs(denominator), tiny), T.LessThan(T.Abs(ratio), tiny)));
        }

        denominatorInverse = one / denominator;
        numeratorRatio = ratio;
    }

    /// <summary>Whether <see cref="Terms{T, TGuard}"/> guards its denominators (a compile-time constant per instantiation).</summary>
    private interface ILentzGuard
    {
        static abstract bool Guards { get; }
    }

    private readonly struct Guarded : ILentzGuard
    {
        public static bool Guards => true;
    }

    private readonly struct Unguarded : ILentzGuard
    {
        public static bool Guards => false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Guard<T>(T v, T tiny)
        where T : struct, ILanes<T>
        => T.Select(T.LessThan(T.Abs(v), tiny), tiny, v);

    private static double Guard(double v) => Math.Abs(v) < Tiny ? Tiny : v;
}
