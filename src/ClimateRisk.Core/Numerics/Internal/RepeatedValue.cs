using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Numerics.Internal;

/// <summary>
/// Whether a span is one value repeated, bit for bit: the kernel's test for a row it need not
/// store (<c>PathKernel.StoreEntity</c>) and a shard's for a cell it can settle unread
/// (<c>PartialCell.From</c>).
/// </summary>
internal static class RepeatedValue
{
    /// <summary>
    /// Whether <paramref name="values"/> is not empty and every value has the bits of the first,
    /// <paramref name="valueBits"/>, which is not NaN (a NaN cell is summarised by sorting and
    /// refused by the sketch, so it is always stored and read).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryGetBits(ReadOnlySpan<double> values, out long valueBits)
    {
        if (values.IsEmpty)
        {
            valueBits = 0;
            return false;
        }

        valueBits = BitConverter.DoubleToInt64Bits(values[0]);
        if (double.IsNaN(values[0]))
        {
            return false;
        }

        var bits = System.Runtime.InteropServices.MemoryMarshal.Cast<double, ulong>(values);
        var first = bits[0];
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Most rows that are not repeated show it in their first values: stop there rather
            // than compare the whole row (the kernel's whole-row check took 2.6 % of a run's samples).
            var repeated = Vector512.Create(first);
            for (; i <= bits.Length - (2 * Vector512<ulong>.Count); i += 2 * Vector512<ulong>.Count)
            {
                if (((Vector512.Create<ulong>(bits[i..]) ^ repeated) | (Vector512.Create<ulong>(bits[(i + Vector512<ulong>.Count)..]) ^ repeated)) != Vector512<ulong>.Zero)
                {
                    return false;
                }
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var repeated = Vector256.Create(first);
            for (; i <= bits.Length - Vector256<ulong>.Count; i += Vector256<ulong>.Count)
            {
                if ((Vector256.Create<ulong>(bits[i..]) ^ repeated) != Vector256<ulong>.Zero)
                {
                    return false;
                }
            }
        }

        for (; i < bits.Length; i++)
        {
            if (bits[i] != first)
            {
                return false;
            }
        }

        return true;
    }
}
