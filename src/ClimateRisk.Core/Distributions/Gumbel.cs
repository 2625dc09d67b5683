using System.Runtime.CompilerServices;

namespace ClimateRisk.Core.Distributions;

/// <summary>
/// Gumbel (type I extreme value, maximum) distribution Gumbel(μ, β) for annual maxima such as
/// the 3-s typhoon gust (MODEL.md §8): F(x) = exp(−exp(−(x − μ)/β)). Equals
/// <c>scipy.stats.gumbel_r(loc=μ, scale=β)</c> and GEV with ξ = 0.
/// </summary>
/// <remarks>Source: Coles (2001), "An Introduction to Statistical Modeling of Extreme Values",
/// Springer, §3.1.3 (ξ → 0 limit of eq. 3.2).</remarks>
public sealed class Gumbel
{
    /// <summary>Euler–Mascheroni constant γ = 0.5772156649015329 (Abramowitz &amp; Stegun 6.1.3).</summary>
    public const double EulerMascheroni = 0.57721566490153286061;

    /// <summary>Creates Gumbel(μ, β).</summary>
    /// <param name="location">Location (mode) μ (units of the variable, e.g. m/s); finite.</param>
    /// <param name="scale">Scale β &gt; 0 (units of the variable); finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">μ is not finite, or β is not finite and &gt; 0.</exception>
    public Gumbel(double location, double scale)
    {
        if (!double.IsFinite(location))
        {
            throw new ArgumentOutOfRangeException(nameof(location), location, "Location must be finite.");
        }

        if (!(scale > 0.0) || !double.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be finite and > 0.");
        }

        Location = location;
        Scale = scale;
    }

    /// <summary>Location (mode) μ.</summary>
    public double Location { get; }

    /// <summary>Scale β &gt; 0.</summary>
    public double Scale { get; }

    /// <summary>Mean E[X] = μ + γβ, γ = Euler–Mascheroni constant.</summary>
    public double Mean => Location + (EulerMascheroni * Scale);

    /// <summary>Cumulative distribution function F(x) = exp(−exp(−(x − μ)/β)).</summary>
    /// <param name="x">Value (units of the variable).</param>
    /// <returns>P(X ≤ x) ∈ [0, 1].</returns>
    public double Cdf(double x) => Math.Exp(-Math.Exp(-(x - Location) / Scale));

    /// <summary>Probability density f(x) = (1/β)·exp(−z − exp(−z)), z = (x − μ)/β.</summary>
    /// <param name="x">Value (units of the variable).</param>
    /// <returns>Density in 1/(units of the variable).</returns>
    public double Pdf(double x)
    {
        double z = (x - Location) / Scale;
        double e = Math.Exp(-z);
        return double.IsPositiveInfinity(e) ? 0.0 : Math.Exp(-z - e) / Scale;
    }

    /// <summary>Quantile x_p = μ − β·ln(−ln p).</summary>
    /// <param name="p">Probability, strictly inside (0, 1).</param>
    /// <returns>The value with F(x) = p.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in (0, 1).</exception>
    public double InvCdf(double p)
    {
        if (!(p > 0.0 && p < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Probability must lie strictly inside (0, 1).");
        }

        return InvCdfUnchecked(Location, Scale, p);
    }

    /// <summary>Quantile μ − β·ln(−ln p) without argument checks (hot loop; allocation-free).</summary>
    /// <param name="location">Location μ.</param>
    /// <param name="scale">Scale β &gt; 0 (not checked).</param>
    /// <param name="p">Probability in (0, 1) (not checked).</param>
    /// <returns>The p-quantile.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double InvCdfUnchecked(double location, double scale, double p)
        => location - (scale * Math.Log(-Math.Log(p)));
}
