using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// A site's learned PUE response (<c>climaterisk calibrate</c>, MODEL §4): the telemetry as a
/// cloud of hourly PUE against outdoor temperature, the curve learned at the median IT load
/// (solid; flat outside the data's temperature range, which is shaded), and the cooling type's
/// default curve calibrated to the reported PUE (dashed) for comparison.
/// </summary>
public static class PueResponseChart
{
    /// <summary>Width, CSS pixels.</summary>
    public const double Width = 860;

    /// <summary>Height, CSS pixels.</summary>
    public const double Height = 520;

    private const string CloudInk = "#7a8ca3";
    private const string LearnedInk = "#b8430f";
    private const string DefaultInk = "#222222";

    /// <summary>The file stem of a site's chart.</summary>
    public static string FileStem(string siteId) => "pue_response_" + siteId;

    /// <summary>Draws the chart.</summary>
    /// <param name="siteId">Site id.</param>
    /// <param name="title">Title (site name; says "synthetic" when the data is).</param>
    /// <param name="cloud">Readings: outdoor temperature, °C, and hourly PUE.</param>
    /// <param name="temperatureC">Table temperatures, °C.</param>
    /// <param name="learned">Learned PUE at <paramref name="temperatureC"/>.</param>
    /// <param name="defaultCurve">Default cooling-type curve at <paramref name="temperatureC"/>, or null when the site is not in the portfolio.</param>
    /// <param name="defaultLabel">Legend text of the default curve.</param>
    /// <param name="dataRangeC">The data's temperature range, °C.</param>
    /// <param name="note">Footnote.</param>
    public static ChartDocument Create(string siteId, string title, IReadOnlyList<(double TemperatureC, double Pue)> cloud, IReadOnlyList<double> temperatureC,
        IReadOnlyList<double> learned, IReadOnlyList<double>? defaultCurve, string defaultLabel, (double Min, double Max) dataRangeC, string note)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(temperatureC);
        ArgumentNullException.ThrowIfNull(learned);
        var doc = new ChartDocument(FileStem(siteId), "pue-response", Width, Height, title,
            "Hourly PUE (facility ÷ IT power) against outdoor dry-bulb temperature; curves at the site's median IT load.", note);
        var legend = new List<LegendItem>
        {
            new("Telemetry (hourly readings)", LegendSymbol.Swatch, Fill: CloudInk, Stroke: "none", Opacity: 0.5),
            new("Learned response (GAM)", LegendSymbol.Line, Stroke: LearnedInk),
        };
        if (defaultCurve is not null)
        {
            legend.Add(new LegendItem(defaultLabel, LegendSymbol.Line, Fill: "6 4", Stroke: DefaultInk));
        }

        legend.Add(new LegendItem("Outside the data's range (held flat)", LegendSymbol.Swatch, Fill: "#eeeeee", Stroke: "none"));
        doc.AddLegend(legend);

        var values = cloud.Select(c => c.Pue).Order().ToArray();
        var lo = Math.Min(values[(int)(0.002 * (values.Length - 1))], learned.Min());
        var hi = Math.Max(values[(int)(0.998 * (values.Length - 1))], learned.Max());
        if (defaultCurve is not null)
        {
            lo = Math.Min(lo, defaultCurve.Min());
            hi = Math.Max(hi, defaultCurve.Max());
        }

        var area = doc.Body.Inset(58, 6, 10, 40);
        var x = new LinearScale(temperatureC[0], temperatureC[^1], area.X, area.Right);
        var y = LinearScale.Nice(lo - 0.01, hi + 0.01, area.Bottom, area.Y, 6);
        var panel = SvgElements.Group("panel", ("data-panel", siteId), ("data-x-scale", x.Describe()), ("data-y-scale", y.Describe()));
        var clip = SvgElements.Element("clipPath", ("id", doc.Id("clip")));
        clip.Add(SvgElements.Rect(area.X, area.Y, area.Width, area.Height, "#000000"));
        doc.Define(clip);

        if (dataRangeC.Min > temperatureC[0])
        {
            panel.Add(SvgElements.Rect(area.X, area.Y, x.Map(dataRangeC.Min) - area.X, area.Height, "#eeeeee", cssClass: "outside-data"));
        }

        if (dataRangeC.Max < temperatureC[^1])
        {
            panel.Add(SvgElements.Rect(x.Map(dataRangeC.Max), area.Y, area.Right - x.Map(dataRangeC.Max), area.Height, "#eeeeee", cssClass: "outside-data"));
        }

        panel.Add(Axis.Left(area, y, "PUE (ratio)", Axis.Plain(y, 6), y.Ticks(6)));
        panel.Add(Axis.Bottom(area, x, "Outdoor temperature (°C)", v => Format.Fixed(v, 0), Enumerable.Range(0, 14).Select(i => -20.0 + (5 * i)).ToArray()));

        var dots = SvgElements.Group("cloud", ("clip-path", $"url(#{doc.Id("clip")})"), ("fill", CloudInk), ("fill-opacity", "0.35"));
        foreach (var (t, pue) in cloud)
        {
            dots.Add(SvgElements.Element("circle", ("cx", SvgElements.Num(x.Map(t))), ("cy", SvgElements.Num(y.Map(pue))), ("r", "1.6")));
        }

        panel.Add(dots);
        if (defaultCurve is not null)
        {
            var line = SvgElements.Polyline(temperatureC.Select((t, i) => (x.Map(t), y.Map(defaultCurve[i]))), DefaultInk, 1.8, "6 4", "series default");
            line.SetAttributeValue("clip-path", $"url(#{doc.Id("clip")})");
            panel.Add(line);
        }

        var curve = SvgElements.Polyline(temperatureC.Select((t, i) => (x.Map(t), y.Map(learned[i]))), LearnedInk, 2.6, cssClass: "series learned");
        curve.SetAttributeValue("data-entity", siteId);
        panel.Add(curve);
        doc.Add(panel);
        return doc;
    }
}
