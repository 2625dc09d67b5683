namespace ClimateRisk.Reporting.Svg;

/// <summary>Fonts, sizes and neutral colours shared by every chart.</summary>
public static class ChartTheme
{
    /// <summary>Font stack (system fonts only: the board pack works offline); CJK fallbacks for quoted disclosures.</summary>
    public const string FontFamily = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

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
