namespace ClimateRisk.Reporting.Svg;

/// <summary>One legend entry.</summary>
/// <param name="Label">Text.</param>
/// <param name="Symbol">What is drawn before the text.</param>
/// <param name="Style">Series style (lines and markers).</param>
/// <param name="Fill">Fill of a swatch (a colour or a <c>url(#pattern)</c>).</param>
/// <param name="Stroke">Outline of a swatch, or the colour of a plain line.</param>
/// <param name="Opacity">Fill opacity of a swatch.</param>
public sealed record LegendItem(string Label, LegendSymbol Symbol, SeriesStyle? Style = null, string? Fill = null, string? Stroke = null, double Opacity = 1);
