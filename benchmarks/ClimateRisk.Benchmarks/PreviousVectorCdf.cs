using System.Runtime.CompilerServices;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// <c>VectorNormal.Cdf</c> as it was before issue 10's sixteenth session: e^(−x²/2)·G(|x|) on
/// every lane (G a polynomial of degree 21 in (t − 5)/(t + 5)), kept so <see cref="BatchBenchmarks"/>
/// times both in one run. Since then |x| &lt; 4 has its own polynomials, so the bits differ there
/// (by at most a few ulps; both are checked against the mpmath references in VectorNormalTests).
/// </summary>
internal static class PreviousVectorCdf
{
    private const double CdfClamp = 40;
    private const double MillsShift = 5;

    /// <summary>destination[i] = Φ(x[i]).</summary>
    public static void Cdf(ReadOnlySpan<double> x, Span<double> destination) => LaneLoop.Apply<Operator>(x, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static T Cdf<T>(T x)
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

    private readonly struct Operator : IUnaryLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        public static T Invoke<T>(T x)
            where T : struct, ILanes<T> => Cdf(x);
    }
}
