using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Distributions;

/// <summary>
/// Quantile function of the Beta(a, b) distribution and the method-of-moments helpers used for
/// the secondary uncertainty of damage ratios (MODEL.md §6: DR ~ Beta with the depth–damage
/// curve's mean and standard deviation).
/// </summary>
/// <remarks>
/// The quantile solves I_x(a, b) = p (I = regularized incomplete beta, the continued fraction of
/// <see cref="IncompleteBeta"/> with ln B(a, b) computed once per call) by safeguarded Halley iteration on
/// ln T(x) − ln p, T = I_x(a, b) for p ≤ ½ and T = I_{1−x}(b, a) against 1 − p otherwise, in the
/// variable ln x (x &lt; ½) or ln(1 − x) (exact for power-law tails, so deep-tail quantiles converge
/// fast; Newton's step with Halley's curvature correction; stopped after a step below
/// 1e−9·min(x, 1 − x)), inside a shrinking bracket, falling
/// back to (geometric) bisection whenever a step leaves the bracket. Starting value:
/// Abramowitz &amp; Stegun 26.5.22 for a, b ≥ 1, else the small-x / small-(1 − x) power-law tails
/// (Press et al. 2007, "Numerical Recipes", 3rd ed., §6.14.10 <c>invbetai</c>).
/// </remarks>
public static partial class BetaQuantile
{
    private const int MaxIterations = 200;

    /// <summary>A step of at most this fraction of min(x, 1 − x) ends the iteration.</summary>
    private const double NewtonStop = 1e-9;

    /// <summary>Below this prefactor (2⁻⁹⁶⁰) the density is taken from its logarithm rather than front/(x(1 − x)).</summary>
    private const double MinNormalFront = 1.0255e-289;

