using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Distributions;

/// <summary>The Beta quantile over spans: 8 (AVX-512), 4 (AVX2) or 2 quantiles per register, bit for bit the scalar one.</summary>
public static partial class BetaQuantile
{
    /// <summary>Quantiles solved per chunk of <see cref="SampleFromMeanSd(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/> (stack buffers).</summary>
    private const int Chunk = 64;

    /// <summary>
    /// destination[i] = <see cref="InvCdf(double, double, double)"/>(a[i], b[i], p[i]), bit for bit,
    /// solved on vector lanes: the same operations per lane as the scalar solver, every lane
    /// iterating until it has converged and keeping its value while the others go on.
    /// </summary>
    /// <param name="a">Shapes a &gt; 0 (finite).</param>
    /// <param name="b">Shapes b &gt; 0 (finite), as long as <paramref name="a"/>.</param>
    /// <param name="p">Probabilities in [0, 1], as long as <paramref name="a"/>.</param>
    /// <param name="destination">The quantiles; at least as long as <paramref name="a"/>.</param>
    /// <exception cref="ArgumentException">The spans' lengths disagree or the destination is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An element out of range, as the scalar form (nothing written).</exception>
    public static void InvCdf(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> p, Span<double> destination)
    {
        if (b.Length != a.Length || p.Length != a.Length)
        {
            throw new ArgumentException($"a, b and p must have the same length ({a.Length}, {b.Length}, {p.Length}).", nameof(b));
        }

        if (destination.Length < a.Length)
        {
            throw new ArgumentException($"Destination too short: {destination.Length} < {a.Length}.", nameof(destination));
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!(a[i] > 0.0) || !double.IsFinite(a[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(a), a[i], $"Shape a[{i}] must be finite and > 0.");
            }

            if (!(b[i] > 0.0) || !double.IsFinite(b[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(b), b[i], $"Shape b[{i}] must be finite and > 0.");
            }

            if (!(p[i] >= 0.0 && p[i] <= 1.0))
            {
                throw new ArgumentOutOfRangeException(nameof(p), p[i], $"Probability p[{i}] must lie in [0, 1].");
            }
        }

        InvCdfLanes(a, b, p, destination);
    }

    /// <summary>
    /// destination[i] = <see cref="SampleFromMeanSd(double, double, double)"/>(mean[i], sd[i], u[i]),
    /// bit for bit, the quantiles solved on vector lanes (<see cref="InvCdf(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>).
    /// Allocation-free.
    /// </summary>
    /// <param name="mean">Means m ∈ [0, 1].</param>
    /// <param name="sd">Standard deviations s ≥ 0, as long as <paramref name="mean"/>.</param>
    /// <param name="u">Uniform variates in [0, 1], as long as <paramref name="mean"/>.</param>
    /// <param name="destination">The draws; at least as long as <paramref name="mean"/>; may be <paramref name="u"/> itself.</param>
    /// <exception cref="ArgumentException">The spans' lengths disagree or the destination is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An element out of range, as the scalar form.</exception>
    [SkipLocalsInit] // Stack lists written before they are read.
    public static void SampleFromMeanSd(ReadOnlySpan<double> mean, ReadOnlySpan<double> sd, ReadOnlySpan<double> u, Span<double> destination)
    {
        if (sd.Length != mean.Length || u.Length != mean.Length)
        {
            throw new ArgumentException($"mean, sd and u must have the same length ({mean.Length}, {sd.Length}, {u.Length}).", nameof(sd));
        }

        if (destination.Length < mean.Length)
        {
            throw new ArgumentException($"Destination too short: {destination.Length} < {mean.Length}.", nameof(destination));
        }

        Span<double> a = stackalloc double[Chunk];
        Span<double> b = stackalloc double[Chunk];
        Span<double> p = stackalloc double[Chunk];
        Span<int> at = stackalloc int[Chunk];
        for (var start = 0; start < mean.Length; start += Chunk)
        {
            var end = Math.Min(mean.Length, start + Chunk);
            var listed = 0;
            for (var i = start; i < end; i++)
            {
                double m = mean[i], s = sd[i], v = u[i];
                if (!(m >= 0.0 && m <= 1.0))
                {
                    throw new ArgumentOutOfRangeException(nameof(mean), m, $"Mean[{i}] must lie in [0, 1].");
                }

                if (!(s >= 0.0) || !double.IsFinite(s))
                {
                    throw new ArgumentOutOfRangeException(nameof(sd), s, $"Standard deviation[{i}] must be finite and >= 0.");
                }

                if (!(v >= 0.0 && v <= 1.0))
                {
                    throw new ArgumentOutOfRangeException(nameof(u), v, $"Uniform[{i}] must lie in [0, 1].");
                }

                if (s == 0.0 || m == 0.0 || m == 1.0)
                {
                    destination[i] = m;
                    continue;
                }

                (a[listed], b[listed]) = ParametersUnchecked(m, s);
                p[listed] = v;
                at[listed++] = i;
            }

            InvCdfLanes(a[..listed], b[..listed], p[..listed], p);
            for (var j = 0; j < listed; j++)
            {
                destination[at[j]] = p[j];
            }
        }
    }

    /// <summary>
    /// The lane solver without checks; <paramref name="destination"/> may be <paramref name="p"/>.
    /// Full registers of 8 (AVX-512) and a last one with 6 or 7 lanes, a rest of 3–5 on a
    /// register of 4, a shorter one by the scalar solver: a register costs about the same however
    /// many of its lanes are live (its slowest lane sets the iterations), and the kernel's lists
    /// are about 4 paths long (BetaQuantileBenchmarks, 4,096 quantiles: in registers of 8 0.50,
    /// in lists of 4 0.67, of 2 0.85 of the scalar solver's time; since ln B and the starting
    /// value are computed on the register, 0.25, 0.41 and about 1 — a list of 2 is solved by
    /// the scalar solver, and a register of 2 lanes would take 0.68). Two register widths, not
    /// three: each is compiled on first use, which a short run pays.
    /// </summary>
    internal static void InvCdfLanes(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> p, Span<double> destination)
    {
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = Registers(a.Length, 8, 6);
            InvCdfLanes<Lanes512>(a[..i], b[..i], p[..i], destination);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var wide = Vector512.IsHardwareAccelerated ? (a.Length - i >= 3 ? a.Length - i : 0) : Registers(a.Length, 4, 3);
            InvCdfLanes<Lanes256>(a.Slice(i, wide), b.Slice(i, wide), p.Slice(i, wide), destination[i..]);
            i += wide;
        }
        else
        {
            var pairs = Registers(a.Length - i, 2, 2);
            InvCdfLanes<Lanes128>(a.Slice(i, pairs), b.Slice(i, pairs), p.Slice(i, pairs), destination[i..]);
            i += pairs;
        }

        for (; i < a.Length; i++)
        {
            destination[i] = InvCdfUnchecked(a[i], b[i], p[i]);
        }
    }

