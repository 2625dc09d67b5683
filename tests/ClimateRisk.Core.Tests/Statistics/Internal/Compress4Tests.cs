using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ClimateRisk.Core.Statistics.Internal;

namespace ClimateRisk.Core.Tests.Statistics.Internal;

/// <summary>
/// <see cref="Compress4"/> against the definition of a compress: for each of the 16 masks the
/// kept lanes, in lane order, at the given count, the count advanced by how many were kept, and
/// nothing written before the count. Runs where AVX2 does (the selection's tests cover its use).
/// </summary>
public class Compress4Tests
{
    [Fact]
    public void Every_mask_keeps_its_lanes_in_order()
    {
        if (!Avx2.IsSupported)
        {
            return;
        }

        var v = Vector256.Create(1.5, -2.0, 3e300, double.Epsilon);
        for (var mask = 0; mask < 16; mask++)
        {
            var keep = Vector256.Create(
                (mask & 1) != 0 ? -1L : 0L,
                (mask & 2) != 0 ? -1L : 0L,
                (mask & 4) != 0 ? -1L : 0L,
                (mask & 8) != 0 ? -1L : 0L).AsDouble();
            var destination = new double[12];
            Array.Fill(destination, double.NaN);
            var count = Compress4.Store(v, keep, ref destination[0], 3);
            var expected = Enumerable.Range(0, 4).Where(lane => (mask & (1 << lane)) != 0).Select(lane => v[lane]).ToArray();
            count.Should().Be(3 + expected.Length, $"mask {mask}");
            destination[..3].Should().OnlyContain(x => double.IsNaN(x), "nothing before the count");
            destination[3..count].Should().Equal(expected, $"mask {mask}");
        }
    }
}
