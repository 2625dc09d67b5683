using System.Runtime.CompilerServices;
using ClimateRisk.Core.Distributions.Internal;
using MathNet.Numerics;

namespace ClimateRisk.Core.Distributions;

/// <summary>
/// Generalized extreme value distribution GEV(μ, σ, ξ) for annual maxima (e.g. still-water level,
/// MODEL.md §7): F(x) = exp(−t(x)), t(x) = (1 + ξ·(x − μ)/σ)^(−1/ξ) on 1 + ξ·(x − μ)/σ &gt; 0,
/// and t(x) = exp(−(x − μ)/σ) in the Gumbel limit ξ = 0.
/// </summary>
/// <remarks>
/// <para>
/// Shape sign convention is the climatological / hydrological one of Coles (2001),
/// "An Introduction to Statistical Modeling of Extreme Values", Springer, §3.1.3 (eq. 3.2):
/// ξ &gt; 0 is the heavy-tailed Fréchet type (lower bound μ − σ/ξ), ξ &lt; 0 the bounded
/// Weibull type (upper bound μ − σ/ξ), ξ = 0 Gumbel. SciPy's <c>scipy.stats.genextreme</c> uses
/// the opposite sign: its shape c equals −ξ.
/// </para>
/// <para>
/// |ξ| &lt; 1e−12 is treated as the Gumbel limit; elsewhere the log1p/expm1 forms
/// ((1 + ξz)^(−1/ξ) = exp(−log1p(ξz)/ξ), ((−ln p)^(−ξ) − 1)/ξ = expm1(−ξ·ln(−ln p))/ξ) avoid
/// cancellation for small |ξ|.
/// </para>
/// </remarks>
public sealed class GeneralizedExtremeValue
{
    /// <summary>|ξ| below this is evaluated as the Gumbel limit ξ = 0.</summary>
    public const double GumbelShapeThreshold = 1e-12;

    private const double SeriesShapeLimit = 0.05;

    /// <summary>ζ(k) for k = 2..18 (Riemann zeta; A&amp;S Table 23.3).</summary>
    private static readonly double[] Zeta =
    [
        1.6449340668482264, 1.2020569031595942, 1.0823232337111381, 1.03692775514337,
        1.0173430619844492, 1.008349277381923, 1.0040773561979444, 1.0020083928260821,
        1.000994575127818, 1.0004941886041194, 1.000246086553308, 1.0001227133475785,
        1.0000612481350588, 1.000030588236307, 1.0000152822594086, 1.0000076371976379,
        1.000003817293265,
    ];

    /// <summary>
    /// Creates GEV(μ, σ, ξ).
    /// </summary>
    /// <param name="location">Location μ (units of the variable, e.g. m); finite.</param>
    /// <param name="scale">Scale σ &gt; 0 (units of the variable); finite.</param>
    /// <param name="shape">Shape ξ (dimensionless, Coles sign: ξ &gt; 0 heavy tail); finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is NaN/infinite or σ ≤ 0.</exception>
    public GeneralizedExtremeValue(double location, double scale, double shape)
    {
        if (!double.IsFinite(location))
        {
            throw new ArgumentOutOfRangeException(nameof(location), location, "Location must be finite.");
        }

        if (!(scale > 0.0) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be finite and > 0.");
        }

        if (!double.IsFinite(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "Shape must be finite.");
        }

        Location = location;
        Scale = scale;
        Shape = shape;
    }

    /// <summary>Location μ (units of the variable).</summary>
    public double Location { get; }

    /// <summary>Scale σ &gt; 0 (units of the variable).</summary>
    public double Scale { get; }

    /// <summary>Shape ξ (Coles 2001 sign; SciPy's c = −ξ).</summary>
    public double Shape { get; }

    /// <summary>
    /// Mean E[X] = μ + σ·(Γ(1 − ξ) − 1)/ξ for ξ &lt; 1 (ξ ≠ 0), μ + γσ for ξ = 0
    /// (γ = 0.5772156649015329, Euler–Mascheroni), and +∞ for ξ ≥ 1 (Coles 2001, §3.1.3).
    /// </summary>
    /// <remarks>For |ξ| &lt; 0.05 the factor (Γ(1 − ξ) − 1)/ξ = expm1(ln Γ(1 − ξ))/ξ is evaluated
    /// from the series ln Γ(1 − ξ) = γξ + Σ_{k≥2} ζ(k)ξᵏ/k (Abramowitz &amp; Stegun 6.1.33, 18 terms)
    /// to avoid the cancellation that costs ≈ 1e−16/|ξ| relative with ln Γ from a library.</remarks>
    public double Mean
    {
        get
        {
            double xi = Shape;
            if (xi >= 1.0)
            {
                return double.PositiveInfinity;
            }

            if (Math.Abs(xi) < GumbelShapeThreshold)
            {
                return Location + (Gumbel.EulerMascheroni * Scale);
            }

            double lnGamma = Math.Abs(xi) < SeriesShapeLimit
                ? LnGammaOneMinusSeries(xi)
                : SpecialFunctions.GammaLn(1.0 - xi);
            return Location + (Scale * Fp.ExpM1(lnGamma) / xi);
        }
    }

