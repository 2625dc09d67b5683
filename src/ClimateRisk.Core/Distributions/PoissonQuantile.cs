using MathNet.Numerics;

namespace ClimateRisk.Core.Distributions;

/// <summary>
/// Inverse-transform sampling of the Poisson distribution (hot days, drought-restriction days;
/// MODEL.md §5, §9): the quantile k(u) = min{k ≥ 0 : F(k) ≥ u}, F(k) = Σ_{j≤k} e^(−λ) λʲ/j!.
/// </summary>
/// <remarks>
/// Sequential search on the pmf recurrence p(k) = p(k − 1)·λ/k (Devroye 1986, "Non-Uniform Random
/// Variate Generation", Springer, §X.3.3 "inversion by sequential search"). For λ ≤ 30 the search
/// starts at k = 0 with p(0) = e^(−λ). For larger λ it starts at the mode m = ⌊λ⌋ with
/// p(m) = exp(m·ln λ − λ − ln Γ(m + 1)) and F(m) = Q(m + 1, λ) (regularized upper incomplete gamma,
/// MathNet <c>SpecialFunctions.GammaUpperRegularized</c>), then walks up or down; the walk is
/// O(√λ) steps. Exact (equal to <c>scipy.stats.poisson.ppf</c>) except where u is within about
/// 1e−13 of a CDF step. Allocation-free.
/// </remarks>
public static class PoissonQuantile
{
    /// <summary>Largest supported mean.</summary>
    public const double MaxLambda = 1e7;

    private const double SequentialStartLimit = 30.0;

    /// <summary>
    /// Quantile of Poisson(λ): the smallest integer k ≥ 0 with F(k) ≥ u. λ = 0 or u = 0 gives 0.
    /// </summary>
    /// <param name="lambda">Mean λ ∈ [0, 1e7] (events per period).</param>
    /// <param name="u">Uniform variate in [0, 1).</param>
    /// <returns>The count k.</returns>
    /// <exception cref="ArgumentOutOfRangeException">λ outside [0, 1e7] or NaN; u outside [0, 1).</exception>
    public static int InvCdf(double lambda, double u)
    {
        if (!(lambda >= 0.0 && lambda <= MaxLambda))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "Poisson mean must lie in [0, 1e7].");
        }

        if (!(u >= 0.0 && u < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(u), u, "Uniform must lie in [0, 1).");
        }

        return InvCdfUnchecked(lambda, u);
    }

    /// <summary>
    /// <see cref="InvCdf"/> without argument checks, for the hot loop (λ ∈ [0, 1e7], u ∈ [0, 1)).
    /// </summary>
    /// <param name="lambda">Mean λ (not checked).</param>
    /// <param name="u">Uniform variate (not checked).</param>
    /// <returns>The count k.</returns>
    public static int InvCdfUnchecked(double lambda, double u)
    {
        if (lambda <= 0.0 || u <= 0.0)
        {
            return 0;
        }

        if (lambda <= SequentialStartLimit)
        {
            double pmf = Math.Exp(-lambda);
            double cdf = pmf;
            int k = 0;
            while (cdf < u)
            {
                k++;
                pmf *= lambda / k;
                if (pmf == 0.0)
                {
                    break; // far upper tail: F(k) is 1 to machine precision.
                }

                cdf += pmf;
            }

            return k;
        }

        return FromMode(lambda, u);
    }

    /// <summary>
    /// <see cref="InvCdfUnchecked(double, double)"/> with p(0) = e^(−λ) supplied by the caller
    /// (the kernel computes it for a block of paths with the vector exp); λ above 30 starts
    /// at the mode as there and ignores <paramref name="expMinusLambda"/>.
    /// </summary>
    /// <param name="lambda">Mean λ (not checked).</param>
    /// <param name="expMinusLambda">e^(−λ), as computed by the caller.</param>
    /// <param name="u">Uniform variate (not checked).</param>
    /// <returns>The count k.</returns>
    internal static int InvCdfUnchecked(double lambda, double expMinusLambda, double u)
    {
        if (lambda <= 0.0 || u <= 0.0)
        {
            return 0;
        }

        if (lambda > SequentialStartLimit)
        {
            return FromMode(lambda, u);
        }

        return StepUp(lambda, u, 0, expMinusLambda, expMinusLambda);
    }

    private static int FromMode(double lambda, double u)
    {
        int k = (int)Math.Floor(lambda);
        double pmf = Math.Exp((k * Math.Log(lambda)) - lambda - SpecialFunctions.GammaLn(k + 1.0));
        double cdf = SpecialFunctions.GammaUpperRegularized(k + 1.0, lambda);
        if (cdf >= u)
        {
            // Walk down while F(k − 1) = F(k) − p(k) still reaches u.
            while (k > 0)
            {
                double below = cdf - pmf;
                if (below < u)
                {
                    break;
                }

                cdf = below;
                pmf *= k / lambda;
                k--;
            }

            return k;
        }

        return StepUp(lambda, u, k, pmf, cdf);
    }

    /// <summary>The smallest count k' ≥ <paramref name="k"/> with F(k') ≥ u, from p(k) and F(k) (the same recurrence whichever way the search started).</summary>
    private static int StepUp(double lambda, double u, int k, double pmf, double cdf)
    {
        while (cdf < u)
        {
            k++;
            pmf *= lambda / k;
            if (pmf == 0.0)
            {
                break;
            }

            cdf += pmf;
        }

        return k;
    }
}
