using System.Runtime.CompilerServices;

namespace ClimateRisk.Core.Numerics.Internal;

/// <summary>
/// eˣ and ln x over spans and for one value, written once (generic over <see cref="ILanes{TSelf}"/>)
/// so the span forms (AVX-512, AVX2) and the scalar forms agree bit for bit: the block kernel and
/// the scalar reference kernel can use them and still produce the same numbers.
/// </summary>
/// <remarks>
/// <para>
/// Neither reproduces <c>Math.Exp</c>/<c>Math.Log</c> (the platform libm) bit for bit; both are
/// faithful to within the bounds stated and tested against stored mpmath references in
/// <c>VectorMathTests</c>: exp ≤ 1 ulp on [−745.2, 709.8] (subnormal results: ≤ 1 unit of the
/// subnormal spacing), log ≤ 1 ulp from the smallest subnormal to <see cref="double.MaxValue"/>.
/// The results depend only on IEEE-754 arithmetic (each step correctly rounded, fused
/// multiply–adds rounded once), not on the CPU's libm, so they are the same on every x64 and
/// Arm64 machine.
/// </para>
/// <para>
/// exp: Cody–Waite reduction x = n·ln 2 + r, |r| ≤ ½ ln 2, with n = round(x/ln 2) from the
/// 1.5·2⁵² shifter and ln 2 split in two (the first product exact in the fused multiply–add);
/// eʳ = 1 + r + r²·q(r), q of degree 9 fitted by Chebyshev interpolation
/// (tests/reference/fit_vector_math.py; 1.6e−17 relative in exact arithmetic); 2ⁿ added to the
/// exponent bits, or for |x| &gt; 705 (overflow, subnormal results) two exact power-of-two
/// factors, so a subnormal result is rounded once.
/// </para>
/// <para>
/// log: fdlibm's <c>e_log.c</c> (Sun Microsystems 1993; error &lt; 1 ulp): x = 2ᵏ·m,
/// m ∈ [√½, √2) from the bits (subnormals scaled by 2⁵⁴ first), f = m − 1, s = f/(2 + f),
/// ln(1 + f) = f − (½f² − s·(½f² + R(s²))) with fdlibm's degree-14 even polynomial R (Lg1–Lg7),
/// and k·ln 2 added in two parts; its operation order is kept.
/// </para>
/// </remarks>
internal static class VectorMath
{
    private const double Shifter = 6755399441055744.0; // 1.5·2⁵²: adding it rounds to an integer in the low bits
    private const long ShifterBits = 0x4338000000000000;
    private const double Log2E = 1.4426950408889634074;
    private const double Ln2Hi = 0.6931471805599452862; // ln 2 rounded to double
    private const double Ln2Lo = 2.3190468138462996e-17; // ln 2 − Ln2Hi
    private const double ExpFastLimit = 705; // below, 2ⁿ·eʳ is normal and 2ⁿ can go into the exponent
    private const double ExpClampLow = -746; // e^−746 rounds to 0, e^710 overflows; keeps n small
    private const double ExpClampHigh = 710;

    private const double LogLn2Hi = 6.93147180369123816490e-01; // fdlibm: trailing zeros keep k·ln2_hi exact
    private const double LogLn2Lo = 1.90821492927058770002e-10;
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;
    private const long SqrtHalfBits = 0x3FE6A09E667F3BCD;
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double TwoTo54 = 18014398509481984.0;

    /// <summary>destination[i] = e^x[i]. Allocation-free; in place allowed.</summary>
    /// <param name="x">Exponents; any doubles (NaN gives NaN, −∞ gives 0, +∞ gives +∞).</param>
    /// <param name="destination">At least as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The destination is too short or partially overlaps <paramref name="x"/>.</exception>
    public static void Exp(ReadOnlySpan<double> x, Span<double> destination) => LaneLoop.Apply<ExpOperator>(x, destination);

    /// <summary>destination[i] = ln x[i]. Allocation-free; in place allowed.</summary>
    /// <param name="x">Arguments; any doubles (0 gives −∞, negatives NaN, +∞ gives +∞, NaN gives NaN).</param>
    /// <param name="destination">At least as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The destination is too short or partially overlaps <paramref name="x"/>.</exception>
    public static void Log(ReadOnlySpan<double> x, Span<double> destination) => LaneLoop.Apply<LogOperator>(x, destination);

    /// <summary>eˣ for one value, bit-identical to an element of <see cref="Exp(ReadOnlySpan{double}, Span{double})"/>.</summary>
    public static double Exp(double x) => LaneLoop.Scalar<ExpOperator>(x);

    /// <summary>ln x for one value, bit-identical to an element of <see cref="Log(ReadOnlySpan{double}, Span{double})"/>.</summary>
    public static double Log(double x) => LaneLoop.Scalar<LogOperator>(x);

    /// <summary>eˣ on every lane; see the class remarks.</summary>
    // Inlined where the caller's budget allows; where it does not (GevRegisters calls LogNormal),
    // the out-of-line copy is compiled optimised at once: at tier 0 every lane operation is a call,
    // which a 10,000-path run paid in about 1 % of its samples.
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static T Exp<T>(T x)
        where T : struct, ILanes<T>
    {
        var fast = T.LessThanOrEqual(T.Abs(x), T.Create(ExpFastLimit));
        if (T.All(fast))
        {
            var (p, k) = ExpReduced(x);
            return T.AddInt64(p, T.ShiftLeftInt64(k, 52));
        }

        return ExpWide(x);
    }

