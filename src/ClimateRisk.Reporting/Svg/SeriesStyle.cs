using System.Xml.Linq;

namespace ClimateRisk.Reporting.Svg;

/// <summary>How one series is drawn: colour, dash pattern and marker (distinct in colour and in grey).</summary>
/// <param name="Colour">Stroke/fill colour, <c>#rrggbb</c>.</param>
/// <param name="Dash">SVG <c>stroke-dasharray</c>, or null for solid.</param>
/// <param name="Marker">Point marker.</param>
public sealed record SeriesStyle(string Colour, string? Dash, MarkerShape Marker)
{
    /// <summary>A marker of this style centred at (x, y), drawn as a path translated to the point.</summary>
    public XElement MarkerAt(double x, double y, double size = 7, string? cssClass = null)
    {
        var r = size / 2;
        var (d, filled) = Marker switch
        {
            MarkerShape.Circle => (Circle(r), true),
            MarkerShape.OpenCircle => (Circle(r), false),
            MarkerShape.Square => (Square(r * 0.9), true),
            MarkerShape.OpenSquare => (Square(r * 0.9), false),
            MarkerShape.Triangle => ($"M0,{N(-r * 1.1)} L{N(r)},{N(r * 0.8)} L{N(-r)},{N(r * 0.8)} Z", true),
            MarkerShape.TriangleDown => ($"M0,{N(r * 1.1)} L{N(r)},{N(-r * 0.8)} L{N(-r)},{N(-r * 0.8)} Z", true),
            MarkerShape.Diamond => ($"M0,{N(-r * 1.2)} L{N(r)},0 L0,{N(r * 1.2)} L{N(-r)},0 Z", true),
            _ => ($"M{N(-r)},{N(-r)} L{N(r)},{N(r)} M{N(-r)},{N(r)} L{N(r)},{N(-r)}", false),
        };
        return SvgElements.Element(
            "path",
            ("class", cssClass),
            ("d", d),
            ("transform", $"translate({N(x)} {N(y)})"),
            ("fill", filled ? Colour : "#ffffff"),
            ("stroke", Colour),
            ("stroke-width", Marker == MarkerShape.Cross ? "1.8" : "1.2"));
    }

    private static string Circle(double r) => $"M{N(-r)},0 A{N(r)},{N(r)} 0 1,0 {N(r)},0 A{N(r)},{N(r)} 0 1,0 {N(-r)},0 Z";

    private static string Square(double r) => $"M{N(-r)},{N(-r)} H{N(r)} V{N(r)} H{N(-r)} Z";

    private static string N(double value) => SvgElements.Num(value);
}
