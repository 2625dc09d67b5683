using System.Globalization;

namespace ClimateRisk.Pipeline.Internal;

/// <summary>Parses <c>--years</c>: <c>2025..2050</c>, <c>2025-2050</c> or one year.</summary>
internal static class YearRange
{
    public static bool TryParse(string text, out int first, out int last)
    {
        first = last = 0;
        var parts = text.Split(["..", "-", ":"], StringSplitOptions.TrimEntries);
        if (parts.Length == 1 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first))
        {
            last = first;
            return true;
        }

        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out last);
    }
}
