namespace ClimateRisk.Reporting.Svg.Internal;

/// <summary>
/// The embedded font files (DejaVu Sans subsets, WOFF) and their width table, as manifest
/// resources of this assembly; the licence travels with them (<c>Fonts/LICENSE-DejaVu.txt</c>).
/// </summary>
internal static class FontResources
{
    public const string Regular = "ClimateRisk.Reporting.Fonts.DejaVuSans-subset.woff";
    public const string Bold = "ClimateRisk.Reporting.Fonts.DejaVuSans-Bold-subset.woff";
    public const string WidthTable = "ClimateRisk.Reporting.Fonts.dejavu-sans-widths.csv";
    public const string Licence = "ClimateRisk.Reporting.Fonts.LICENSE-DejaVu.txt";

    /// <summary>A resource's bytes.</summary>
    public static byte[] Bytes(string name)
    {
        using var stream = typeof(FontResources).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is not embedded in ClimateRisk.Reporting");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A text resource.</summary>
    public static string Text(string name) => System.Text.Encoding.UTF8.GetString(Bytes(name));
}