    /// <summary>How many of <paramref name="count"/> quantiles go on registers of <paramref name="width"/>: the full ones, and a last one with at least <paramref name="minimumLast"/> lanes live.</summary>
    private static int Registers(int count, int width, int minimumLast)
    {
        var rest = count % width;
        return count - rest + (rest >= minimumLast ? rest : 0);
    }

    /// <summary>
    /// The lane solver on registers of <typeparamref name="T"/>; <paramref name="destination"/> may be <paramref name="p"/>.
    /// Per register: the lanes gathered, ln B (<see cref="IncompleteBeta.LnBeta{T}"/>) and the
    /// starting value (<see cref="InitialGuess{T}"/>) on the register, then <see cref="Solve{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // Register images written before they are read (a settled lane's unset value is never selected).
    internal static void InvCdfLanes<T>(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> p, Span<double> destination)
        where T : struct, ILanes<T>
    {
        Span<double> ra = stackalloc double[8];
        Span<double> rb = stackalloc double[8];
        Span<double> rp = stackalloc double[8];
        Span<double> x = stackalloc double[8];
        Span<double> live = stackalloc double[8];
        Span<double> settled = stackalloc double[8];
        var allSet = BitConverter.Int64BitsToDouble(-1L);
        for (var i = 0; i < a.Length; i += T.Count)
        {
            var inRegister = Math.Min(T.Count, a.Length - i);
            var any = false;
            for (var l = 0; l < T.Count; l++)
            {
                var pl = l < inRegister ? p[i + l] : 0.0;
                if (l < inRegister && !(pl <= 0.0) && !(pl >= 1.0))
                {
                    double al = a[i + l], bl = b[i + l];
                    ra[l] = al;
                    rb[l] = bl;
                    rp[l] = pl;
                    live[l] = allSet;
                    any = true;
                }
                else
                {
                    // Finished before the iteration (p ≤ 0 gives 0, p ≥ 1 gives 1) or past the span:
                    // benign values that keep the masked arithmetic short.
                    ra[l] = 1.0;
                    rb[l] = 1.0;
                    rp[l] = 0.5;
                    settled[l] = pl <= 0.0 ? 0.0 : 1.0;
                    live[l] = 0.0;
                }
            }

            if (any)
            {
                var shapeA = T.Load(in ra[0], 0);
                var shapeB = T.Load(in rb[0], 0);
                var probability = T.Load(in rp[0], 0);
                var solved = Solve(
                    shapeA, shapeB, probability, IncompleteBeta.LnBeta(shapeA, shapeB), InitialGuess(shapeA, shapeB, probability), T.Load(in live[0], 0));
                T.Store(T.Select(T.Load(in live[0], 0), solved, T.Load(in settled[0], 0)), ref x[0], 0);
            }
            else
            {
                settled.CopyTo(x);
            }

            x[..inRegister].CopyTo(destination[i..]);
        }
    }

