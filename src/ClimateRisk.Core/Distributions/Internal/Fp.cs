using System.Runtime.CompilerServices;

namespace ClimateRisk.Core.Distributions.Internal;

/// <summary>
/// Accurate ln(1 + x) and eˣ − 1 for small |x|. (.NET's <c>double.LogP1</c>/<c>double.ExpM1</c> are
/// the naive Math.Log(1 + x) / Math.Exp(x) − 1 and lose all precision for |x| &lt; 1e−16.)
/// </summary>
/// <remarks>
/// Goldberg (1991), "What every computer scientist should know about floating-point arithmetic",
/// ACM Comput. Surv. 23(1), Theorem 4 (log1p); Kahan's analogous trick for expm1
/// (Higham 2002, "Accuracy and Stability of Numerical Algorithms", §1.14.1). Both are accurate to a
/// few ulps.
/// </remarks>
internal static class Fp
{
    /// <summary>ln(1 + x), x &gt; −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log1P(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0)
        {
            return x;
        }

        if (double.IsPositiveInfinity(u))
        {
            return Math.Log(x);
        }

        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>eˣ − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) > 0.5)
        {
            return Math.Exp(x) - 1.0;
        }

        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        double um1 = u - 1.0;
        return um1 * x / Math.Log(u);
    }
}
