namespace ClimateRisk.Core.Model;

/// <summary>
/// A value given at a few calendar years, linear in between and held flat outside the given
/// years (scenario paths such as the carbon price, coverage or electricity escalation).
/// </summary>
public sealed class YearCurve
{
    private readonly int[] _years;
    private readonly double[] _values;

    /// <summary>Builds the curve from (year, value) points; years must be strictly increasing.</summary>
    public YearCurve(IReadOnlyList<(int Year, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("A year curve needs at least one point.", nameof(points));
        }

        _years = new int[points.Count];
        _values = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0 && points[i].Year <= points[i - 1].Year)
            {
                throw new ArgumentException($"Years must increase: {points[i - 1].Year} then {points[i].Year}.", nameof(points));
            }

            _years[i] = points[i].Year;
            _values[i] = points[i].Value;
        }
    }

    /// <summary>A curve with one constant value.</summary>
    public static YearCurve Constant(double value) => new([(2000, value)]);

    /// <summary>The given points.</summary>
    public IEnumerable<(int Year, double Value)> Points => _years.Select((y, i) => (y, _values[i]));

    /// <summary>The value in <paramref name="year"/>.</summary>
    public double At(double year)
    {
        if (year <= _years[0])
        {
            return _values[0];
        }

        for (var i = 1; i < _years.Length; i++)
        {
            if (year <= _years[i])
            {
                var w = (year - _years[i - 1]) / (_years[i] - _years[i - 1]);
                return _values[i - 1] + (w * (_values[i] - _values[i - 1]));
            }
        }

        return _values[^1];
    }
}
