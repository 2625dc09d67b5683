using System.Runtime.Intrinsics;
using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// The kernel's index lists: the packed append (AVX-512's compress; a table of packed lane
/// numbers on four lanes) against the bit loop, for every mask of a register, at the start,
/// middle and end of a block's list (where the whole-register store would not fit and the loop
/// takes over).
/// </summary>
public class PathKernelListTests
{
    [Fact]
    public void Packed_append_lists_the_same_paths_in_the_same_order_as_the_bit_loop()
    {
        Check<Lanes128>();
        if (Vector256.IsHardwareAccelerated)
        {
            Check<Lanes256>();
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Check<Lanes512>();
        }
    }

    private static void Check<T>()
        where T : struct, ILanes<T>
    {
        var size = PathKernel.BlockSize;
        var lanes = 1u << T.Count;
        foreach (var length in new[] { 0, 1, 37, size - 9, size - 8, size - 7, size - T.Count })
        {
            for (var bits = 0u; bits < lanes; bits++)
            {
                if (length + System.Numerics.BitOperations.PopCount(bits) > size)
                {
                    continue; // more paths than a block holds
                }

                var i = size - T.Count;
                var expected = new int[size];
                var actual = new int[size];
                Array.Fill(expected, -7);
                Array.Fill(actual, -7);
                var expectedLength = PathKernel.Append(bits, i, expected, length);
                var actualLength = PathKernel.AppendPacked<T>(bits, i, actual, length);

                actualLength.Should().Be(length + System.Numerics.BitOperations.PopCount(bits));
                actualLength.Should().Be(expectedLength);

                // The entries written; past them the packed form may leave scratch, never past the list's end.
                actual.AsSpan(0, actualLength).ToArray().Should().Equal(expected.AsSpan(0, expectedLength).ToArray(), "bits {0:b}, length {1}", bits, length);
            }
        }
    }
}
