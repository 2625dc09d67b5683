using System.Runtime.Intrinsics;
using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Numerics.Internal;
using static ClimateRisk.Core.Tests.Distributions.ReferenceCsv;

namespace ClimateRisk.Core.Tests.Distributions;

/// <summary>
/// The Beta quantile on vector lanes against the scalar solver (the reference, itself tested
/// against SciPy and mpmath in <see cref="BetaQuantileTests"/> and <see cref="IncompleteBetaTests"/>):
/// bit for bit, at every lane position, every register width, lengths not a multiple of the width.
/// </summary>
public class BetaQuantileLanesTests
{
    private static readonly double[] Shapes = [1e-3, 0.05, 0.3, 0.69, 1.0, 1.7, 4.0, 20.0, 50.0, 700.0, 7209.0, 32720.0];

    private static readonly double[] Probabilities =
        [0.0, 1e-300, 1e-60, 1e-16, 1e-12, 1e-3, 0.155, 0.5, Math.BitIncrement(0.5), 0.75, 0.999, 1 - 1e-12, Math.BitDecrement(1.0), 1.0];

    /// <summary>Shapes from 1e−3 to 32,720 crossed with p from 0 to 1; SciPy's table; the damage curves' shapes with fixed-seed u.</summary>
    private static (double[] A, double[] B, double[] P) Cases()
    {
        var a = new List<double>();
        var b = new List<double>();
        var p = new List<double>();
        foreach (var sa in Shapes)
        {
            foreach (var sb in Shapes)
            {
                foreach (var sp in Probabilities)
                {
                    a.Add(sa);
                    b.Add(sb);
                    p.Add(sp);
                }
            }
        }

        foreach (var r in Read("beta_ppf.csv"))
        {
            a.Add(r["a"]);
            b.Add(r["b"]);
            p.Add(r["p"]);
        }

        var random = new System.Random(20261205);
        foreach (var r in Read("betainc_damage.csv"))
        {
            a.Add(r["a"]);
            b.Add(r["b"]);
            p.Add(random.NextDouble());
        }

        return (a.ToArray(), b.ToArray(), p.ToArray());
    }

    [Fact]
    public void Lanes_equal_the_scalar_solver_bit_for_bit_at_every_lane_position_and_width()
    {
        var (a, b, p) = Cases();
        var expected = new double[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            expected[i] = BetaQuantile.InvCdf(a[i], b[i], p[i]);
        }

        Check<Lanes128>(a, b, p, expected);
        if (Vector256.IsHardwareAccelerated)
        {
            Check<Lanes256>(a, b, p, expected);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Check<Lanes512>(a, b, p, expected);
        }
    }

    private static void Check<T>(double[] a, double[] b, double[] p, double[] expected)
        where T : struct, ILanes<T>
    {
        var n = a.Length;
        var got = new double[n];

        // Rotations by 0 … width − 1 put every case at every lane position, among other neighbours.
        for (var shift = 0; shift < T.Count; shift++)
        {
            var ra = Rotate(a, shift);
            var rb = Rotate(b, shift);
            var rp = Rotate(p, shift);
            BetaQuantile.InvCdfLanes<T>(ra, rb, rp, got);
            for (var j = 0; j < n; j++)
            {
                var i = (j + shift) % n;
                BitConverter.DoubleToInt64Bits(got[j]).Should().Be(
                    BitConverter.DoubleToInt64Bits(expected[i]),
                    $"{typeof(T).Name}, lane {j % T.Count}: a={a[i]:R} b={b[i]:R} p={p[i]:R} gave {got[j]:R}, scalar {expected[i]:R}");
            }
        }

        // Lengths 0 … 19 (not multiples of the width) from every start of the first 64 cases, in place.
        for (var length = 0; length < 20; length++)
        {
            for (var start = 0; start + length <= 64; start += 7)
            {
                var inPlace = p.AsSpan(start, length).ToArray();
                BetaQuantile.InvCdfLanes<T>(a.AsSpan(start, length), b.AsSpan(start, length), inPlace, inPlace);
                for (var j = 0; j < length; j++)
                {
                    inPlace[j].Should().Be(expected[start + j], $"{typeof(T).Name}, length {length}, start {start}, element {j}");
                }
            }
        }
    }

    private static double[] Rotate(double[] values, int shift) => [.. values[shift..], .. values[..shift]];

