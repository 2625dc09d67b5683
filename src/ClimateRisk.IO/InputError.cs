namespace ClimateRisk.IO;

/// <summary>One problem with an input file: where it is, what was found, what was expected.</summary>
/// <param name="File">Path of the file as given.</param>
/// <param name="Line">1-based line (0 when the problem is the file as a whole).</param>
/// <param name="Field">Column or key.</param>
/// <param name="Value">The value found (empty when missing).</param>
/// <param name="Expected">What would have been valid.</param>
public sealed record InputError(string File, int Line, string Field, string Value, string Expected)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        var what = string.IsNullOrEmpty(Field) ? string.Empty : $" {Field}";
        return $"{where}:{what} '{Value}': expected {Expected}";
    }
}
