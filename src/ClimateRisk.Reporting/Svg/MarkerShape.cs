namespace ClimateRisk.Reporting.Svg;

/// <summary>Point markers, so series stay distinct in grey print.</summary>
public enum MarkerShape
{
    /// <summary>Filled circle.</summary>
    Circle,

    /// <summary>Filled square.</summary>
    Square,

    /// <summary>Filled triangle pointing up.</summary>
    Triangle,

    /// <summary>Filled diamond.</summary>
    Diamond,

    /// <summary>Open circle.</summary>
    OpenCircle,

    /// <summary>Filled triangle pointing down.</summary>
    TriangleDown,

    /// <summary>Diagonal cross.</summary>
    Cross,

    /// <summary>Open square.</summary>
    OpenSquare,
}
