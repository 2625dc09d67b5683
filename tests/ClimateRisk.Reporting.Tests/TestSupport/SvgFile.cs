using System.Globalization;
using System.Xml.Linq;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>Reads a chart back: its panels with their scales, and the coordinates of plotted elements.</summary>
public static class SvgFile
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public static bool HasClass(XElement element, string cssClass)
        => ((string?)element.Attribute("class") ?? string.Empty).Split(' ').Contains(cssClass);

    public static XElement Panel(XElement element)
        => element.Ancestors(Ns + "g").First(g => HasClass(g, "panel"));

    public static Scale? XScale(XElement panel) => panel.Attribute("data-x-scale") is { } a ? Scale.Parse(a.Value) : null;

    public static Scale? YScale(XElement panel) => panel.Attribute("data-y-scale") is { } a ? Scale.Parse(a.Value) : null;

    public static double Num(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, NumberStyles.Float, CultureInfo.InvariantCulture);

    public static IReadOnlyList<(double X, double Y)> Points(XElement element)
        => ((string)element.Attribute("points")!).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToArray();

    public static (double X, double Y) Translation(XElement element)
    {
        var text = (string)element.Attribute("transform")!;
        var inner = text[(text.IndexOf('(', StringComparison.Ordinal) + 1)..text.IndexOf(')', StringComparison.Ordinal)];
        var parts = inner.Split(' ', ',');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The data error allowed for a coordinate written with two decimals (and a difference of two such).</summary>
    public static double Tolerance(Scale scale, double value)
        => (0.011 * Math.Abs(scale.DomainMax - scale.DomainMin) / Math.Abs(scale.RangeMax - scale.RangeMin)) + (1e-9 * Math.Abs(value)) + 1e-12;
}
