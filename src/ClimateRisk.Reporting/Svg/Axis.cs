using System.Xml.Linq;
using ClimateRisk.Reporting.Svg.Internal;

namespace ClimateRisk.Reporting.Svg;

/// <summary>
/// Draws axes: tick marks, tick labels, light grid lines across the panel, the axis line and
/// the axis label (with its unit). Labels carry <c>class="axis-label"</c> and <c>data-axis</c>.
/// </summary>
public static class Axis
{
    /// <summary>A vertical axis on the left of <paramref name="area"/>.</summary>
    /// <param name="area">The panel.</param>
    /// <param name="scale">Its y scale.</param>
    /// <param name="label">Axis label with unit, e.g. "Annual loss (CNY m)"; empty for none.</param>
    /// <param name="format">Tick label text of a data value.</param>
    /// <param name="ticks">Tick values (default: the scale's).</param>
    /// <param name="showTickLabels">False for panels that share the axis of their left neighbour.</param>
    /// <param name="grid">Whether to draw horizontal grid lines.</param>
    public static XElement Left(PlotArea area, Scale scale, string label, Func<double, string> format, IReadOnlyList<double>? ticks = null, bool showTickLabels = true, bool grid = true)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(format);
        var group = SvgElements.Group("axis axis-y", ("data-axis", "y"));
        var maxLabel = 0.0;
        foreach (var t in ticks ?? scale.Ticks(5))
        {
            var y = scale.Map(t);
            if (grid)
            {
                group.Add(SvgElements.Line(area.X, y, area.Right, y, ChartTheme.Grid, 0.8, cssClass: "grid"));
            }

            group.Add(SvgElements.Line(area.X - 4, y, area.X, y, ChartTheme.Ink, 0.8));
            if (showTickLabels)
            {
                var text = format(t);
                maxLabel = Math.Max(maxLabel, TextMetrics.Width(text, ChartTheme.TickSize));
                group.Add(SvgElements.Text(area.X - 6, y + 3.5, text, ChartTheme.TickSize, "end", cssClass: "tick"));
            }
        }

        group.Add(SvgElements.Line(area.X, area.Y, area.X, area.Bottom, ChartTheme.Ink, 1));
        if (label.Length > 0)
        {
            var x = area.X - maxLabel - 14;
            var y = area.Y + (area.Height / 2);
            var text = SvgElements.Text(x, y, label, ChartTheme.AxisLabelSize, "middle", cssClass: "axis-label");
            text.SetAttributeValue("data-axis", "y");
            text.SetAttributeValue("transform", $"rotate(-90 {SvgElements.Num(x)} {SvgElements.Num(y)})");
            group.Add(text);
        }

        return group;
    }

    /// <summary>A horizontal axis under <paramref name="area"/>.</summary>
    /// <param name="area">The panel.</param>
    /// <param name="scale">Its x scale.</param>
    /// <param name="label">Axis label with unit; empty for none.</param>
    /// <param name="format">Tick label text of a data value.</param>
    /// <param name="ticks">Tick values (default: the scale's).</param>
    /// <param name="grid">Whether to draw vertical grid lines.</param>
    public static XElement Bottom(PlotArea area, Scale scale, string label, Func<double, string> format, IReadOnlyList<double>? ticks = null, bool grid = true)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(format);
        var group = SvgElements.Group("axis axis-x", ("data-axis", "x"));
        foreach (var t in ticks ?? scale.Ticks(6))
        {
            var x = scale.Map(t);
            if (grid)
            {
                group.Add(SvgElements.Line(x, area.Y, x, area.Bottom, ChartTheme.Grid, 0.8, cssClass: "grid"));
            }

            group.Add(SvgElements.Line(x, area.Bottom, x, area.Bottom + 4, ChartTheme.Ink, 0.8));
            // 16.5: the top of a tick label clears the descent of the lowest y tick label beside it.
            group.Add(SvgElements.Text(x, area.Bottom + 16.5, format(t), ChartTheme.TickSize, "middle", cssClass: "tick"));
        }

        group.Add(SvgElements.Line(area.X, area.Bottom, area.Right, area.Bottom, ChartTheme.Ink, 1));
        if (label.Length > 0)
        {
            var text = SvgElements.Text(area.X + (area.Width / 2), area.Bottom + 32.5, label, ChartTheme.AxisLabelSize, "middle", cssClass: "axis-label");
            text.SetAttributeValue("data-axis", "x");
            group.Add(text);
        }

        return group;
    }

    /// <summary>Tick formatter for money in millions: values in CNY shown as CNY m with the decimals the tick step needs.</summary>
    public static Func<double, string> Millions(Scale scale, int approximateTicks = 5)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var step = NiceNumbers.Step(scale.DomainMax - scale.DomainMin, approximateTicks) / 1e6;
        var decimals = Math.Min(3, NiceNumbers.Decimals(step));
        return v => (v / 1e6).ToString("N" + decimals.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Tick formatter with the decimals a linear tick step needs, thousands separated.</summary>
    public static Func<double, string> Plain(Scale scale, int approximateTicks = 5, double factor = 1)
    {
        ArgumentNullException.ThrowIfNull(scale);
        var step = NiceNumbers.Step(scale.DomainMax - scale.DomainMin, approximateTicks) * factor;
        var decimals = Math.Min(4, NiceNumbers.Decimals(step));
        return v => (v * factor).ToString("N" + decimals.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
    }
}
