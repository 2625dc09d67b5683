namespace ClimateRisk.Core.Model;

/// <summary>
/// A function given at increasing x, linear in between. Outside the points it is held flat,
/// or extended along the last segment when <see cref="ExtrapolateRight"/> is set.
/// </summary>
public sealed class PiecewiseLinear
{
    private readonly double[] _x;
    private readonly double[] _y;

    /// <summary>Builds the function; x must be strictly increasing.</summary>
    public PiecewiseLinear(IReadOnlyList<double> x, IReadOnlyList<double> y, bool extrapolateRight = false)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || x.Count != y.Count)
        {
            throw new ArgumentException($"Need as many y as x and at least one point (x: {x.Count}, y: {y.Count}).", nameof(y));
        }

        for (var i = 1; i < x.Count; i++)
        {
            if (!(x[i] > x[i - 1]))
            {
                throw new ArgumentException($"x must increase: {x[i - 1]} then {x[i]}.", nameof(x));
            }
        }

        _x = [.. x];
        _y = [.. y];
        ExtrapolateRight = extrapolateRight && x.Count > 1;
    }

    /// <summary>Whether values beyond the last point follow the last segment.</summary>
    public bool ExtrapolateRight { get; }

    /// <summary>The abscissae.</summary>
    public ReadOnlySpan<double> X => _x;

    /// <summary>The ordinates.</summary>
    public ReadOnlySpan<double> Y => _y;

    /// <summary>f(x).</summary>
    public double At(double x)
    {
        var xs = _x;
        if (x <= xs[0])
        {
            return _y[0];
        }

        var last = xs.Length - 1;
        if (x >= xs[last])
        {
            if (!ExtrapolateRight)
            {
                return _y[last];
            }

            return _y[last] + ((x - xs[last]) * (_y[last] - _y[last - 1]) / (xs[last] - xs[last - 1]));
        }

        var i = 1;
        while (x > xs[i])
        {
            i++;
        }

        var w = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return _y[i - 1] + (w * (_y[i] - _y[i - 1]));
    }
}
