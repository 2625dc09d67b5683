namespace ClimateRisk.Reporting.Svg;

/// <summary>What a legend entry shows before its label.</summary>
public enum LegendSymbol
{
    /// <summary>A short line in the series style with its marker.</summary>
    Line,

    /// <summary>A filled square (bars, bands, heat-map classes).</summary>
    Swatch,

    /// <summary>The series marker alone.</summary>
    Marker,
}
