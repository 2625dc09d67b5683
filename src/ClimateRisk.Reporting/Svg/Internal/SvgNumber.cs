using System.Globalization;

namespace ClimateRisk.Reporting.Svg.Internal;

/// <summary>Coordinates as SVG text: invariant culture, at most two decimals, no exponent.</summary>
internal static class SvgNumber
{
    public static string Format(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0; // no "-0"
        }

        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
