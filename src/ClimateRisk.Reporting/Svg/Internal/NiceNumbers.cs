namespace ClimateRisk.Reporting.Svg.Internal;

/// <summary>Round tick steps (1, 2, 2.5 or 5 times a power of ten), Heckbert's "nice numbers".</summary>
internal static class NiceNumbers
{
    /// <summary>A round step that divides <paramref name="span"/> into about <paramref name="count"/> intervals.</summary>
    public static double Step(double span, int count)
    {
        if (!(span > 0) || !double.IsFinite(span))
        {
            return 1;
        }

        var raw = span / Math.Max(1, count);
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / power;
        var nice = fraction switch
        {
            <= 1 => 1.0,
            <= 2 => 2.0,
            <= 2.5 => 2.5,
            <= 5 => 5.0,
            _ => 10.0,
        };
        return nice * power;
    }

    /// <summary>Decimals needed to print multiples of <paramref name="step"/> exactly (0 for whole numbers).</summary>
    public static int Decimals(double step)
    {
        for (var d = 0; d < 10; d++)
        {
            var scaled = step * Math.Pow(10, d);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-6 * Math.Max(1, scaled))
            {
                return d;
            }
        }

        return 10;
    }
}
