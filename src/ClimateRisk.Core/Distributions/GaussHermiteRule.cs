namespace ClimateRisk.Core.Distributions;

/// <summary>
/// An n-point quadrature rule for N(0, 1): E[f(Z)] ≈ Σᵢ Weights[i]·f(Nodes[i]).
/// Immutable; nodes ascending and symmetric about 0; weights positive and summing to 1.
/// </summary>
public sealed class GaussHermiteRule
{
    private readonly double[] _nodes;
    private readonly double[] _weights;

    internal GaussHermiteRule(double[] nodes, double[] weights)
    {
        _nodes = nodes;
        _weights = weights;
    }

    /// <summary>Number of nodes n.</summary>
    public int Count => _nodes.Length;

    /// <summary>Nodes zᵢ (z-scores, ascending).</summary>
    public ReadOnlySpan<double> Nodes => _nodes;

    /// <summary>Weights wᵢ &gt; 0, Σ wᵢ = 1.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>
    /// Σᵢ wᵢ f(μ + σ zᵢ) ≈ E[f(X)] for X ~ N(μ, σ²).
    /// </summary>
    /// <param name="f">Integrand.</param>
    /// <param name="mean">Mean μ of X.</param>
    /// <param name="sd">Standard deviation σ ≥ 0 of X.</param>
    /// <returns>The quadrature estimate of E[f(X)].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sd"/> is negative or not finite.</exception>
    public double Expectation(Func<double, double> f, double mean = 0.0, double sd = 1.0)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!(sd >= 0.0) || !double.IsFinite(sd))
        {
            throw new ArgumentOutOfRangeException(nameof(sd), sd, "Standard deviation must be finite and >= 0.");
        }

        double sum = 0.0;
        for (int i = 0; i < _nodes.Length; i++)
        {
            sum += _weights[i] * f(mean + (sd * _nodes[i]));
        }

        return sum;
    }
}
