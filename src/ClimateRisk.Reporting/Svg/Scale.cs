using System.Globalization;

namespace ClimateRisk.Reporting.Svg;

/// <summary>
/// Maps data values (in the data's own unit, e.g. CNY) to SVG coordinates and back. Every chart
/// writes its scales into the panel's <c>data-x-scale</c> / <c>data-y-scale</c> attributes in the
/// form of <see cref="Describe"/>, so a reader (or a test) can turn plotted coordinates back into
/// values with <see cref="Parse"/> and <see cref="Invert"/>.
/// </summary>
public abstract class Scale
{
    /// <summary>Creates a scale from the data interval to the coordinate interval.</summary>
    protected Scale(double domainMin, double domainMax, double rangeMin, double rangeMax)
    {
        if (!(domainMax > domainMin) || !double.IsFinite(domainMin) || !double.IsFinite(domainMax))
        {
            throw new ArgumentException($"A scale needs a finite domain with max > min, got [{domainMin}, {domainMax}].", nameof(domainMax));
        }

        DomainMin = domainMin;
        DomainMax = domainMax;
        RangeMin = rangeMin;
        RangeMax = rangeMax;
    }

    /// <summary>The data value mapped to <see cref="RangeMin"/>.</summary>
    public double DomainMin { get; }

    /// <summary>The data value mapped to <see cref="RangeMax"/>.</summary>
    public double DomainMax { get; }

    /// <summary>The coordinate of <see cref="DomainMin"/>.</summary>
    public double RangeMin { get; }

    /// <summary>The coordinate of <see cref="DomainMax"/>.</summary>
    public double RangeMax { get; }

    /// <summary><c>linear</c> or <c>log</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The coordinate of a data value.</summary>
    public abstract double Map(double value);

    /// <summary>The data value at a coordinate (the inverse of <see cref="Map"/>).</summary>
    public abstract double Invert(double coordinate);

    /// <summary>Tick values inside the domain, about <paramref name="approximateCount"/> of them, at round numbers.</summary>
    public abstract IReadOnlyList<double> Ticks(int approximateCount);

    /// <summary>The scale as text: <c>kind domainMin domainMax rangeMin rangeMax</c>, invariant round-trip numbers.</summary>
    public string Describe()
        => string.Join(' ', Kind, R(DomainMin), R(DomainMax), R(RangeMin), R(RangeMax));

    /// <summary>Rebuilds a scale from the text of <see cref="Describe"/>.</summary>
    /// <exception cref="FormatException">When the text is not a scale description.</exception>
    public static Scale Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            throw new FormatException($"'{text}' is not 'kind domainMin domainMax rangeMin rangeMax'.");
        }

        var v = parts.Skip(1).Select(p => double.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        return parts[0] switch
        {
            "linear" => new LinearScale(v[0], v[1], v[2], v[3]),
            "log" => new LogScale(v[0], v[1], v[2], v[3]),
            _ => throw new FormatException($"Unknown scale kind '{parts[0]}' (linear or log)."),
        };
    }

    /// <inheritdoc />
    public override string ToString() => Describe();

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
