namespace ClimateRisk.Reporting.Svg;

/// <summary>A base-10 logarithmic scale: equal ratios are equal distances (return periods).</summary>
public sealed class LogScale : Scale
{
    private static readonly double[] Mantissas = [1, 2, 5];

    /// <summary>Creates the scale [domainMin, domainMax] → [rangeMin, rangeMax]; the domain must be positive.</summary>
    public LogScale(double domainMin, double domainMax, double rangeMin, double rangeMax)
        : base(domainMin, domainMax, rangeMin, rangeMax)
    {
        if (!(domainMin > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(domainMin), domainMin, "A log scale needs a positive domain.");
        }
    }

    /// <inheritdoc />
    public override string Kind => "log";

    /// <inheritdoc />
    public override double Map(double value)
        => RangeMin + ((Math.Log10(value) - Math.Log10(DomainMin)) / (Math.Log10(DomainMax) - Math.Log10(DomainMin)) * (RangeMax - RangeMin));

    /// <inheritdoc />
    public override double Invert(double coordinate)
        => Math.Pow(10, Math.Log10(DomainMin) + ((coordinate - RangeMin) / (RangeMax - RangeMin) * (Math.Log10(DomainMax) - Math.Log10(DomainMin))));

    /// <summary>Ticks at 1, 2 and 5 times the powers of ten inside the domain (fewer when the domain spans many decades).</summary>
    public override IReadOnlyList<double> Ticks(int approximateCount)
    {
        var decades = Math.Log10(DomainMax) - Math.Log10(DomainMin);
        double[] mantissas = decades > approximateCount ? [1] : Mantissas;
        var ticks = new List<double>();
        for (var e = (int)Math.Floor(Math.Log10(DomainMin)); e <= (int)Math.Ceiling(Math.Log10(DomainMax)); e++)
        {
            foreach (var m in mantissas)
            {
                var t = m * Math.Pow(10, e);
                if (t >= DomainMin * (1 - 1e-9) && t <= DomainMax * (1 + 1e-9))
                {
                    ticks.Add(t);
                }
            }
        }

        return ticks;
    }
}
