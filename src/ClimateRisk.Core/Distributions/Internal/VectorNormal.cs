using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Distributions.Internal;

/// <summary>
/// Φ and Φ⁻¹ of N(0, 1) over spans and for one value, written once over <see cref="ILanes{TSelf}"/>
/// with <see cref="VectorMath"/>'s exp and log, so every register width and the scalar call give
/// the same bits and no lane goes through libm. They replaced the libm-exact NormalBatch in the
/// kernel (which reproduced Math.NET's Φ and the libm log of AS 241 bit for bit and so had to
/// leave exp and log scalar; it is now the baseline of BatchBenchmarks).
/// </summary>
/// <remarks>
/// <para>
/// Φ(x) = e^(−x²/2)·G(|x|) for x &lt; 0 and 1 − e^(−x²/2)·G(x) for x ≥ 0, G(t) = Φ(−t)·e^(t²/2)
/// (Mills' ratio over √(2π)), one formula for every x, so a register needs no blend of regions.
/// G(t) = H(y)/(t + 5), y = (t − 5)/(t + 5) ∈ [−1, 0.78] for t ∈ [0, 40], H a polynomial of
/// degree 21 fitted by Chebyshev interpolation (tests/reference/fit_vector_math.py; 4.7e−17
/// relative with the coefficients rounded to doubles). x² is split exactly into h + l by a fused
/// multiply–add and e^(−x²/2) = e^(−h/2)·(1 − l/2), so the far lower tail keeps its relative
/// accuracy (a rounded x² would cost up to 700 ulp of it at x = −37). |x| is clamped at 40,
/// where Φ is 0 or 1 in double precision.
/// </para>
/// <para>
/// Φ⁻¹ is Wichura's AS 241 (PPND16), <see cref="StandardNormal.InvCdfUnchecked"/>'s coefficients
/// and regions, its rationals' Horner steps each one fused multiply–add (since the twelfth
/// performance session; before, a multiply and an add in that method's order: about 15–20 %
/// more time, the same 4-ulp bound), with <see cref="VectorMath.Log{T}"/> in the tails; the tail rationals are
/// evaluated on a compacted list of the tail lanes (see <see cref="InvCdfCompacted{T}"/>), the
/// far tail (p &lt; 1.4e−11) only for registers holding one.
/// </para>
/// <para>Maximum errors against correctly rounded mpmath values are stated and tested in <c>VectorNormalTests</c>.</para>
/// </remarks>
internal static class VectorNormal
{
    private const double CdfClamp = 40;
    private const double MillsShift = 5;

    /// <summary>destination[i] = Φ(x[i]). Allocation-free; in place allowed.</summary>
    /// <param name="x">z-scores; any doubles (NaN gives NaN).</param>
    /// <param name="destination">At least as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The destination is too short or partially overlaps <paramref name="x"/>.</exception>
    public static void Cdf(ReadOnlySpan<double> x, Span<double> destination) => LaneLoop.Apply<CdfOperator>(x, destination);

    /// <summary>destination[i] = Φ⁻¹(p[i]). Allocation-free; in place allowed.</summary>
    /// <param name="p">Probabilities (0 gives −∞, 1 gives +∞, outside [0, 1] or NaN gives NaN).</param>
    /// <param name="destination">At least as long as <paramref name="p"/>.</param>
    /// <exception cref="ArgumentException">The destination is too short or partially overlaps <paramref name="p"/>.</exception>
    public static void InvCdf(ReadOnlySpan<double> p, Span<double> destination)
    {
        LaneLoop.CheckSpans(p, destination);
        ref var src = ref MemoryMarshal.GetReference(p);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var done = Vector512.IsHardwareAccelerated ? InvCdfCompacted<Lanes512>(ref src, ref dst, p.Length)
            : Vector256.IsHardwareAccelerated ? InvCdfCompacted<Lanes256>(ref src, ref dst, p.Length)
            : 0;
        if (done < p.Length)
        {
            LaneLoop.Tail<InvCdfOperator>(ref src, ref dst, done, p.Length);
        }
    }

    /// <summary>Φ(x) for one value, bit-identical to an element of <see cref="Cdf(ReadOnlySpan{double}, Span{double})"/>.</summary>
    public static double Cdf(double x) => LaneLoop.Scalar<CdfOperator>(x);

    /// <summary>Φ⁻¹(p) for one value, bit-identical to an element of <see cref="InvCdf(ReadOnlySpan{double}, Span{double})"/>.</summary>
    public static double InvCdf(double p) => LaneLoop.Scalar<InvCdfOperator>(p);