    /// <summary>
    /// Quantile x of Beta(a, b): the x ∈ [0, 1] with I_x(a, b) = p, to about 1e−14 absolute
    /// (and close to full relative precision for tiny x).
    /// </summary>
    /// <param name="a">Shape a &gt; 0 (finite).</param>
    /// <param name="b">Shape b &gt; 0 (finite).</param>
    /// <param name="p">Probability in [0, 1]; p = 0 gives 0 and p = 1 gives 1.</param>
    /// <returns>The p-quantile, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">a or b not finite and &gt; 0, or p outside [0, 1].</exception>
    public static double InvCdf(double a, double b, double p)
    {
        if (!(a > 0.0) || !double.IsFinite(a))
        {
            throw new ArgumentOutOfRangeException(nameof(a), a, "Shape a must be finite and > 0.");
        }

        if (!(b > 0.0) || !double.IsFinite(b))
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, "Shape b must be finite and > 0.");
        }

        if (!(p >= 0.0 && p <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Probability must lie in [0, 1].");
        }

        return InvCdfUnchecked(a, b, p);
    }

    /// <summary>
    /// Method-of-moments Beta parameters for a given mean m ∈ (0, 1) and standard deviation s &gt; 0:
    /// ν = m(1 − m)/s² − 1, a = mν, b = (1 − m)ν.
    /// </summary>
    /// <param name="mean">Mean m, strictly inside (0, 1).</param>
    /// <param name="sd">Standard deviation s &gt; 0.</param>
    /// <returns>The shapes (A, B), both &gt; 0.</returns>
    /// <remarks>
    /// A Beta variance is always below m(1 − m) (the Bernoulli variance, reached only as ν → 0).
    /// Tabulated damage curves can quote s² ≥ m(1 − m) near mean 0 or 1; then ν would be ≤ 0 and no
    /// Beta exists, so s² is clamped to 0.999·m(1 − m) (ν = 1/999): the closest valid, strongly
    /// U-shaped Beta, which keeps the requested mean exactly.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">m not in (0, 1) or s not finite and &gt; 0.</exception>
    public static (double A, double B) ParametersFromMeanSd(double mean, double sd)
    {
        if (!(mean > 0.0 && mean < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "Mean must lie strictly inside (0, 1).");
        }

        if (!(sd > 0.0) || !double.IsFinite(sd))
        {
            throw new ArgumentOutOfRangeException(nameof(sd), sd, "Standard deviation must be finite and > 0.");
        }

        return ParametersUnchecked(mean, sd);
    }

    /// <summary>
    /// One draw of a Beta damage ratio with the given mean and standard deviation by inverse
    /// transform, x = I⁻¹_u(a, b) with (a, b) from <see cref="ParametersFromMeanSd"/>. Deterministic
    /// (returns <paramref name="mean"/> exactly, ignoring u) when sd = 0 or mean ∈ {0, 1}.
    /// </summary>
    /// <param name="mean">Mean m ∈ [0, 1].</param>
    /// <param name="sd">Standard deviation s ≥ 0.</param>
    /// <param name="u">Uniform variate in [0, 1].</param>
    /// <returns>The draw, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">m not in [0, 1], s negative/not finite, or u not in [0, 1].</exception>
    public static double SampleFromMeanSd(double mean, double sd, double u)
    {
        if (!(mean >= 0.0 && mean <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "Mean must lie in [0, 1].");
        }

        if (!(sd >= 0.0) || !double.IsFinite(sd))
        {
            throw new ArgumentOutOfRangeException(nameof(sd), sd, "Standard deviation must be finite and >= 0.");
        }

        if (!(u >= 0.0 && u <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(u), u, "Uniform must lie in [0, 1].");
        }

        if (sd == 0.0 || mean == 0.0 || mean == 1.0)
        {
            return mean;
        }

        var (a, b) = ParametersUnchecked(mean, sd);
        return InvCdfUnchecked(a, b, u);
    }

    private static (double A, double B) ParametersUnchecked(double mean, double sd)
    {
        double bernoulliVar = mean * (1.0 - mean);
        double variance = sd * sd;
        if (variance >= bernoulliVar)
        {
            variance = 0.999 * bernoulliVar;
        }

        double nu = (bernoulliVar / variance) - 1.0;
        return (mean * nu, (1.0 - mean) * nu);
    }

    /// <summary>Beta quantile without argument checks (allocation-free).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double InvCdfUnchecked(double a, double b, double p)
    {
        if (p <= 0.0)
        {
            return 0.0;
        }

        if (p >= 1.0)
        {
            return 1.0;
        }

        double q = 1.0 - p;
        double lnBeta = IncompleteBeta.LnBeta(a, b);
        double x = InitialGuess(a, b, p);

        double lo = 0.0;
        double hi = 1.0;
        if (!(x > 0.0 && x < 1.0))
        {
            x = 0.5;
        }

        bool lowerTail = p <= 0.5;
        double target = lowerTail ? p : q;
        for (int iter = 0; iter < MaxIterations; iter++)
        {
            // Work in the tail that p lies in: T(x) = I_x(a, b) for p ≤ ½, else
            // T(x) = Q(x) = 1 − I_x(a, b) = I_{1−x}(b, a) (so p near 1 keeps full precision, 1 − p being
            // exact). f has the sign of I_x(a, b) − p. ln B(a, b) is computed once per call, and the
            // evaluation returns xᵃ(1 − x)ᵇ/B, which gives the density without another exp.
            double tail = IncompleteBeta.Tail(a, b, x, lnBeta, lowerTail, out double front);
            double f = lowerTail ? tail - target : target - tail;
            if (f == 0.0)
            {
                return x;
            }

            if (f < 0.0)
            {
                lo = x;
            }
            else
            {
                hi = x;
            }

            // Halley on g = ln T − ln target (dg/dx = ±pdf/T, − in the upper tail) as a function of
            // ln x for x < ½ and of ln(1 − x) above, so exact in one step for the power-law ends
            // I ∝ xᵃ, Q ∝ (1 − x)ᵇ and never leaving (0, 1): Newton's step ln x ← ln x − (g/g_x)/x,
            // ln(1 − x) ← ln(1 − x) + (g/g_x)/(1 − x), divided by 1 + step·(g″/g′)/2, where g″/g′
            // comes from the log-density's derivative in closed form (no further evaluation); cubic
            // convergence: 4.4 evaluations per call against Newton's 5.6 on damage-curve shapes, and
            // 2.96 on the standard workload's (3.0 per register of 8 lanes) since the starting value's
            // sign fix (InitialGuess; 3.79 and 4.9 before it).
            // (Newton in x itself overshoots to near 0 from above the root and climbs back by a
            // bounded factor per step: 10–15 evaluations.)
            // pdf = xᵃ⁻¹(1 − x)ᵇ⁻¹/B = front/(x(1 − x)); exp of its logarithm only where front is
            // near underflow and the division would lose digits.
            double pdf = front >= MinNormalFront
                ? front / (x * (1.0 - x))
                : VectorMath.Exp(((a - 1.0) * VectorMath.Log(x)) + ((b - 1.0) * IncompleteBeta.Log1P(-x)) - lnBeta);
            double xNew = double.NaN;
            if (tail > 0.0 && pdf > 0.0 && double.IsFinite(pdf))
            {
                double ratio = (tail - target) / target;
                double g = Math.Abs(ratio) < 0.5 ? IncompleteBeta.Log1P(ratio) : VectorMath.Log(tail / target);
                double slope = (lowerTail ? pdf : -pdf) / tail; // dg/dx
                double scaled = g / slope;
                if (x < 0.5)
                {
                    // In t = ln x: Newton −g/g′ = −scaled/x; g″/g′ = 1 + x·(ln pdf)′ − x·g_x = a − (b − 1)x/(1 − x) − x·g_x.
                    xNew = x * VectorMath.Exp(HalleyStep(-scaled / x, a - ((b - 1.0) * x / (1.0 - x)) - (x * slope)));
                }
                else
                {
                    // In s = ln(1 − x): Newton scaled/(1 − x); g″/g′ = b − (a − 1)(1 − x)/x + (1 − x)·g_x.
                    double y = 1.0 - x;
                    xNew = 1.0 - (y * VectorMath.Exp(HalleyStep(scaled / y, b - ((a - 1.0) * y / x) + (y * slope))));
                }
            }

            // Cubic convergence: after a Halley step this small the error is of order its cube
            // (a Newton step's square), far below the 1e−14 target, while further steps only chase the rounding
            // noise of I_x(a, b) (about 1e−14 relative) — a step that rounds to no move at all
            // used to fail the bracket test and fall back to bisection down to 4e−16.
            if (Math.Abs(xNew - x) <= NewtonStop * Math.Min(x, 1.0 - x))
            {
                return xNew;
            }

            if (!(xNew > lo && xNew < hi))
            {
                xNew = Bisect(lo, hi);
            }

            double dx = Math.Abs(xNew - x);
            x = xNew;
            if (dx <= 4e-16 * x || hi - lo <= 4e-16 * Math.Max(lo, 1e-300))
            {
                break;
            }
        }

        return x;
    }

    /// <summary>Halley's step from Newton's step n and h = g″/g′: n/(1 + n·h/2); Newton's where the correction is large (far from the root).</summary>
    private static double HalleyStep(double newton, double h)
    {
        double c = 0.5 * newton * h;
        return Math.Abs(c) < 0.5 ? newton / (1.0 + c) : newton;
    }

    /// <summary>Bracket midpoint; geometric (in x or in 1 − x) when the bracket spans orders of magnitude.</summary>
    private static double Bisect(double lo, double hi)
    {
        if (hi <= 0.5)
        {
            if (lo == 0.0)
            {
                return hi * 1e-8;
            }

            if (hi > 4.0 * lo)
            {
                return Math.Sqrt(lo * hi);
            }
        }
        else if (lo >= 0.5)
        {
            double uLo = 1.0 - lo;
            double uHi = 1.0 - hi;
            if (uHi == 0.0)
            {
                return 1.0 - (uLo * 1e-3);
            }

            if (uLo > 4.0 * uHi)
            {
                return 1.0 - Math.Sqrt(uLo * uHi);
            }
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>The solver's starting value for the p-quantile of Beta(a, b) (the class remarks): lane 0 of <see cref="InitialGuess{T}"/>.</summary>
    internal static double InitialGuess(double a, double b, double p)
        => InitialGuess(new Lanes128(Vector128.Create(a)), new Lanes128(Vector128.Create(b)), new Lanes128(Vector128.Create(p))).Value.ToScalar();

    /// <summary>
    /// The solver's starting value on every lane, in (0, 1) or 0.5 where the approximation
    /// leaves that interval: for a, b ≥ 1 Abramowitz &amp; Stegun 26.5.22, else the power-law tails.
    /// </summary>
    /// <remarks>
    /// Each form is computed only when some lane takes it. Until issue 10's twentieth session this
    /// was scalar, lane by lane, with libm's exp and log and AS 241's Φ⁻¹ (with the ln B before the
    /// iteration, about a third of a damage draw's time in the kernel); the vector exp, log and
    /// Φ⁻¹ move the start by rounding, which the iteration removes.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // The deviates are written before they are read.
    internal static T InitialGuess<T>(T a, T b, T p)
        where T : struct, ILanes<T>
    {
        var zero = T.Create(0.0);
        var one = T.Create(1.0);
        var two = T.Create(2.0);
        var bothAboveOne = T.And(T.LessThanOrEqual(one, a), T.LessThanOrEqual(one, b));
        var x = zero;
        if (T.Any(bothAboveOne))
        {
            // Abramowitz & Stegun 26.5.22 (normal-based approximation). Its y_p is the upper-tail
            // deviate, Q(y_p) = p, so y = −Φ⁻¹(p), as in Numerical Recipes' invbetai. Taken as +Φ⁻¹(p)
            // until 2026-12-06, the start was a factor of about 4 off on the kernel's damage shapes
            // (median |Δ ln x| 1.4, against 0.12) and cost the solver one to two more evaluations.
            // Φ⁻¹ through the span form the kernel's draws have compiled already (the same bits as
            // the lane form, element by element): inlined here it was the bulk of the first call's
            // compilation, which every short run pays.
            Span<double> deviates = stackalloc double[T.Count];
            T.Store(p, ref deviates[0], 0);
            VectorNormal.InvCdf(deviates, deviates);
            var y = -T.Load(in deviates[0], 0);
            var lambda = ((y * y) - T.Create(3.0)) / T.Create(6.0);
            var inverseA = one / ((two * a) - one);
            var inverseB = one / ((two * b) - one);
            var h = two / (inverseA + inverseB);
            var w = (y * T.Sqrt(h + lambda) / h)
                - ((inverseB - inverseA) * (lambda + T.Create(5.0 / 6.0) - (two / (T.Create(3.0) * h))));
            x = a / (a + (b * Exp(two * w)));
        }

        if (!T.All(bothAboveOne))
        {
            // Power-law tails: I_x ≈ x^a/(a·B) near 0 and 1 − I_x ≈ (1 − x)^b/(b·B) near 1.
            var lnA = IncompleteBeta.Log(a / (a + b));
            var lnB = IncompleteBeta.Log(b / (a + b));
            var t = Exp((a * lnA) - IncompleteBeta.Log(a));
            var u = Exp((b * lnB) - IncompleteBeta.Log(b));
            var total = t + u;
            var lower = T.LessThan(p, t / total);
            var tail = Exp(IncompleteBeta.Log(T.Select(lower, a * total * p, b * total * (one - p))) / T.Select(lower, a, b));
            x = T.Select(bothAboveOne, x, T.Select(lower, tail, one - tail));
        }

        return T.Select(T.And(T.LessThan(zero, x), T.LessThan(x, one)), x, T.Create(0.5));
    }
}
