namespace ClimateRisk.IO;

/// <summary>Where one row of an input table comes from: its <c>source</c> column (docs/data.md).</summary>
/// <param name="File">Path of the file as given.</param>
/// <param name="Line">1-based line of the row.</param>
/// <param name="Key">The row's key: the values of the columns before the first numeric one (e.g. site id, or grid and year).</param>
/// <param name="Source">The citation or <c>assumption: …</c>.</param>
public sealed record DataSourceNote(string File, int Line, string Key, string Source);
