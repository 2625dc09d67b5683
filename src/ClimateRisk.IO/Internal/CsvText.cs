using System.Globalization;

namespace ClimateRisk.IO.Internal;

/// <summary>Formatting of CSV fields and of values in messages: invariant culture whatever the machine's, shortest round-trip numbers.</summary>
internal static class CsvText
{
    /// <summary>A number as a CSV field: <see cref="RoundTrip"/>, empty for NaN.</summary>
    public static string Number(double value) => double.IsNaN(value) ? string.Empty : RoundTrip(value);

    /// <summary>The shortest text that reads back as <paramref name="value"/> ("NaN" for NaN), as shown in messages.</summary>
    public static string RoundTrip(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Field(string text)
        => text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
