using System.Globalization;

namespace ClimateRisk.IO.Internal;

/// <summary>Formatting of CSV fields and of values in messages: invariant culture whatever the machine's, shortest round-trip numbers.</summary>
internal static class CsvText
{
    /// <summary>A number as a CSV field: <see cref="RoundTrip"/>, empty for NaN.</summary>
    public static string Number(double value) => double.IsNaN(value) ? string.Empty : RoundTrip(value);

    /// <summary><see cref="Number"/> appended to <paramref name="text"/> without a string of its own; returns <paramref name="text"/>.</summary>
    /// <remarks>
    /// Through the non-generic <see cref="double.TryFormat(Span{char}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>, which
    /// CoreLib ships compiled: the interpolated-string route instantiates a generic method at the
    /// call, whose first, unoptimised code ran for all of a results file (tiered compilation
    /// promotes it only after a pause in compiling).
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static System.Text.StringBuilder AppendNumber(System.Text.StringBuilder text, double value)
    {
        if (double.IsNaN(value))
        {
            return text;
        }

        // Two numbers in five of a results file are zero (perils a site is not exposed to, the
        // zero mass of a loss distribution's quantiles): the formatter's own text for them.
        if (value == 0)
        {
            return text.Append(double.IsNegative(value) ? "-0" : "0");
        }

        // The longest round-trip text of a double is 24 characters ("-2.2250738585072014E-308").
        Span<char> digits = stackalloc char[32];
        return value.TryFormat(digits, out var written, "R", CultureInfo.InvariantCulture)
            ? text.Append(digits[..written])
            : text.Append(RoundTrip(value));
    }

    /// <summary><paramref name="values"/> appended by <see cref="AppendNumber"/>, comma-separated; returns <paramref name="text"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static System.Text.StringBuilder AppendNumbers(System.Text.StringBuilder text, params ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            AppendNumber(i == 0 ? text : text.Append(','), values[i]);
        }

        return text;
    }

    /// <summary><see cref="Integer"/> appended to <paramref name="text"/> without a string of its own; returns <paramref name="text"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static System.Text.StringBuilder AppendInteger(System.Text.StringBuilder text, long value)
    {
        Span<char> digits = stackalloc char[24];
        return value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture)
            ? text.Append(digits[..written])
            : text.Append(Integer(value));
    }

    /// <summary>The shortest text that reads back as <paramref name="value"/> ("NaN" for NaN), as shown in messages.</summary>
    public static string RoundTrip(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static string Field(string text)
        => text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
