using System.Xml.Linq;
using ClimateRisk.Reporting.Svg.Internal;

namespace ClimateRisk.Reporting.Svg;

/// <summary>Lays legend entries out in rows, wrapping at the available width.</summary>
public static class Legend
{
    private const double RowHeight = 17;
    private const double SymbolWidth = 26;

    /// <summary>The legend as a group with <c>class="legend"</c>, and the height it takes.</summary>
    public static (XElement Element, double Height) Build(double x, double y, double maxWidth, IReadOnlyList<LegendItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var group = SvgElements.Group("legend");
        var cx = x;
        var cy = y;
        foreach (var item in items)
        {
            var width = SymbolWidth + 6 + TextMetrics.Width(item.Label, ChartTheme.LegendSize) + 18;
            if (cx > x && cx + width > x + maxWidth)
            {
                cx = x;
                cy += RowHeight;
            }

            var entry = SvgElements.Group("legend-item");
            var mid = cy + 5;
            switch (item.Symbol)
            {
                case LegendSymbol.Line when item.Style is not null:
                    entry.Add(SvgElements.Line(cx, mid, cx + SymbolWidth, mid, item.Style.Colour, 2.2, item.Style.Dash));
                    entry.Add(item.Style.MarkerAt(cx + (SymbolWidth / 2), mid, 7));
                    break;
                case LegendSymbol.Line:
                    entry.Add(SvgElements.Line(cx, mid, cx + SymbolWidth, mid, item.Stroke ?? ChartTheme.Ink, 2, item.Fill));
                    break;
                case LegendSymbol.Marker when item.Style is not null:
                    entry.Add(item.Style.MarkerAt(cx + (SymbolWidth / 2), mid, 8));
                    break;
                default:
                    var swatch = SvgElements.Rect(cx + 4, mid - 6, SymbolWidth - 8, 12, item.Fill ?? "#cccccc", item.Stroke ?? "#555555", 0.8);
                    if (item.Opacity < 1)
                    {
                        swatch.SetAttributeValue("fill-opacity", SvgElements.Num(item.Opacity));
                    }

                    entry.Add(swatch);
                    break;
            }

            entry.Add(SvgElements.Text(cx + SymbolWidth + 6, mid + 4, item.Label, ChartTheme.LegendSize));
            group.Add(entry);
            cx += width;
        }

        return (group, cy - y + RowHeight);
    }
}
