using System.Xml.Linq;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Charts.Internal;

/// <summary>Pieces several charts share: scenario legends, panel groups, hatch patterns, reference lines.</summary>
internal static class ChartParts
{
    public static IReadOnlyList<LegendItem> ScenarioLegend(ReportData data, ScenarioPalette palette)
        => data.Result.ScenarioIds.Select(s => new LegendItem(data.ScenarioName(s), LegendSymbol.Line, palette.Style(s))).ToArray();

    /// <summary>A panel group carrying its scales (read back by tests and tools).</summary>
    public static XElement Panel(string name, Scale? x, Scale? y)
        => SvgElements.Group("panel", ("data-panel", name), ("data-x-scale", x?.Describe()), ("data-y-scale", y?.Describe()));

    public static XElement PanelTitle(PlotArea area, string text)
        => SvgElements.Text(area.X, area.Y - 7, text, ChartTheme.PanelTitleSize, weight: "bold", cssClass: "panel-title");

    /// <summary>A hatch pattern over a base colour.</summary>
    public static XElement Hatch(string id, string colour, string kind)
    {
        var pattern = SvgElements.Element("pattern", ("id", id), ("patternUnits", "userSpaceOnUse"), ("width", "6"), ("height", "6"));
        pattern.Add(SvgElements.Rect(0, 0, 6, 6, colour));
        const string ink = "#ffffff";
        switch (kind)
        {
            case "horizontal":
                pattern.Add(SvgElements.Line(0, 3, 6, 3, ink, 1.1));
                break;
            case "diagonal":
                pattern.Add(SvgElements.Path("M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5", "none", ink, 1.1));
                break;
            case "cross":
                pattern.Add(SvgElements.Path("M0,0 L6,6 M6,0 L0,6", "none", ink, 0.9));
                break;
            case "dots":
                pattern.Add(SvgElements.Element("circle", ("cx", "3"), ("cy", "3"), ("r", "1.2"), ("fill", "#1f3a5f")));
                break;
            default:
                break;
        }

        return pattern;
    }

    /// <summary>A clip path that keeps drawing inside <paramref name="area"/>.</summary>
    public static XElement Clip(string id, PlotArea area)
    {
        var clip = SvgElements.Element("clipPath", ("id", id));
        clip.Add(SvgElements.Rect(area.X, area.Y, area.Width, area.Height, "#000000"));
        return clip;
    }

    /// <summary>A small line sample of a scenario's style (for category labels).</summary>
    public static XElement StyleSample(SeriesStyle style, double x, double y, double width = 22)
    {
        var group = SvgElements.Group("style-sample");
        group.Add(SvgElements.Line(x, y, x + width, y, style.Colour, 2.2, style.Dash));
        group.Add(style.MarkerAt(x + (width / 2), y, 6.5));
        return group;
    }
}