    /// <summary>Φ on every lane; see the class remarks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static T Cdf<T>(T x)
        where T : struct, ILanes<T>
    {
        var xc = T.Select(T.LessThan(x, T.Create(-CdfClamp)), T.Create(-CdfClamp), x);
        xc = T.Select(T.LessThan(T.Create(CdfClamp), xc), T.Create(CdfClamp), xc);
        var h = xc * xc;
        var l = T.FusedMultiplyAdd(xc, xc, -h);
        var e = VectorMath.Exp(T.Create(-0.5) * h);
        e = T.FusedMultiplyAdd(e, T.Create(-0.5) * l, e);
        var t = T.Abs(xc);
        var d = T.Create(1.0) / (t + T.Create(MillsShift));
        var y = (t - T.Create(MillsShift)) * d;
        var m = T.Create(2.2061860857956886e-09);
        m = T.FusedMultiplyAdd(m, y, T.Create(7.573702456952603e-09));
        m = T.FusedMultiplyAdd(m, y, T.Create(-1.0623937439932971e-08));
        m = T.FusedMultiplyAdd(m, y, T.Create(-6.65400740125251e-08));
        m = T.FusedMultiplyAdd(m, y, T.Create(4.385236079192329e-08));
        m = T.FusedMultiplyAdd(m, y, T.Create(4.343124300104718e-07));
        m = T.FusedMultiplyAdd(m, y, T.Create(-3.376318795644607e-07));
        m = T.FusedMultiplyAdd(m, y, T.Create(-2.770264894685992e-06));
        m = T.FusedMultiplyAdd(m, y, T.Create(3.981274923141603e-06));
        m = T.FusedMultiplyAdd(m, y, T.Create(1.6681694446690882e-05));
        m = T.FusedMultiplyAdd(m, y, T.Create(-4.976288868029808e-05));
        m = T.FusedMultiplyAdd(m, y, T.Create(-5.937586780212169e-05));
        m = T.FusedMultiplyAdd(m, y, T.Create(0.0005448990707733159));
        m = T.FusedMultiplyAdd(m, y, T.Create(-0.0007978693739469138));
        m = T.FusedMultiplyAdd(m, y, T.Create(-0.0029933767701593532));
        m = T.FusedMultiplyAdd(m, y, T.Create(0.020795066797416595));
        m = T.FusedMultiplyAdd(m, y, T.Create(-0.06911863870640436));
        m = T.FusedMultiplyAdd(m, y, T.Create(0.16502036617051113));
        m = T.FusedMultiplyAdd(m, y, T.Create(-0.31353315667129955));
        m = T.FusedMultiplyAdd(m, y, T.Create(0.49530561596997386));
        m = T.FusedMultiplyAdd(m, y, T.Create(-0.6653825028900567));
        m = T.FusedMultiplyAdd(m, y, T.Create(0.769193049750063));
        var tail = e * (m * d);
        var result = T.Select(T.LessThan(xc, T.Create(0.0)), tail, T.Create(1.0) - tail);
        return T.Select(T.Equals(x, x), result, x);
    }

    /// <summary>Φ⁻¹ on every lane; see the class remarks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static T InvCdf<T>(T p)
        where T : struct, ILanes<T>
    {
        var q = p - T.Create(0.5);
        var central = T.LessThanOrEqual(T.Abs(q), T.Create(0.425));
        var x = Central(q);
        return T.All(central) ? x : T.Select(central, x, Tails(p, q));
    }

