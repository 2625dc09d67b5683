namespace ClimateRisk.Reporting.Svg;

/// <summary>A rectangle of the chart in SVG coordinates (y grows downwards).</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct PlotArea(double X, double Y, double Width, double Height)
{
    /// <summary>Right edge.</summary>
    public double Right => X + Width;

    /// <summary>Bottom edge.</summary>
    public double Bottom => Y + Height;

    /// <summary>Splits the area into <paramref name="columns"/> × <paramref name="rows"/> cells with gaps, row by row.</summary>
    public IReadOnlyList<PlotArea> Grid(int columns, int rows, double columnGap, double rowGap)
    {
        var w = (Width - (columnGap * (columns - 1))) / columns;
        var h = (Height - (rowGap * (rows - 1))) / rows;
        var cells = new List<PlotArea>(columns * rows);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                cells.Add(new PlotArea(X + (c * (w + columnGap)), Y + (r * (h + rowGap)), w, h));
            }
        }

        return cells;
    }

    /// <summary>The area shrunk by the given margins.</summary>
    public PlotArea Inset(double left, double top, double right, double bottom)
        => new(X + left, Y + top, Math.Max(1, Width - left - right), Math.Max(1, Height - top - bottom));
}
