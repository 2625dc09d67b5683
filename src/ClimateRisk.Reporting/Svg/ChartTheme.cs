namespace ClimateRisk.Reporting.Svg;

/// <summary>Fonts, sizes and neutral colours shared by every chart.</summary>
public static class ChartTheme
{
    /// <summary>
    /// Font stack: DejaVu Sans first — the board pack embeds a subset of it and text is laid out
    /// with its advance widths (<c>Fonts/dejavu-sans-widths.csv</c>); Verdana (close metrics) for
    /// a standalone chart opened where DejaVu is not installed; CJK fallbacks for quoted disclosures.
    /// </summary>
    public const string FontFamily = "'DejaVu Sans', Verdana, 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

    /// <summary>
    /// Text style of every chart: no kerning and no ligatures, so a string is as wide as the sum
    /// of its advances (what the layout assumes) also where an installed DejaVu Sans would kern.
    /// </summary>
    public const string TextStyle = "font-kerning:none;font-variant-ligatures:none";

    /// <summary>Text and axis colour.</summary>
    public const string Ink = "#222222";

    /// <summary>Secondary text (subtitles, notes).</summary>
    public const string Muted = "#555555";

    /// <summary>Grid lines.</summary>
    public const string Grid = "#e2e2e2";

    /// <summary>Chart title size.</summary>
    public const double TitleSize = 15;

    /// <summary>Subtitle size.</summary>
    public const double SubtitleSize = 11.5;

    /// <summary>Panel title size.</summary>
    public const double PanelTitleSize = 12;

    /// <summary>Axis label size.</summary>
    public const double AxisLabelSize = 11.5;

    /// <summary>Tick label size.</summary>
    public const double TickSize = 10.5;

    /// <summary>Legend text size.</summary>
    public const double LegendSize = 11;

    /// <summary>Footnote size.</summary>
    public const double NoteSize = 9.5;
}