    /// <summary>
    /// <see cref="InvCdfUnchecked"/>'s iteration on every lane where <paramref name="active"/> is
    /// set, from the starting value <paramref name="x"/>: the same operations in the same order per
    /// lane, the branches as selects, the iteration run until every lane has stopped; a lane that
    /// stops keeps its value. Lanes not active return <paramref name="x"/>.
    /// </summary>
    // Out of line, as the transcendental helpers below: inlined together, the JIT runs out of
    // inlining budget and leaves lane operators as calls (docs/performance.md, "Vector math written once").
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T Solve<T>(T a, T b, T p, T lnBeta, T x, T active)
        where T : struct, ILanes<T>
    {
        var zero = T.Create(0.0);
        var one = T.Create(1.0);
        var half = T.Create(0.5);
        var lo = zero;
        var hi = one;
        var lower = T.LessThanOrEqual(p, half);
        var target = T.Select(lower, p, one - p);
        var result = x;
        for (var iter = 0; iter < MaxIterations && T.Any(active); iter++)
        {
            // IncompleteBeta.Tail.
            var front = Prefactor(a, b, x, lnBeta, out var lnX, out var ln1mX);
            var direct = T.LessThan(x, (a + one) / (a + b + T.Create(2.0)));
            var cf = IncompleteBeta.ContinuedFraction(T.Select(direct, a, b), T.Select(direct, b, a), T.Select(direct, x, one - x), active);
            var t = front * cf / T.Select(direct, a, b);
            var tail = T.Select(direct, T.Select(lower, t, one - t), T.Select(lower, one - t, t));

            var f = T.Select(lower, tail - target, target - tail);
            var hit = T.And(active, T.Equals(f, zero));
            result = T.Select(hit, x, result);
            active = T.Select(hit, zero, active);
            var below = T.LessThan(f, zero);
            lo = T.Select(T.And(active, below), x, lo);
            hi = T.Select(T.Select(below, zero, active), x, hi);

            var pdf = front / (x * (one - x));
            var normalFront = T.LessThanOrEqual(T.Create(MinNormalFront), front);
            if (!T.All(T.Or(normalFront, T.Select(active, zero, T.CreateInt64(-1L)))))
            {
                pdf = T.Select(normalFront, pdf, Exp(((a - one) * lnX) + ((b - one) * ln1mX) - lnBeta));
            }

            var valid = T.And(T.And(T.LessThan(zero, tail), T.LessThan(zero, pdf)), T.LessThanOrEqual(pdf, T.Create(double.MaxValue)));
            var ratio = (tail - target) / target;
            var g = LaneLnRatio(ratio, tail, target);
            var slope = T.Select(lower, pdf, -pdf) / tail;
            var scaled = g / slope;
            var left = T.LessThan(x, half);
            var y = one - x;
            var newton = T.Select(left, -scaled / x, scaled / y);
            var h = T.Select(left, a - ((b - one) * x / (one - x)) - (x * slope), b - ((a - one) * y / x) + (y * slope));
            var c = half * newton * h;
            var step = T.Select(T.LessThan(T.Abs(c), half), newton / (one + c), newton);
            var e = Exp(step);
            var xNew = T.Select(valid, T.Select(left, x * e, one - (y * e)), T.Create(double.NaN));

            var converged = T.And(active, T.LessThanOrEqual(T.Abs(xNew - x), T.Create(NewtonStop) * T.Select(T.LessThan(x, y), x, y)));
            result = T.Select(converged, xNew, result);
            active = T.Select(converged, zero, active);

            var outside = T.And(active, T.Select(T.And(T.LessThan(lo, xNew), T.LessThan(xNew, hi)), zero, T.CreateInt64(-1L)));
            if (T.Any(outside))
            {
                xNew = LaneBisect(lo, hi, xNew, outside);
            }

            var dx = T.Abs(xNew - x);
            x = T.Select(active, xNew, x);
            var small = T.Or(
                T.LessThanOrEqual(dx, T.Create(4e-16) * x),
                T.LessThanOrEqual(hi - lo, T.Create(4e-16) * T.Select(T.LessThan(T.Create(1e-300), lo), lo, T.Create(1e-300))));
            var stopped = T.And(active, small);
            result = T.Select(stopped, x, result);
            active = T.Select(stopped, zero, active);
        }

        // Out of iterations: the last iterate, as the scalar loop.
        return T.Select(active, x, result);
    }