    /// <summary>
    /// Whole registers of the span in chunks of 256; returns how many elements were written.
    /// About 73 % of 8-lane registers of uniforms hold a tail lane (p outside [0.075, 0.925]), so
    /// running <see cref="InvCdf{T}"/> per register would pay for the tail nearly always. Here
    /// every register gets the central rational, the tail lanes' indices and probabilities are
    /// appended to a list without branching, and the tails run on full registers of the list
    /// and are scattered back. Each lane goes through the same operations as in
    /// <see cref="InvCdf{T}"/>, so the bits are those of the scalar call.
    /// </summary>
    [SkipLocalsInit] // The lists are written before they are read (5 KB zeroed per call otherwise).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int InvCdfCompacted<T>(ref double src, ref double dst, int length)
        where T : struct, ILanes<T>
    {
        const int Chunk = 256;
        var width = T.Count;
        var count = length - (length % width);
        Span<int> index = stackalloc int[Chunk + 8];
        Span<double> tailP = stackalloc double[Chunk + 8];
        Span<double> tailX = stackalloc double[Chunk + 8];
        ref var indexRef = ref MemoryMarshal.GetReference(index);
        ref var pRef = ref MemoryMarshal.GetReference(tailP);
        ref var xRef = ref MemoryMarshal.GetReference(tailX);
        for (var chunk = 0; chunk < count; chunk += Chunk)
        {
            var end = Math.Min(count, chunk + Chunk);
            var tails = 0;
            for (var i = chunk; i < end; i += width)
            {
                var p = T.Load(in src, (nuint)i);
                var q = p - T.Create(0.5);
                var tailBits = ~T.SignBits(T.LessThanOrEqual(T.Abs(q), T.Create(0.425)));

                // Before the store: in place, dst is src.
                if (width == 8 && Avx512F.VL.IsSupported)
                {
                    tails = AppendTails(Unsafe.BitCast<T, Vector512<double>>(p), tailBits, i, ref indexRef, ref pRef, tails);
                }
                else
                {
                    for (var k = 0; k < width; k++)
                    {
                        Unsafe.Add(ref indexRef, tails) = i + k;
                        Unsafe.Add(ref pRef, tails) = Unsafe.Add(ref src, i + k);
                        tails += (int)((tailBits >> k) & 1);
                    }
                }

                T.Store(Central(q), ref dst, (nuint)i);
            }

            // Slack lanes past the list: p = ½ is harmless and never stored.
            tailP.Slice(tails, width).Fill(0.5);
            for (var t = 0; t < tails; t += width)
            {
                var p = T.Load(in pRef, (nuint)t);
                T.Store(Tails(p, p - T.Create(0.5)), ref xRef, (nuint)t);
            }

            for (var t = 0; t < tails; t++)
            {
                Unsafe.Add(ref dst, Unsafe.Add(ref indexRef, t)) = Unsafe.Add(ref xRef, t);
            }
        }

        return count;
    }

    /// <summary>
    /// The tail lanes of one 8-lane register appended to the list by compressing them to the
    /// bottom of a register (their indices and probabilities, in lane order) and storing the whole
    /// register (the lists have 8 elements of slack; what lies past the new length is overwritten
    /// by the next append or ignored) instead of eight element stores per list; returns the new
    /// length. Not the compress store to memory: on Zen 4 it is microcoded and far slower.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static int AppendTails(Vector512<double> p, uint bits, int i, ref int indexRef, ref double pRef, int tails)
    {
        var lanes = Vector512.Create(1L, 2, 4, 8, 16, 32, 64, 128);
        var mask = Vector512.Equals(Vector512.Create((long)(bits & 0xFF)) & lanes, lanes);
        var indices = Vector256.Create(i) + Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        Avx512F.Compress(p, mask.AsDouble(), p).StoreUnsafe(ref pRef, (nuint)tails);
        Avx512F.VL.Compress(indices, Avx512F.ConvertToVector256Int32(mask), indices).StoreUnsafe(ref indexRef, (nuint)tails);
        return tails + BitOperations.PopCount(bits & 0xFF);
    }

    /// <summary>AS 241's central region: q·A(r)/B(r), r = 0.180625 − q², A and B by fused Horner steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    internal static T Central<T>(T q)
        where T : struct, ILanes<T>
    {
        var r = T.Create(0.180625) - (q * q);
        var num = T.Create(2.5090809287301226727e3);
        num = T.FusedMultiplyAdd(num, r, T.Create(3.3430575583588128105e4));
        num = T.FusedMultiplyAdd(num, r, T.Create(6.7265770927008700853e4));
        num = T.FusedMultiplyAdd(num, r, T.Create(4.5921953931549871457e4));
        num = T.FusedMultiplyAdd(num, r, T.Create(1.3731693765509461125e4));
        num = T.FusedMultiplyAdd(num, r, T.Create(1.9715909503065514427e3));
        num = T.FusedMultiplyAdd(num, r, T.Create(1.3314166789178437745e2));
        num = T.FusedMultiplyAdd(num, r, T.Create(3.3871328727963666080e0));
        var den = T.Create(5.2264952788528545610e3);
        den = T.FusedMultiplyAdd(den, r, T.Create(2.8729085735721942674e4));
        den = T.FusedMultiplyAdd(den, r, T.Create(3.9307895800092710610e4));
        den = T.FusedMultiplyAdd(den, r, T.Create(2.1213794301586595867e4));
        den = T.FusedMultiplyAdd(den, r, T.Create(5.3941960214247511077e3));
        den = T.FusedMultiplyAdd(den, r, T.Create(6.8718700749205790830e2));
        den = T.FusedMultiplyAdd(den, r, T.Create(4.2313330701600911252e1));
        den = T.FusedMultiplyAdd(den, r, T.Create(1.0));
        return q * num / den;
    }