    /// <summary>ln x on every lane; see the class remarks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static T Log<T>(T x)
        where T : struct, ILanes<T>
    {
        // Normal, finite and positive: NaN fails both comparisons.
        var ordinary = T.And(T.LessThanOrEqual(T.Create(SmallestNormal), x), T.LessThan(x, T.Create(double.PositiveInfinity)));
        return T.All(ordinary) ? LogNormal(x, T.Create(0.0)) : LogSpecial(x);
    }

    /// <summary>
    /// p = e^r and the shifter sum k (its low bits hold n) of x = n·ln 2 + r. Both exp paths
    /// share it, so a lane gets the same p and n on either.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static (T P, T K) ExpReduced<T>(T x)
        where T : struct, ILanes<T>
    {
        var k = T.FusedMultiplyAdd(x, T.Create(Log2E), T.Create(Shifter));
        var n = k - T.Create(Shifter);
        var r = T.FusedMultiplyAdd(n, T.Create(-Ln2Hi), x);
        r = T.FusedMultiplyAdd(n, T.Create(-Ln2Lo), r);
        var q = T.Create(2.5100375929185925e-08);
        q = T.FusedMultiplyAdd(q, r, T.Create(2.762007600563138e-07));
        q = T.FusedMultiplyAdd(q, r, T.Create(2.7557268480106926e-06));
        q = T.FusedMultiplyAdd(q, r, T.Create(2.480152132210459e-05));
        q = T.FusedMultiplyAdd(q, r, T.Create(0.00019841269863040675));
        q = T.FusedMultiplyAdd(q, r, T.Create(0.001388888891719689));
        q = T.FusedMultiplyAdd(q, r, T.Create(0.008333333333330065));
        q = T.FusedMultiplyAdd(q, r, T.Create(0.041666666666624164));
        q = T.FusedMultiplyAdd(q, r, T.Create(0.16666666666666669));
        q = T.FusedMultiplyAdd(q, r, T.Create(0.5000000000000001));
        var p = T.FusedMultiplyAdd(r * r, q, r) + T.Create(1.0);
        return (p, k);
    }

    /// <summary>
    /// exp where some lane is beyond ±705 or NaN: 2ⁿ applied as 2^⌊n/2⌋·2^(n−⌊n/2⌋), both normal,
    /// so the result is exact when normal and rounded once when subnormal; overflow and
    /// underflow come out of the multiplications.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T ExpWide<T>(T x)
        where T : struct, ILanes<T>
    {
        var clamped = T.Select(T.LessThan(x, T.Create(ExpClampLow)), T.Create(ExpClampLow), x);
        clamped = T.Select(T.LessThan(T.Create(ExpClampHigh), clamped), T.Create(ExpClampHigh), clamped);
        var (p, k) = ExpReduced(clamped);
        var n = T.SubtractInt64(k, T.CreateInt64(ShifterBits));
        var half = T.ShiftRightArithmeticInt64(n, 1);
        var rest = T.SubtractInt64(n, half);
        var scale1 = T.ShiftLeftInt64(T.AddInt64(half, T.CreateInt64(1023)), 52);
        var scale2 = T.ShiftLeftInt64(T.AddInt64(rest, T.CreateInt64(1023)), 52);
        var result = p * scale1 * scale2;
        return T.Select(T.Equals(x, x), result, x);
    }

    /// <summary>fdlibm's log for normal positive finite lanes; <paramref name="kBias"/> is subtracted from the exponent (54 for scaled subnormals).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static T LogNormal<T>(T x, T kBias)
        where T : struct, ILanes<T>
    {
        // x = 2ᵏ·m with m ∈ [√½, √2): subtracting the bits of √½ moves the exponent boundary there.
        var offset = T.SubtractInt64(x, T.CreateInt64(SqrtHalfBits));
        var k = T.ShiftRightArithmeticInt64(offset, 52);
        var m = T.SubtractInt64(x, T.ShiftLeftInt64(k, 52));
        var dk = (T.AddInt64(k, T.CreateInt64(ShifterBits)) - T.Create(Shifter)) - kBias;
        var f = m - T.Create(1.0);
        var hfsq = T.Create(0.5) * f * f;
        var s = f / (T.Create(2.0) + f);
        var z = s * s;
        var w = z * z;
        var t1 = w * (T.Create(Lg2) + (w * (T.Create(Lg4) + (w * T.Create(Lg6)))));
        var t2 = z * (T.Create(Lg1) + (w * (T.Create(Lg3) + (w * (T.Create(Lg5) + (w * T.Create(Lg7)))))));
        var r = t2 + t1;
        return (dk * T.Create(LogLn2Hi)) - ((hfsq - ((s * (hfsq + r)) + (dk * T.Create(LogLn2Lo)))) - f);
    }

    /// <summary>log where some lane is subnormal, zero, negative, infinite or NaN.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T LogSpecial<T>(T x)
        where T : struct, ILanes<T>
    {
        var subnormal = T.LessThan(x, T.Create(SmallestNormal));
        var scaled = T.Select(subnormal, x * T.Create(TwoTo54), x);
        var result = LogNormal(scaled, T.Select(subnormal, T.Create(54.0), T.Create(0.0)));
        result = T.Select(T.Equals(x, T.Create(double.PositiveInfinity)), x, result);
        result = T.Select(T.Equals(x, T.Create(0.0)), T.Create(double.NegativeInfinity), result);
        result = T.Select(T.LessThan(x, T.Create(0.0)), T.Create(double.NaN), result);
        return T.Select(T.Equals(x, x), result, x);
    }

    private readonly struct ExpOperator : IUnaryLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        public static T Invoke<T>(T x)
            where T : struct, ILanes<T> => Exp(x);
    }

    private readonly struct LogOperator : IUnaryLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        public static T Invoke<T>(T x)
            where T : struct, ILanes<T> => Log(x);
    }
}
