using System.Globalization;

namespace ClimateRisk.Reporting.Internal;

/// <summary>Numbers as text for people: invariant culture, money in CNY millions, percentages.</summary>
internal static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>CNY as millions with one decimal (two below 10 m, none from 10,000 m), e.g. "12.3".</summary>
    public static string Millions(double cny)
    {
        if (double.IsNaN(cny))
        {
            return "–";
        }

        var m = cny / 1e6;
        var abs = Math.Abs(m);
        return abs >= 10_000 ? m.ToString("N0", Inv) : abs >= 10 ? m.ToString("N1", Inv) : m.ToString("N2", Inv);
    }

    /// <summary>"CNY 12.3 m".</summary>
    public static string Money(double cny) => double.IsNaN(cny) ? "–" : $"CNY {Millions(cny)} m";

    /// <summary>A probability as a percentage: "&lt; 0.1 %" for tiny ones, one decimal below 10 %, else whole.</summary>
    public static string Percent(double p)
    {
        if (double.IsNaN(p))
        {
            return "–";
        }

        var pct = p * 100;
        return pct == 0 ? "0 %" : pct < 0.1 ? "< 0.1 %" : pct < 10 ? pct.ToString("0.0", Inv) + " %" : pct.ToString("0", Inv) + " %";
    }

    /// <summary>A number with a fixed count of decimals.</summary>
    public static string Fixed(double value, int decimals) => double.IsNaN(value) ? "–" : value.ToString("F" + decimals.ToString(Inv), Inv);

    /// <summary>A whole number with thousands separators.</summary>
    public static string Whole(double value) => double.IsNaN(value) ? "–" : value.ToString("N0", Inv);

    /// <summary>An integer.</summary>
    public static string Int(int value) => value.ToString(Inv);

    /// <summary>A return period, e.g. "1-in-100".</summary>
    public static string ReturnPeriod(double years) => "1-in-" + years.ToString("0", Inv);
}
