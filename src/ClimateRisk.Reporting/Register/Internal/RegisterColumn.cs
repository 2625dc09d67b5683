namespace ClimateRisk.Reporting.Register.Internal;

/// <summary>One column of the register files: its header, its type and how to get it from a row.</summary>
/// <param name="Name">Header.</param>
/// <param name="Kind">Value type (decides CSV text, XLSX cell type and number format).</param>
/// <param name="Width">XLSX column width, characters.</param>
/// <param name="Value">The value: a string, an int or a double.</param>
internal sealed record RegisterColumn(string Name, RegisterCellKind Kind, double Width, Func<RegisterRow, object> Value);
