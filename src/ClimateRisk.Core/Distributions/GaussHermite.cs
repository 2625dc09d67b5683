using MathNet.Numerics.LinearAlgebra;

namespace ClimateRisk.Core.Distributions;

/// <summary>
/// Gauss–Hermite quadrature in probabilists' form: E[f(Z)] ≈ Σᵢ wᵢ f(zᵢ) for Z ~ N(0, 1), exact
/// when f is a polynomial of degree &lt; 2n. Weights sum to 1. Used for the annual PUE expectation
/// E[PUE_h(T)], T ~ N(μ_m + Δ, σ_h²) (MODEL.md §4): E[g(T)] ≈ Σᵢ wᵢ g(μ + σ zᵢ).
/// </summary>
/// <remarks>
/// Golub &amp; Welsch (1969), "Calculation of Gauss quadrature rules", Math. Comp. 23, 221–230: the
/// nodes are the eigenvalues of the symmetric tridiagonal Jacobi matrix of the monic Hermite
/// recurrence He_{k+1}(z) = z·He_k(z) − k·He_{k−1}(z) (zero diagonal, off-diagonal √k,
/// k = 1..n − 1), computed with MathNet's dense symmetric EVD. Each node is then polished by Newton
/// steps on the orthonormal recurrence, and the weights are taken from the Christoffel function
/// wᵢ = 1 / Σ_{k&lt;n} p_k(zᵢ)², p_k = He_k/√(k!), which keeps full relative accuracy for the tiny
/// outer weights (the squared first eigenvector components only have absolute accuracy ≈ 1e−16).
/// Finally the rule is symmetrised (z_{n−1−i} = −zᵢ, equal weights) and normalised to Σw = 1.
/// Rules are computed once per n and cached (thread-safe).
/// </remarks>
public static class GaussHermite
{
    /// <summary>Largest supported number of nodes.</summary>
    public const int MaxNodes = 64;

    private static readonly GaussHermiteRule?[] Cache = new GaussHermiteRule?[MaxNodes + 1];

    /// <summary>
    /// The n-point probabilists' Gauss–Hermite rule for N(0, 1) (nodes ascending, weights sum to 1).
    /// </summary>
    /// <param name="n">Number of nodes, 1 ≤ n ≤ 64.</param>
    /// <returns>The cached rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> outside 1..64.</exception>
    public static GaussHermiteRule ForStandardNormal(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxNodes);

        var rule = Volatile.Read(ref Cache[n]);
        if (rule is null)
        {
            rule = Compute(n);
            Volatile.Write(ref Cache[n], rule);
        }

        return rule;
    }

    private static GaussHermiteRule Compute(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        if (n == 1)
        {
            nodes[0] = 0.0;
            weights[0] = 1.0;
            return new GaussHermiteRule(nodes, weights);
        }

        var jacobi = Matrix<double>.Build.Dense(n, n);
        for (int k = 1; k < n; k++)
        {
            double off = Math.Sqrt(k);
            jacobi[k - 1, k] = off;
            jacobi[k, k - 1] = off;
        }

        var evd = jacobi.Evd(Symmetricity.Symmetric);
        for (int i = 0; i < n; i++)
        {
            nodes[i] = evd.EigenValues[i].Real;
        }

        Array.Sort(nodes);

        for (int i = 0; i < n; i++)
        {
            double z = nodes[i];
            for (int iter = 0; iter < 3; iter++)
            {
                var (pn, dpn, _) = Orthonormal(n, z);
                if (dpn == 0.0)
                {
                    break;
                }

                z -= pn / dpn;
            }

            nodes[i] = z;
            weights[i] = 1.0 / Orthonormal(n, z).SumSquares;
        }

        // Symmetrise: z ↦ −z maps the rule onto itself.
        for (int i = 0; i < n / 2; i++)
        {
            int j = n - 1 - i;
            double z = 0.5 * (nodes[j] - nodes[i]);
            double w = 0.5 * (weights[i] + weights[j]);
            nodes[i] = -z;
            nodes[j] = z;
            weights[i] = w;
            weights[j] = w;
        }

        if (n % 2 == 1)
        {
            nodes[n / 2] = 0.0;
        }

        double sum = 0.0;
        for (int i = 0; i < n; i++)
        {
            sum += weights[i];
        }

        for (int i = 0; i < n; i++)
        {
            weights[i] /= sum;
        }

        return new GaussHermiteRule(nodes, weights);
    }

    /// <summary>
    /// Orthonormal Hermite p_n(z) = He_n(z)/√(n!), its derivative √n·p_{n−1}(z), and Σ_{k&lt;n} p_k(z)².
    /// Recurrence: √(k+1)·p_{k+1} = z·p_k − √k·p_{k−1}.
    /// </summary>
    private static (double Value, double Derivative, double SumSquares) Orthonormal(int n, double z)
    {
        double pPrev = 0.0;
        double p = 1.0;
        double sumSquares = 0.0;
        for (int k = 0; k < n; k++)
        {
            sumSquares += p * p;
            double next = ((z * p) - (Math.Sqrt(k) * pPrev)) / Math.Sqrt(k + 1.0);
            pPrev = p;
            p = next;
        }

        return (p, Math.Sqrt(n) * pPrev, sumSquares);
    }
}
