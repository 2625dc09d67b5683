using System.Runtime.InteropServices;

namespace ClimateRisk.Core.Numerics.Internal;

/// <summary>
/// Constant tables of doubles copied once into native memory on a 64-byte line, for tables read
/// a register at a time (<see cref="ILanes{TSelf}.Lookup16"/> loads two 64-byte rows per
/// coefficient). Never freed: a table lives as long as the process.
/// </summary>
/// <remarks>
/// Why: a table written as a <c>ReadOnlySpan&lt;double&gt;</c> literal lies in the assembly's data
/// with 8-byte alignment, wherever the build puts it; when it fell 16 bytes into a line, every
/// row load spanned two lines. The address is returned as a pointer so that a
/// <c>static readonly</c> field holds it: the JIT reads such a field as a constant once the class
/// is initialised (a managed array would cost three dependent loads a use — measured slower,
/// sixteenth performance session).
/// </remarks>
internal static class LineTable
{
    /// <summary>A copy of <paramref name="values"/> starting on a 64-byte line.</summary>
    public static unsafe double* Create(ReadOnlySpan<double> values)
    {
        var table = (double*)NativeMemory.AlignedAlloc((nuint)(values.Length * sizeof(double)), 64);
        values.CopyTo(new Span<double>(table, values.Length));
        return table;
    }
}
