using System.Runtime.CompilerServices;
using ClimateRisk.Core.Distributions.Internal;
using MathNet.Numerics;

namespace ClimateRisk.Core.Distributions;

/// <summary>
/// Inverse-transform sampling of the binomial distribution (e.g. hot days on which the cooling
/// plant falls short, MODEL.md §5): k(u) = min{k ∈ 0..n : F(k) ≥ u},
/// F(k) = Σ_{j≤k} C(n, j) qʲ (1 − q)^(n−j).
/// </summary>
/// <remarks>
/// Sequential search on the pmf recurrence p(k + 1) = p(k)·(n − k)/(k + 1)·q/(1 − q) (Devroye 1986,
/// "Non-Uniform Random Variate Generation", Springer, §X.4.3 / §III.2 inversion by sequential
/// search). Starts at k = 0 with p(0) = (1 − q)ⁿ when that does not underflow; otherwise at the
/// mode m = ⌊(n + 1)q⌋ with p(m) from log-gamma and F(m) = I_{1−q}(n − m, m + 1) (MathNet
/// <c>SpecialFunctions.BetaRegularized</c>), walking up or down. Exact (equal to
/// <c>scipy.stats.binom.ppf</c>) except where u is within about 1e−13 of a CDF step; intended for
/// n up to a few thousand (cost O(n·q) or O(√n) steps). Allocation-free.
/// </remarks>
public static class BinomialQuantile
{
    /// <summary>
    /// Quantile of Binomial(n, q): the smallest k ∈ 0..n with F(k) ≥ u. q = 0 gives 0, q = 1 gives n,
    /// u = 0 gives 0.
    /// </summary>
    /// <param name="n">Number of trials, n ≥ 0.</param>
    /// <param name="q">Success probability in [0, 1].</param>
    /// <param name="u">Uniform variate in [0, 1].</param>
    /// <returns>The count k ∈ 0..n.</returns>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 0, q outside [0, 1], or u outside [0, 1].</exception>
    public static int InvCdf(int n, double q, double u)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (!(q >= 0.0 && q <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "Success probability must lie in [0, 1].");
        }

        if (!(u >= 0.0 && u <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(u), u, "Uniform must lie in [0, 1].");
        }

        return InvCdfUnchecked(n, q, u);
    }

    /// <summary>
    /// <see cref="InvCdf"/> without argument checks, for the hot loop (n ≥ 0, q, u ∈ [0, 1]).
    /// </summary>
    /// <param name="n">Number of trials (not checked).</param>
    /// <param name="q">Success probability (not checked).</param>
    /// <param name="u">Uniform variate (not checked).</param>
    /// <returns>The count k ∈ 0..n.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int InvCdfUnchecked(int n, double q, double u)
    {
        if (n == 0 || q <= 0.0 || u <= 0.0)
        {
            return 0;
        }

        if (q >= 1.0 || u >= 1.0)
        {
            return n;
        }

        return InvCdfUnchecked(n, q, u, Pmf0(n, q));
    }

    /// <summary>
    /// p(0) = (1 − q)ⁿ exactly as <see cref="InvCdfUnchecked(int, double, double)"/> computes it,
    /// or NaN where that starts at the mode instead (ln p(0) ≤ −700); a caller drawing many counts
    /// with the same q tabulates it once per n.
    /// </summary>
    /// <param name="n">Number of trials.</param>
    /// <param name="q">Success probability in (0, 1).</param>
    /// <returns>p(0), or NaN.</returns>
    internal static double Pmf0(int n, double q)
    {
        double logPmf0 = n * Fp.Log1P(-q);
        return logPmf0 > -700.0 ? Math.Exp(logPmf0) : double.NaN;
    }

    /// <summary>
    /// <see cref="InvCdfUnchecked(int, double, double)"/> with p(0) from <see cref="Pmf0"/>:
    /// the same count, bit for bit, without the logarithm and exponential per draw.
    /// </summary>
    /// <param name="n">Number of trials (not checked).</param>
    /// <param name="q">Success probability (not checked).</param>
    /// <param name="u">Uniform variate (not checked).</param>
    /// <param name="pmf0"><see cref="Pmf0"/>(n, q).</param>
    /// <returns>The count k ∈ 0..n.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int InvCdfUnchecked(int n, double q, double u, double pmf0)
    {
        if (n == 0 || q <= 0.0 || u <= 0.0)
        {
            return 0;
        }

        if (q >= 1.0 || u >= 1.0)
        {
            return n;
        }

        double ratio = q / (1.0 - q);
        if (double.IsNaN(pmf0))
        {
            return FromMode(n, q, u, ratio);
        }

        double pmf = pmf0;
        double cdf = pmf;
        int k = 0;
        while (cdf < u && k < n)
        {
            pmf *= (n - k) * ratio / (k + 1);
            k++;
            cdf += pmf;
        }

        return k;
    }

    private static int FromMode(int n, double q, double u, double ratio)
    {
        int k = Math.Min(n, (int)Math.Floor((n + 1) * q));
        double pmf = Math.Exp(SpecialFunctions.GammaLn(n + 1.0) - SpecialFunctions.GammaLn(k + 1.0)
            - SpecialFunctions.GammaLn(n - k + 1.0) + (k * Math.Log(q)) + ((n - k) * Fp.Log1P(-q)));
        double cdf = k >= n ? 1.0 : SpecialFunctions.BetaRegularized(n - k, k + 1.0, 1.0 - q);
        if (cdf >= u)
        {
            while (k > 0)
            {
                double below = cdf - pmf;
                if (below < u)
                {
                    break;
                }

                cdf = below;
                pmf *= k / ((n - k + 1) * ratio);
                k--;
            }

            return k;
        }

        while (cdf < u && k < n)
        {
            pmf *= (n - k) * ratio / (k + 1);
            k++;
            cdf += pmf;
        }

        return k;
    }
}