    /// <summary>AS 241's tails from min(p, 1 − p); p = 0 and 1 give ∓∞, p outside [0, 1] NaN, NaN itself.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    internal static T Tails<T>(T p, T q)
        where T : struct, ILanes<T>
    {
        var lower = T.LessThan(q, T.Create(0.0));
        var r = T.Select(lower, p, T.Create(1.0) - p);
        var s = T.Sqrt(-VectorMath.Log(r));
        var near = T.LessThanOrEqual(s, T.Create(5.0));
        var x = NearTail(s);
        if (!T.All(near))
        {
            x = T.Select(near, x, FarTail(s));
        }

        x = T.Select(lower, -x, x);
        var ordinary = T.LessThan(T.Create(0.0), r);
        return T.All(ordinary) ? x : Special(p, x);
    }

    /// <summary>p = 0 or 1 (r = 0 gave ∞/∞), p outside [0, 1] (log gave NaN) and NaN.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T Special<T>(T p, T x)
        where T : struct, ILanes<T>
    {
        x = T.Select(T.Equals(p, T.Create(0.0)), T.Create(double.NegativeInfinity), x);
        x = T.Select(T.Equals(p, T.Create(1.0)), T.Create(double.PositiveInfinity), x);
        x = T.Select(T.Or(T.LessThan(p, T.Create(0.0)), T.LessThan(T.Create(1.0), p)), T.Create(double.NaN), x);
        return T.Select(T.Equals(p, p), x, p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static T NearTail<T>(T s)
        where T : struct, ILanes<T>
    {
        var r = s - T.Create(1.6);
        var num = T.Create(7.74545014278341407640e-4);
        num = T.FusedMultiplyAdd(num, r, T.Create(2.27238449892691845833e-2));
        num = T.FusedMultiplyAdd(num, r, T.Create(2.41780725177450611770e-1));
        num = T.FusedMultiplyAdd(num, r, T.Create(1.27045825245236838258e0));
        num = T.FusedMultiplyAdd(num, r, T.Create(3.64784832476320460504e0));
        num = T.FusedMultiplyAdd(num, r, T.Create(5.76949722146069140550e0));
        num = T.FusedMultiplyAdd(num, r, T.Create(4.63033784615654529590e0));
        num = T.FusedMultiplyAdd(num, r, T.Create(1.42343711074968357734e0));
        var den = T.Create(1.05075007164441684324e-9);
        den = T.FusedMultiplyAdd(den, r, T.Create(5.47593808499534494600e-4));
        den = T.FusedMultiplyAdd(den, r, T.Create(1.51986665636164571966e-2));
        den = T.FusedMultiplyAdd(den, r, T.Create(1.48103976427480074590e-1));
        den = T.FusedMultiplyAdd(den, r, T.Create(6.89767334985100004550e-1));
        den = T.FusedMultiplyAdd(den, r, T.Create(1.67638483018380384940e0));
        den = T.FusedMultiplyAdd(den, r, T.Create(2.05319162663775882187e0));
        den = T.FusedMultiplyAdd(den, r, T.Create(1.0));
        return num / den;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T FarTail<T>(T s)
        where T : struct, ILanes<T>
    {
        var r = s - T.Create(5.0);
        var num = T.Create(2.01033439929228813265e-7);
        num = T.FusedMultiplyAdd(num, r, T.Create(2.71155556874348757815e-5));
        num = T.FusedMultiplyAdd(num, r, T.Create(1.24266094738807843860e-3));
        num = T.FusedMultiplyAdd(num, r, T.Create(2.65321895265761230930e-2));
        num = T.FusedMultiplyAdd(num, r, T.Create(2.96560571828504891230e-1));
        num = T.FusedMultiplyAdd(num, r, T.Create(1.78482653991729133580e0));
        num = T.FusedMultiplyAdd(num, r, T.Create(5.46378491116411436990e0));
        num = T.FusedMultiplyAdd(num, r, T.Create(6.65790464350110377720e0));
        var den = T.Create(2.04426310338993978564e-15);
        den = T.FusedMultiplyAdd(den, r, T.Create(1.42151175831644588870e-7));
        den = T.FusedMultiplyAdd(den, r, T.Create(1.84631831751005468180e-5));
        den = T.FusedMultiplyAdd(den, r, T.Create(7.86869131145613259100e-4));
        den = T.FusedMultiplyAdd(den, r, T.Create(1.48753612908506148525e-2));
        den = T.FusedMultiplyAdd(den, r, T.Create(1.36929880922735805310e-1));
        den = T.FusedMultiplyAdd(den, r, T.Create(5.99832206555887937690e-1));
        den = T.FusedMultiplyAdd(den, r, T.Create(1.0));
        return num / den;
    }

    private readonly struct CdfOperator : IUnaryLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        public static T Invoke<T>(T x)
            where T : struct, ILanes<T> => Cdf(x);
    }

    private readonly struct InvCdfOperator : IUnaryLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        public static T Invoke<T>(T x)
            where T : struct, ILanes<T> => InvCdf(x);
    }
}
