namespace ClimateRisk.IO.Internal;

/// <summary>A structural fault of a CSV file found while splitting it into records: line, 0-based field of the record, the text found, what was expected.</summary>
internal readonly record struct CsvProblem(int Line, int FieldIndex, string Value, string Expected);