    /// <summary>g = ln(T/target) as the scalar solver takes it: ln1p of the ratio when |ratio| &lt; ½ (one logarithm for both forms).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T LaneLnRatio<T>(T ratio, T tail, T target)
        where T : struct, ILanes<T>
    {
        var one = T.Create(1.0);
        var small = T.LessThan(T.Abs(ratio), T.Create(0.5));
        var u = one + ratio;
        var ln = IncompleteBeta.Log(T.Select(small, u, tail / target));

        // IncompleteBeta.Log1P's form; u is finite where |ratio| < ½.
        return T.Select(small, T.Select(T.Equals(u, one), ratio, ln * ratio / (u - one)), ln);
    }

    /// <summary>xᵃ(1 − x)ᵇ/B as <see cref="IncompleteBeta.Tail"/> takes it, with ln x and ln(1 − x).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T Prefactor<T>(T a, T b, T x, T lnBeta, out T lnX, out T ln1mX)
        where T : struct, ILanes<T>
    {
        lnX = IncompleteBeta.Log(x);
        ln1mX = IncompleteBeta.Log1P(-x);
        return Exp((a * lnX) + (b * ln1mX) - lnBeta);
    }

    /// <summary><see cref="VectorMath.Exp{T}"/> out of line (compiled once per width; see <see cref="IncompleteBeta.Log{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static T Exp<T>(T x)
        where T : struct, ILanes<T>
        => VectorMath.Exp(x);

    /// <summary><see cref="Bisect"/> on the lanes of <paramref name="outside"/>; the others keep <paramref name="x"/>.</summary>
    private static T LaneBisect<T>(T lo, T hi, T x, T outside)
        where T : struct, ILanes<T>
    {
        Span<double> l = stackalloc double[8];
        Span<double> h = stackalloc double[8];
        Span<double> s = stackalloc double[8];
        T.Store(lo, ref l[0], 0);
        T.Store(hi, ref h[0], 0);
        T.Store(x, ref s[0], 0);
        var bits = T.SignBits(outside);
        for (var k = 0; k < T.Count; k++)
        {
            if ((bits & (1u << k)) != 0)
            {
                s[k] = Bisect(l[k], h[k]);
            }
        }

        return T.Load(in s[0], 0);
    }
}
