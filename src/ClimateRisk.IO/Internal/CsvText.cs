using System.Globalization;

namespace ClimateRisk.IO.Internal;

/// <summary>Formatting of CSV fields: invariant culture whatever the machine's, shortest round-trip numbers, empty for NaN.</summary>
internal static class CsvText
{
    public static string Number(double value) => double.IsNaN(value) ? string.Empty : value.ToString("R", CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Field(string text)
        => text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
