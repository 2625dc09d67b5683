using System.Xml.Linq;
using ClimateRisk.Reporting.Svg.Internal;

namespace ClimateRisk.Reporting.Svg;

/// <summary>
/// Factory of SVG elements. Numbers are written with the invariant culture whatever the
/// machine's (<see cref="Num"/>); text is escaped by <see cref="System.Xml.Linq"/>.
/// </summary>
public static class SvgElements
{
    /// <summary>The SVG namespace.</summary>
    public static XNamespace Ns { get; } = "http://www.w3.org/2000/svg";

    /// <summary>A coordinate or length as SVG text (invariant, two decimals at most).</summary>
    public static string Num(double value) => SvgNumber.Format(value);

    /// <summary>An element with attributes; attributes whose value is null are left out.</summary>
    public static XElement Element(string name, params (string Name, string? Value)[] attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var element = new XElement(Ns + name);
        foreach (var (attribute, value) in attributes)
        {
            if (value is not null)
            {
                element.SetAttributeValue(attribute, value);
            }
        }

        return element;
    }

    /// <summary>A group with a class.</summary>
    public static XElement Group(string? cssClass, params (string Name, string? Value)[] attributes)
        => Element("g", [("class", cssClass), .. attributes]);

    /// <summary>A straight line.</summary>
    public static XElement Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null, string? cssClass = null)
        => Element("line", ("class", cssClass), ("x1", Num(x1)), ("y1", Num(y1)), ("x2", Num(x2)), ("y2", Num(y2)), ("stroke", stroke), ("stroke-width", Num(width)), ("stroke-dasharray", dash));

    /// <summary>A rectangle.</summary>
    public static XElement Rect(double x, double y, double width, double height, string fill, string? stroke = null, double strokeWidth = 1, string? cssClass = null)
        => Element("rect", ("class", cssClass), ("x", Num(x)), ("y", Num(y)), ("width", Num(Math.Max(0, width))), ("height", Num(Math.Max(0, height))), ("fill", fill), ("stroke", stroke), ("stroke-width", stroke is null ? null : Num(strokeWidth)));

    /// <summary>A polyline through <paramref name="points"/>.</summary>
    public static XElement Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width, string? dash = null, string? cssClass = null)
        => Element("polyline", ("class", cssClass), ("points", Points(points)), ("fill", "none"), ("stroke", stroke), ("stroke-width", Num(width)), ("stroke-dasharray", dash), ("stroke-linejoin", "round"), ("stroke-linecap", "round"));

    /// <summary>A closed polygon.</summary>
    public static XElement Polygon(IEnumerable<(double X, double Y)> points, string fill, double opacity = 1, string? cssClass = null)
        => Element("polygon", ("class", cssClass), ("points", Points(points)), ("fill", fill), ("fill-opacity", opacity < 1 ? Num(opacity) : null), ("stroke", "none"));

    /// <summary>A path.</summary>
    public static XElement Path(string data, string fill, string? stroke = null, double strokeWidth = 1, string? dash = null, string? cssClass = null)
        => Element("path", ("class", cssClass), ("d", data), ("fill", fill), ("stroke", stroke), ("stroke-width", stroke is null ? null : Num(strokeWidth)), ("stroke-dasharray", dash));

    /// <summary>A text label.</summary>
    public static XElement Text(double x, double y, string text, double size, string anchor = "start", string weight = "normal", string fill = ChartTheme.Ink, string? cssClass = null)
    {
        var element = Element("text", ("class", cssClass), ("x", Num(x)), ("y", Num(y)), ("font-size", Num(size)), ("text-anchor", anchor == "start" ? null : anchor), ("font-weight", weight == "normal" ? null : weight), ("fill", fill));
        element.Value = text;
        return element;
    }

    /// <summary>The text of a <c>points</c> attribute.</summary>
    public static string Points(IEnumerable<(double X, double Y)> points)
        => string.Join(' ', points.Select(p => Num(p.X) + "," + Num(p.Y)));
}
