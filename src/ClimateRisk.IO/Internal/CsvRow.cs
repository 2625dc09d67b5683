namespace ClimateRisk.IO.Internal;

/// <summary>One CSV record: the line it starts on (1-based, for error messages) and its fields as read.</summary>
internal readonly record struct CsvRow(int Line, string[] Fields);
