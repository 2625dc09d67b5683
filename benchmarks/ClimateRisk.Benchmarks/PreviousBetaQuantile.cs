using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Distributions.Internal;
using MathNet.Numerics;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// <c>BetaQuantile.InvCdfUnchecked</c> as it was before the project's own incomplete Beta (commit
/// b901c0f: Math.NET's <c>BetaRegularized</c> per evaluation, three ln Γ each, Newton steps),
/// kept only so <see cref="BetaQuantileBenchmarks"/> can state the speed-up in one run.
/// </summary>
internal static class PreviousBetaQuantile
{
    private const int MaxIterations = 200;

    private const double NewtonStop = 1e-9;

    /// <summary>Beta quantile without argument checks (allocation-free).</summary>
    public static double InvCdfUnchecked(double a, double b, double p)
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
        double lnBeta = SpecialFunctions.GammaLn(a) + SpecialFunctions.GammaLn(b) - SpecialFunctions.GammaLn(a + b);
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
            // exact). f has the sign of I_x(a, b) − p.
            double tail = lowerTail ? SpecialFunctions.BetaRegularized(a, b, x) : UpperTail(a, b, x);
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

            // Newton on g = ln T − ln target (dg/dx = ±pdf/T, − in the upper tail) as a function of
            // ln x for x < ½ and of ln(1 − x) above, so exact in one step for the power-law ends
            // I ∝ xᵃ, Q ∝ (1 − x)ᵇ and never leaving (0, 1): ln x ← ln x − (g/g′)/x,
            // ln(1 − x) ← ln(1 − x) + (g/g′)/(1 − x). (Newton in x itself overshoots to near 0 from
            // above the root and climbs back by a bounded factor per step: 10–15 evaluations.)
            double logPdf = ((a - 1.0) * Math.Log(x)) + ((b - 1.0) * Fp.Log1P(-x)) - lnBeta;
            double pdf = Math.Exp(logPdf);
            double xNew = double.NaN;
            if (tail > 0.0 && pdf > 0.0 && double.IsFinite(pdf))
            {
                double ratio = (tail - target) / target;
                double g = Math.Abs(ratio) < 0.5 ? Fp.Log1P(ratio) : Math.Log(tail / target);
                double scaled = (lowerTail ? g : -g) * tail / pdf; // g/(dg/dx)
                xNew = x < 0.5 ? x * Math.Exp(-scaled / x) : 1.0 - ((1.0 - x) * Math.Exp(scaled / (1.0 - x)));
            }

            // Quadratic convergence: after a Newton step this small the error is of order its
            // square, far below the 1e−14 target, while further steps only chase the rounding
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

    /// <summary>
    /// Q(x) = 1 − I_x(a, b) = I_{1−x}(b, a), relatively accurate when small. (Rounding 1 − x for
    /// x &lt; ½ perturbs x by at most ½ ulp(1), i.e. below the target absolute accuracy.)
    /// </summary>
    private static double UpperTail(double a, double b, double x) => SpecialFunctions.BetaRegularized(b, a, 1.0 - x);

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

    private static double InitialGuess(double a, double b, double p)
    {
        if (a >= 1.0 && b >= 1.0)
        {
            // Abramowitz & Stegun 26.5.22 (normal-based approximation).
            double y = StandardNormal.InvCdfUnchecked(p);
            double lambda = ((y * y) - 3.0) / 6.0;
            double h = 2.0 / ((1.0 / ((2.0 * a) - 1.0)) + (1.0 / ((2.0 * b) - 1.0)));
            double w = (y * Math.Sqrt(h + lambda) / h)
                - (((1.0 / ((2.0 * b) - 1.0)) - (1.0 / ((2.0 * a) - 1.0))) * (lambda + (5.0 / 6.0) - (2.0 / (3.0 * h))));
            return a / (a + (b * Math.Exp(2.0 * w)));
        }

        // Power-law tails: I_x ≈ x^a/(a·B) near 0 and 1 − I_x ≈ (1 − x)^b/(b·B) near 1.
        double lnA = Math.Log(a / (a + b));
        double lnB = Math.Log(b / (a + b));
        double t = Math.Exp((a * lnA) - Math.Log(a));
        double u = Math.Exp((b * lnB) - Math.Log(b));
        double total = t + u;
        return p < t / total
            ? Math.Exp(Math.Log(a * total * p) / a)
            : 1.0 - Math.Exp(Math.Log(b * total * (1.0 - p)) / b);
    }
}
