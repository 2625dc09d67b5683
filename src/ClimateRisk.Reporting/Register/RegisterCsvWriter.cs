using System.Text;
using ClimateRisk.Reporting.Register.Internal;

namespace ClimateRisk.Reporting.Register;

/// <summary>Writes the register as CSV: UTF-8 without BOM, LF, invariant culture, one header row.</summary>
public static class RegisterCsvWriter
{
    /// <summary>Writes <paramref name="register"/> to <paramref name="writer"/>.</summary>
    public static void Write(RiskRegister register, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(writer);
        var columns = RegisterTable.Columns(register);
        writer.Write(string.Join(',', columns.Select(c => Field(c.Name))) + "\n");
        foreach (var row in register.Rows)
        {
            writer.Write(string.Join(',', columns.Select(c => Field(RegisterTable.Text(c.Value(row))))) + "\n");
        }
    }

    /// <summary>Writes <paramref name="register"/> to the file <paramref name="path"/>.</summary>
    public static void Write(RiskRegister register, string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        Write(register, writer);
    }

    private static string Field(string text)
        => text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
