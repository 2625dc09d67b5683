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

    /// <summary>A range of probabilities, e.g. "13–18 %", "up to 2.0 %", or one value when equal.</summary>
    public static string PercentRange(double lo, double hi)
    {
        if (double.IsNaN(lo) || double.IsNaN(hi))
        {
            return "–";
        }

        if (Percent(lo) == Percent(hi))
        {
            return Percent(lo);
        }

        return lo < 0.001 ? "up to " + Percent(hi) : Percent(lo).Replace(" %", string.Empty, StringComparison.Ordinal) + "–" + Percent(hi);
    }

    /// <summary>CNY as a short amount for headlines: "CNY 72 m", "CNY 1.2 bn".</summary>
    public static string MoneyShort(double cny)
    {
        var m = cny / 1e6;
        return Math.Abs(m) >= 1000 ? $"CNY {(m / 1000).ToString("0.0", Inv)} bn" : Math.Abs(m) >= 10 ? $"CNY {m.ToString("N0", Inv)} m" : $"CNY {m.ToString("0.0", Inv)} m";
    }

    /// <summary>A money range for headlines: "CNY 72–161 m", "CNY 0.6–1.6 bn".</summary>
    public static string MoneyRangeShort(double lo, double hi)
    {
        if (MoneyShort(lo) == MoneyShort(hi))
        {
            return MoneyShort(lo);
        }

        var (a, b) = (lo / 1e6, hi / 1e6);
        if (Math.Abs(b) >= 1000 && Math.Abs(a) >= 100)
        {
            return $"CNY {(a / 1000).ToString("0.0", Inv)}–{(b / 1000).ToString("0.0", Inv)} bn";
        }

        var format = Math.Abs(a) >= 10 ? "N0" : "0.0";
        return $"CNY {a.ToString(format, Inv)}–{b.ToString(Math.Abs(b) >= 10 ? "N0" : "0.0", Inv)} m";
    }

    /// <summary>A number with a fixed count of decimals.</summary>
    public static string Fixed(double value, int decimals) => double.IsNaN(value) ? "–" : value.ToString("F" + decimals.ToString(Inv), Inv);

    /// <summary>A PUE value: two decimals, a third when it has one (1.35, 1.362, 1.355).</summary>
    public static string Pue(double value) => double.IsNaN(value) ? "–" : value.ToString("0.00#", Inv);

    /// <summary>A whole number with thousands separators.</summary>
    public static string Whole(double value) => double.IsNaN(value) ? "–" : value.ToString("N0", Inv);

    /// <summary>An integer.</summary>
    public static string Int(int value) => value.ToString(Inv);

    /// <summary>A return period, e.g. "1-in-100".</summary>
    public static string ReturnPeriod(double years) => "1-in-" + years.ToString("0", Inv);
}