    [Fact]
    public void Span_forms_equal_the_scalar_forms()
    {
        var (a, b, p) = Cases();
        var got = new double[a.Length];
        BetaQuantile.InvCdf(a, b, p, got);
        for (var i = 0; i < a.Length; i++)
        {
            got[i].Should().Be(BetaQuantile.InvCdf(a[i], b[i], p[i]), $"a={a[i]:R} b={b[i]:R} p={p[i]:R}");
        }

        // Lengths 0 … 40 through the span form, which splits them over the register widths and the scalar solver.
        for (var length = 0; length <= 40; length++)
        {
            for (var start = 0; start + length <= 200; start += 37)
            {
                var part = new double[length];
                BetaQuantile.InvCdf(a.AsSpan(start, length), b.AsSpan(start, length), p.AsSpan(start, length), part);
                for (var j = 0; j < length; j++)
                {
                    part[j].Should().Be(BetaQuantile.InvCdf(a[start + j], b[start + j], p[start + j]), $"length {length}, start {start}, element {j}");
                }
            }
        }

        // Damage draws: means and s.d. of the bundled curves' range, with the degenerate ones (s = 0, m ∈ {0, 1}) mixed in.
        var random = new System.Random(7);
        const int count = 1001;
        var mean = new double[count];
        var sd = new double[count];
        var u = new double[count];
        for (var i = 0; i < count; i++)
        {
            mean[i] = i % 17 == 0 ? 0.0 : i % 19 == 0 ? 1.0 : random.NextDouble();
            sd[i] = i % 13 == 0 ? 0.0 : 0.35 * random.NextDouble();
            u[i] = i % 23 == 0 ? 0.0 : i % 29 == 0 ? 1.0 : random.NextDouble();
        }

        var draws = new double[count];
        BetaQuantile.SampleFromMeanSd(mean, sd, u, draws);
        for (var i = 0; i < count; i++)
        {
            draws[i].Should().Be(BetaQuantile.SampleFromMeanSd(mean[i], sd[i], u[i]), $"m={mean[i]:R} s={sd[i]:R} u={u[i]:R}");
        }

        // In place over u.
        BetaQuantile.SampleFromMeanSd(mean, sd, u, u);
        u.Should().Equal(draws);
    }

    /// <summary>
    /// The continued fraction on lanes, unguarded with its fallback and guarded throughout,
    /// against the scalar one (which guards every denominator), at the points the solver visits
    /// and at x where the first denominator 1 − (a + b)x/(a + 1) is 0 or next to it.
    /// </summary>
    [Fact]
    public void Continued_fraction_lanes_equal_the_scalar_one()
    {
        var random = new System.Random(3);
        var a = new List<double>();
        var b = new List<double>();
        var x = new List<double>();
        foreach (var sa in Shapes)
        {
            foreach (var sb in Shapes)
            {
                var pivot = (sa + 1.0) / (sa + sb + 2.0);
                foreach (var t in new[] { 1e-300, 1e-12, 0.25, 0.5, 0.999 })
                {
                    a.Add(sa);
                    b.Add(sb);
                    x.Add(t * pivot);
                }

                // The first denominator at and next to 0 (the guard's case).
                var zero = (sa + 1.0) / (sa + sb);
                if (zero < 1)
                {
                    foreach (var z in new[] { Math.BitDecrement(zero), zero, Math.BitIncrement(zero) })
                    {
                        a.Add(sa);
                        b.Add(sb);
                        x.Add(z);
                    }
                }

                a.Add(sa);
                b.Add(sb);
                x.Add(random.NextDouble());
            }
        }

        Check<Lanes128>();
        if (Vector256.IsHardwareAccelerated)
        {
            Check<Lanes256>();
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Check<Lanes512>();
        }

        void Check<T>()
            where T : struct, ILanes<T>
        {
            Span<double> la = stackalloc double[T.Count];
            Span<double> lb = stackalloc double[T.Count];
            Span<double> lx = stackalloc double[T.Count];
            Span<double> got = stackalloc double[T.Count];
            Span<double> guarded = stackalloc double[T.Count];
            var active = T.CreateInt64(-1L);
            for (var shift = 0; shift < T.Count; shift++)
            {
                for (var i = 0; i < a.Count; i += T.Count)
                {
                    for (var l = 0; l < T.Count; l++)
                    {
                        var k = (i + l + shift) % a.Count;
                        (la[l], lb[l], lx[l]) = (a[k], b[k], x[k]);
                    }

                    T.Store(IncompleteBeta.ContinuedFraction(T.Load(in la[0], 0), T.Load(in lb[0], 0), T.Load(in lx[0], 0), active), ref got[0], 0);
                    T.Store(IncompleteBeta.ContinuedFractionGuarded(T.Load(in la[0], 0), T.Load(in lb[0], 0), T.Load(in lx[0], 0), active), ref guarded[0], 0);
                    for (var l = 0; l < T.Count; l++)
                    {
                        var expected = BitConverter.DoubleToInt64Bits(IncompleteBeta.ContinuedFraction(la[l], lb[l], lx[l]));
                        BitConverter.DoubleToInt64Bits(got[l]).Should().Be(expected, $"{typeof(T).Name} a={la[l]:R} b={lb[l]:R} x={lx[l]:R}");
                        BitConverter.DoubleToInt64Bits(guarded[l]).Should().Be(expected, $"{typeof(T).Name} guarded a={la[l]:R} b={lb[l]:R} x={lx[l]:R}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Span_forms_reject_bad_input_naming_the_element()
    {
        double[] ok = [0.5, 0.5, 0.5];
        var act = () => BetaQuantile.InvCdf(ok, [1.0, -1.0, 1.0], ok, new double[3]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("b").WithMessage("*b[1]*");
        act = () => BetaQuantile.InvCdf(ok, ok, [0.5, 0.5, 1.5], new double[3]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("p").WithMessage("*p[2]*");
        act = () => BetaQuantile.InvCdf(ok, ok, ok, new double[2]);
        act.Should().Throw<ArgumentException>().WithParameterName("destination");
        act = () => BetaQuantile.SampleFromMeanSd(ok, [0.1, double.NaN, 0.1], ok, new double[3]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("sd").WithMessage("*[1]*");
        act = () => BetaQuantile.SampleFromMeanSd(ok, ok, [0.5], new double[3]);
        act.Should().Throw<ArgumentException>().WithParameterName("sd");
    }
}