    /// <summary>
    /// Cumulative distribution function F(x) = exp(−(1 + ξ(x − μ)/σ)^(−1/ξ)) (Coles 2001, eq. 3.2);
    /// 0 below the lower bound (ξ &gt; 0), 1 above the upper bound (ξ &lt; 0).
    /// </summary>
    /// <param name="x">Value (units of the variable).</param>
    /// <returns>P(X ≤ x) ∈ [0, 1].</returns>
    public double Cdf(double x)
    {
        double logT = LogT(x);
        return double.IsNegativeInfinity(logT) ? 1.0 : Math.Exp(-Math.Exp(logT));
    }

    /// <summary>
    /// Probability density f(x) = (1/σ)·t(x)^(ξ+1)·exp(−t(x)), t(x) = (1 + ξ(x − μ)/σ)^(−1/ξ)
    /// (Coles 2001, §3.1.3); 0 outside the support.
    /// </summary>
    /// <param name="x">Value (units of the variable).</param>
    /// <returns>Density in 1/(units of the variable).</returns>
    public double Pdf(double x)
    {
        double logT = LogT(x);
        if (double.IsNegativeInfinity(logT))
        {
            // Beyond the upper bound (ξ < 0): zero. At the bound itself t = 0 and, for ξ < −1,
            // the density would diverge; we return 0 on the boundary as SciPy does.
            return 0.0;
        }

        if (double.IsPositiveInfinity(logT))
        {
            return 0.0;
        }

        return Math.Exp(((Shape + 1.0) * logT) - Math.Exp(logT)) / Scale;
    }

    /// <summary>
    /// Quantile x_p = μ + σ·((−ln p)^(−ξ) − 1)/ξ = μ + σ·expm1(−ξ·ln(−ln p))/ξ, and
    /// μ − σ·ln(−ln p) for ξ = 0 (Coles 2001, eq. 3.4). The return level for return period R years
    /// is x at p = 1 − 1/R.
    /// </summary>
    /// <param name="p">Non-exceedance probability, strictly inside (0, 1).</param>
    /// <returns>The value with F(x) = p (units of the variable).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in (0, 1).</exception>
    public double InvCdf(double p)
    {
        if (!(p > 0.0 && p < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Probability must lie strictly inside (0, 1).");
        }

        return InvCdfUnchecked(Location, Scale, Shape, p);
    }

    /// <summary>
    /// GEV quantile μ + σ·expm1(−ξ·ln(−ln p))/ξ (Gumbel limit μ − σ·ln(−ln p) for |ξ| &lt; 1e−12)
    /// without argument checks, for the Monte Carlo hot loop. Allocation-free.
    /// </summary>
    /// <param name="location">Location μ.</param>
    /// <param name="scale">Scale σ &gt; 0 (not checked).</param>
    /// <param name="shape">Shape ξ, Coles sign (SciPy c = −ξ).</param>
    /// <param name="p">Probability in (0, 1) (not checked).</param>
    /// <returns>The p-quantile.</returns>
    /// <remarks>Source: Coles (2001), eq. 3.4.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double InvCdfUnchecked(double location, double scale, double shape, double p)
    {
        if (Math.Abs(shape) < GumbelShapeThreshold)
        {
            return Gumbel.InvCdfUnchecked(location, scale, p);
        }

        double logY = Math.Log(-Math.Log(p));
        return location + (scale * Fp.ExpM1(-shape * logY) / shape);
    }

    /// <summary>ln Γ(1 − ξ) = γξ + Σ_{k=2}^{18} ζ(k)ξᵏ/k for |ξ| &lt; 0.05 (truncation &lt; 1e−25).</summary>
    private static double LnGammaOneMinusSeries(double xi)
    {
        double sum = 0.0;
        for (int k = 18; k >= 2; k--)
        {
            sum = (sum * xi) + (Zeta[k - 2] / k);
        }

        return xi * (Gumbel.EulerMascheroni + (xi * sum));
    }

    /// <summary>ln t(x); −∞ beyond the upper bound (F = 1), +∞ below the lower bound (F = 0).</summary>
    private double LogT(double x)
    {
        double z = (x - Location) / Scale;
        if (Math.Abs(Shape) < GumbelShapeThreshold)
        {
            return -z;
        }

        double s = Shape * z;
        if (s <= -1.0)
        {
            return Shape > 0.0 ? double.PositiveInfinity : double.NegativeInfinity;
        }

        return -Fp.Log1P(s) / Shape;
    }
}
