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
/// Φ for |x| &lt; 4 (all but 6.3e−5 of standard normal draws) is a polynomial of degree 11 on each
/// of 16 intervals of ¼ in |x| for Φ(−|x|) (1 − it for x ≥ 0), its coefficients picked by a
/// 16-entry lookup (one two-register permute a coefficient on AVX-512) and summed by Estrin's
/// scheme: no exp and no division, about a third of the time of the formula below (sixteenth
/// performance session). Registers with a lane beyond take those lanes from the formula below,
/// so a lane's bits never depend on its neighbours.
/// </para>
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
    private const double InnerLimit = 4;
    private const double IndexShifter = 4503599627370496.0; // 2⁵²: j + 2⁵² holds j in its low bits

    /// <summary>
    /// P_j(w) ≈ Φ(−s) on s ∈ [j/4, (j + 1)/4), w = 8s − 2j − 1, by order from w¹¹ down to w⁰,
    /// the 16 intervals' coefficients of an order side by side (one 16-entry lookup an order).
    /// Chebyshev interpolation in 40-digit arithmetic (tests/reference/fit_vector_math.py),
    /// 1.6e−16 relative with the coefficients rounded to doubles.
    /// </summary>
    private static ReadOnlySpan<double> InnerCoefficients =>
    [
        // w^11
        1.0033347683098442e-15, 3.690761554294764e-16, -4.350011577041508e-16, -8.647351235538377e-16, -7.114986874314082e-16, -1.9709499230336553e-16, 2.7562997590566346e-16, 4.456860842434015e-16,
        3.2361836951667426e-16, 9.015999860244752e-17, -8.29673487407634e-17, -1.33992851993864e-16, -9.745883043952005e-17, -3.7113329049591024e-17, 5.114118680554891e-18, 2.010189675654884e-17,
        // w^10
        1.1706002393845437e-14, 2.7640072570171758e-14, 2.6673427588068753e-14, 1.1351567166902691e-14, -6.9620793581647276e-15, -1.724623772575144e-14, -1.5982557975692335e-14, -7.42286232865953e-15,
        1.430918759233384e-15, 6.00029116796256e-15, 5.87301250994837e-15, 3.2746077863416443e-15, 6.291231035312144e-16, -8.446531921990228e-16, -1.1460794335051322e-15, -8.249699156942356e-16,
        // w^9
        -8.004394274544701e-13, -3.818399808620408e-13, 1.9313291862214524e-13, 5.903409962035103e-13, 6.280870532380364e-13, 3.656001134228729e-13, 1.4637606857846135e-14, -2.2606294396433892e-13,
        -2.810839129722022e-13, -1.9752201054219837e-13, -7.197395150495694e-14, 2.1475840344716882e-14, 5.904193722825354e-14, 5.449833030492384e-14, 3.293292225567747e-14, 1.2642125340060063e-14,
        // w^8
        -7.560581363460425e-12, -1.8685931341408506e-11, -2.0353325575481142e-11, -1.2834062966241464e-11, -1.3108709986598236e-12, 7.94318561945755e-12, 1.1324154445182898e-11, 9.159448703473096e-12,
        4.3263352770635915e-12, -1.1833713184632663e-13, -2.538300414772164e-12, -2.9131094737456965e-12, -2.1082786961004513e-12, -1.0422583933302064e-12, -2.467462182806983e-13, 1.5344079665644603e-13,
        // w^7
        5.355609789083207e-10, 3.154268800091155e-10, -1.0832818092304032e-11, -2.8594261144482143e-10, -3.9997940882580736e-10, -3.4052730830828415e-10, -1.7787985291266668e-10, -8.204024425107222e-12,
        1.0097998143113216e-10, 1.3259595524273016e-10, 1.0829854760433468e-10, 6.243559262561832e-11, 2.1369759726830786e-11, -3.7145208484295935e-12, -1.3501425097642095e-11, -1.3758275587690847e-11,
        // w^6
        3.891396698388216e-09, 1.005780444923977e-08, 1.2220969198920962e-08, 1.0001422804429046e-08, 4.9827773070692865e-09, -3.7467593932860443e-10, -4.066479222329838e-09, -5.327673761035272e-09,
        -4.587016044714776e-09, -2.8685048103430722e-09, -1.1370935268856452e-09, 6.474204725479487e-11, 6.360555871843127e-10, 7.395784405919509e-10, 6.041856112444047e-10, 4.0593533184273577e-10,
        // w^5
        -2.925872593540734e-07, -2.057815871921292e-07, -6.750209187540552e-08, 6.971079721436174e-08, 1.6121493615068513e-07, 1.880132037977598e-07, 1.5906528468800452e-07, 1.0030861076866381e-07,
        3.92882888133356e-08, -5.881676128007448e-09, -2.9566542323852683e-08, -3.5352254957778475e-08, -3.057005028479806e-08, -2.1965414968283406e-08, -1.3767293111422856e-08, -7.704345404495101e-09,
        // w^4
        -1.502136353773553e-06, -4.056065212364943e-06, -5.444177165408324e-06, -5.410652426417816e-06, -4.205401125158196e-06, -2.405337081817924e-06, -6.32900837487762e-07, 6.7649695345185e-07,
        1.3668915567375292e-06, 1.5165721091637208e-06, 1.321926624972189e-06, 9.853011474691912e-07, 6.500073915913975e-07, 3.8633510563153817e-07, 2.090552828690918e-07, 1.0369442527825016e-07,
        // w^3
        0.00012684007912963465, 0.00010402440471820724, 6.509540696952632e-05, 2.0756149168284908e-05, -1.8320225922581415e-05, -4.494068975383867e-05, -5.6897573617103247e-05, -5.6328279663581335e-05,
        -4.7745878512960754e-05, -3.5910311617454016e-05, -2.439888744102706e-05, -1.5132273073763288e-05, -8.623691598238637e-06, -4.536153416295885e-06, -2.2094258767414975e-06, -9.988488722476056e-07,
        // w^2
        0.00038656024115698136, 0.0010894192203215875, 0.0016023484792498772, 0.0018597509654783245, 0.0018621970820129842, 0.0016651708203527598, 0.0013525366071265687, 0.0010076114623050571,
        0.0006926335442946836, 0.0004410801911800409, 0.00026094513040376944, 0.00014370778041664239, 7.378559656246971e-05, 3.536153279710965e-05, 1.5832797016340645e-05, 6.62781325263963e-06,
        // w^1
        -0.04947971086809368, -0.04648188673372111, -0.04102012106879688, -0.03400687479731794, -0.02648458072196243, -0.01937653318228665, -0.013317283516323133, -0.008598284478336488,
        -0.005215123157042326, -0.0029714876037392254, -0.001590522699603929, -0.0007997650388404446, -0.0003777822543998445, -0.0001676398591862972, -6.988269027902061e-05, -2.7366454720576512e-05,
        // w^0
        0.4502617751698871, 0.3538302333272762, 0.26598552904870054, 0.19078695285251063, 0.13029451713680887, 0.08456572235133572, 0.05208127941521955, 0.030396361765261375,
        0.016793306448448814, 0.008774475095738362, 0.004332448363012558, 0.0020201374899460017, 0.000889025299108432, 0.00036907845427506733, 0.00014448072588123576, 5.3312349751096344e-05,
    ];

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
        var s = T.Abs(x);
        var lower = InnerLowerTail(s);
        var result = T.Select(T.LessThan(x, T.Create(0.0)), lower, T.Create(1.0) - lower);
        return T.AllLessThan(s, T.Create(InnerLimit)) ? result : CdfMixed(x, result); // NaN is not inner
    }

    /// <summary>
    /// Φ(−s) for 0 ≤ s &lt; 4 (other lanes get a value that is not used): on the interval
    /// j = ⌊4s⌋ the polynomial P_j of degree 11 in w = 8s − 2j − 1 ∈ [−1, 1), its coefficients
    /// picked lane by lane from <see cref="InnerCoefficients"/> and summed by Estrin's scheme
    /// (four dependent steps instead of Horner's eleven: a register's chain is what bounds it).
    /// 8s − 2j is exact, so w is rounded at most once (only below s = ¼).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static T InnerLowerTail<T>(T s)
        where T : struct, ILanes<T>
    {
        var j = T.Truncate(s * T.Create(4.0));
        var index = j + T.Create(IndexShifter);
        var w = T.FusedMultiplyAdd(j, T.Create(-2.0), s * T.Create(8.0)) - T.Create(1.0);
        ref var c = ref MemoryMarshal.GetReference(InnerCoefficients);
        var w2 = w * w;
        var w4 = w2 * w2;
        var w8 = w4 * w4;
        var p1011 = T.FusedMultiplyAdd(T.Lookup16(in c, index), w, T.Lookup16(in Unsafe.Add(ref c, 16), index));
        var p89 = T.FusedMultiplyAdd(T.Lookup16(in Unsafe.Add(ref c, 32), index), w, T.Lookup16(in Unsafe.Add(ref c, 48), index));
        var p67 = T.FusedMultiplyAdd(T.Lookup16(in Unsafe.Add(ref c, 64), index), w, T.Lookup16(in Unsafe.Add(ref c, 80), index));
        var p45 = T.FusedMultiplyAdd(T.Lookup16(in Unsafe.Add(ref c, 96), index), w, T.Lookup16(in Unsafe.Add(ref c, 112), index));
        var p23 = T.FusedMultiplyAdd(T.Lookup16(in Unsafe.Add(ref c, 128), index), w, T.Lookup16(in Unsafe.Add(ref c, 144), index));
        var p01 = T.FusedMultiplyAdd(T.Lookup16(in Unsafe.Add(ref c, 160), index), w, T.Lookup16(in Unsafe.Add(ref c, 176), index));
        var q811 = T.FusedMultiplyAdd(p1011, w2, p89);
        var q47 = T.FusedMultiplyAdd(p67, w2, p45);
        var q03 = T.FusedMultiplyAdd(p23, w2, p01);
        var r07 = T.FusedMultiplyAdd(q47, w4, q03);
        return T.FusedMultiplyAdd(q811, w8, r07);
    }

    /// <summary>A register with a lane at |x| ≥ 4 or NaN: those lanes from <see cref="CdfOuter{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T CdfMixed<T>(T x, T inner)
        where T : struct, ILanes<T>
        => T.Select(T.LessThan(T.Abs(x), T.Create(InnerLimit)), inner, CdfOuter(x));

    /// <summary>Φ for |x| ≥ 4 (and NaN) by e^(−x²/2)·G(|x|); see the class remarks.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T CdfOuter<T>(T x)
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
