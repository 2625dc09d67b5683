using System.Xml.Linq;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Charts.Internal;

/// <summary>Pieces several charts share: scenario legends, panel groups, reference lines.</summary>
internal static class ChartParts
{
    public static IReadOnlyList<LegendItem> ScenarioLegend(ReportData data, ScenarioPalette palette)
        => data.Result.ScenarioIds.Select(s => new LegendItem(data.ScenarioName(s), LegendSymbol.Line, palette.Style(s))).ToArray();

    /// <summary>A panel group carrying its scales (read back by tests and tools).</summary>
    public static XElement Panel(string name, Scale? x, Scale? y)
        => SvgElements.Group("panel", ("data-panel", name), ("data-x-scale", x?.Describe()), ("data-y-scale", y?.Describe()));

    public static XElement PanelTitle(PlotArea area, string text)
        => SvgElements.Text(area.X, area.Y - 7, text, ChartTheme.PanelTitleSize, weight: "bold", cssClass: "panel-title");

    /// <summary><paramref name="text"/> shortened with an ellipsis to fit <paramref name="maxWidth"/> at <paramref name="size"/>.</summary>
    public static string Ellipsize(string text, double maxWidth, double size, bool bold = false)
    {
        if (Svg.Internal.TextMetrics.Width(text, size, bold) <= maxWidth)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 1 && Svg.Internal.TextMetrics.Width(text[..cut] + "…", size, bold) > maxWidth)
        {
            cut--;
        }

        return text[..cut].TrimEnd() + "…";
    }

    /// <summary>A label of at most two lines (wrapped at spaces) vertically centred on <paramref name="y"/>; one ellipsized line when <paramref name="rowHeight"/> has no room for two.</summary>
    public static XElement WrappedLabel(double x, double y, string text, double size, double maxWidth, string cssClass, double rowHeight = double.PositiveInfinity)
    {
        if (Svg.Internal.TextMetrics.Width(text, size) <= maxWidth || rowHeight < size * 2.3)
        {
            return SvgElements.Text(x, y + (size * 0.35), Ellipsize(text, maxWidth, size), size, cssClass: cssClass);
        }

        var words = text.Split(' ');
        var first = words[0];
        var i = 1;
        while (i < words.Length && Svg.Internal.TextMetrics.Width(first + " " + words[i], size) <= maxWidth)
        {
            first += " " + words[i];
            i++;
        }

        var second = Ellipsize(string.Join(' ', words.Skip(i)), maxWidth, size);
        var element = SvgElements.Text(x, y - (size * 0.25), string.Empty, size, cssClass: cssClass);
        element.Add(SvgElements.Element("tspan", ("x", SvgElements.Num(x)), ("dy", "0")));
        element.Add(SvgElements.Element("tspan", ("x", SvgElements.Num(x)), ("dy", SvgElements.Num(size * 1.15))));
        var spans = element.Elements().ToArray();
        spans[0].Value = first;
        spans[1].Value = second;
        return element;
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
