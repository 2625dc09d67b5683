using ClimateRisk.Reporting.Svg.Internal;

namespace ClimateRisk.Reporting.Svg;

/// <summary>A linear scale: equal data steps are equal distances.</summary>
public sealed class LinearScale : Scale
{
    /// <summary>Creates the scale [domainMin, domainMax] → [rangeMin, rangeMax].</summary>
    public LinearScale(double domainMin, double domainMax, double rangeMin, double rangeMax)
        : base(domainMin, domainMax, rangeMin, rangeMax)
    {
    }

    /// <inheritdoc />
    public override string Kind => "linear";

    /// <summary>A calendar-year axis; a run of a single year is shown in the middle of a one-year-wide axis.</summary>
    public static LinearScale Years(double first, double last, double rangeMin, double rangeMax)
        => last > first ? new LinearScale(first, last, rangeMin, rangeMax) : new LinearScale(first - 0.5, first + 0.5, rangeMin, rangeMax);

    /// <summary>
    /// A scale whose domain covers [<paramref name="min"/>, <paramref name="max"/>] widened to round
    /// numbers (multiples of the tick step), so the axis starts and ends on a tick. A zero-width
    /// interval is widened around its value.
    /// </summary>
    public static LinearScale Nice(double min, double max, double rangeMin, double rangeMax, int approximateTicks = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            min = 0;
            max = 1;
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max - min < 1e-12 * Math.Max(1, Math.Abs(max)))
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }

        var step = NiceNumbers.Step(max - min, approximateTicks);
        var lo = Math.Floor((min / step) + 1e-9) * step;
        var hi = Math.Ceiling((max / step) - 1e-9) * step;
        return new LinearScale(lo, hi, rangeMin, rangeMax);
    }

    /// <inheritdoc />
    public override double Map(double value) => RangeMin + ((value - DomainMin) / (DomainMax - DomainMin) * (RangeMax - RangeMin));

    /// <inheritdoc />
    public override double Invert(double coordinate) => DomainMin + ((coordinate - RangeMin) / (RangeMax - RangeMin) * (DomainMax - DomainMin));

    /// <inheritdoc />
    public override IReadOnlyList<double> Ticks(int approximateCount)
    {
        var step = NiceNumbers.Step(DomainMax - DomainMin, approximateCount);
        var first = Math.Ceiling((DomainMin / step) - 1e-9);
        var ticks = new List<double>();
        for (var k = first; k * step <= DomainMax + (step * 1e-9); k++)
        {
            var t = k * step;
            ticks.Add(Math.Abs(t) < step * 1e-9 ? 0 : t);
        }

        return ticks;
    }
}
