using System.Globalization;

namespace ClimateRisk.Reporting.Svg.Internal;

/// <summary>
/// Text widths for layout (SVG cannot measure text before a browser draws it), from the advance
/// widths of DejaVu Sans, the font the board pack embeds and names first
/// (<c>Fonts/dejavu-sans-widths.csv</c>, generated from the font by
/// <c>tools/fonts/make_font_subset.py</c>). The embedded subset has no kerning or ligatures, so a
/// string's width is the sum of its advances. CJK characters (drawn by a fallback font) are
/// taken as one em; any other character outside the table as the widest Latin capital.
/// </summary>
internal static class TextMetrics
{
    private const double FallbackEm = 0.9;
    private static readonly (Dictionary<int, double> Regular, Dictionary<int, double> Bold) Table = Load();

    /// <summary>Width of <paramref name="text"/> at <paramref name="fontSize"/> px, CSS pixels.</summary>
    public static double Width(string text, double fontSize, bool bold = false)
    {
        var advances = bold ? Table.Bold : Table.Regular;
        var em = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            var c = rune.Value;
            em += advances.TryGetValue(c, out var w) ? w : c >= 0x2E80 ? 1.0 : FallbackEm;
        }

        return em * fontSize;
    }

    /// <summary>True when the font table has <paramref name="codePoint"/> (the embedded subset draws it).</summary>
    public static bool Covers(int codePoint) => Table.Regular.ContainsKey(codePoint);

    private static (Dictionary<int, double>, Dictionary<int, double>) Load()
    {
        using var stream = typeof(TextMetrics).Assembly.GetManifestResourceStream(FontResources.WidthTable)
            ?? throw new InvalidOperationException("the font width table is not embedded in ClimateRisk.Reporting");
        using var reader = new StreamReader(stream);
        var header = reader.ReadLine() ?? string.Empty;
        var unitsPerEm = double.Parse(header[(header.IndexOf("units per em ", StringComparison.Ordinal) + 13)..].Split(';')[0], CultureInfo.InvariantCulture);
        reader.ReadLine();
        var regular = new Dictionary<int, double>();
        var bold = new Dictionary<int, double>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var fields = line.Split(',');
            var cp = int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            regular[cp] = int.Parse(fields[1], CultureInfo.InvariantCulture) / unitsPerEm;
            bold[cp] = int.Parse(fields[2], CultureInfo.InvariantCulture) / unitsPerEm;
        }

        return (regular, bold);
    }
}
