using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Tests.Numerics.Internal;

/// <summary>
/// <see cref="ILanes{TSelf}.Lookup16"/> in every width against the table read by index: every j
/// in 0–15 in every lane, in the shifter form 2⁵² + j the callers use, over a table whose
/// entries are all different (signs, a zero, a subnormal, ±∞) so a wrong quarter or a wrong
/// half of a pair shows. Lanes512 permutes where AVX-512 runs; Lanes256 and Lanes128 read the
/// entries one by one (a permute-and-blend form for AVX2 was slower on a Zen 3:
/// docs/performance.md, twenty-ninth session).
/// </summary>
public class LanesLookupTests
{
    private static readonly double[] Table =
    [
        -3.5, 0.0, 1e-310, 2.25, -0.125, 7.0, double.PositiveInfinity, -1e300,
        4.5, double.NegativeInfinity, 0.1, -6.75, 1e-5, 123456.789, -0.0, 9.0,
    ];

    [Fact]
    public void Every_index_in_every_lane_reads_its_entry_in_every_width()
    {
        Check<Lanes128>();
        Check<Lanes256>();
        Check<Lanes512>();
    }

    /// <summary><see cref="ILanes{TSelf}.GatherListed"/> against the table read by the list, from every start in a list with repeats.</summary>
    [Fact]
    public void A_listed_gather_reads_the_listed_entries_in_every_width()
    {
        CheckListed<Lanes128>();
        CheckListed<Lanes256>();
        CheckListed<Lanes512>();
    }

    private static void CheckListed<T>()
        where T : struct, ILanes<T>
    {
        int[] list = [15, 0, 3, 3, 9, 14, 1, 6, 12, 2, 7, 7, 11, 5, 10, 4, 8, 13, 0, 15];
        var result = new double[T.Count];
        for (var start = 0; start + T.Count <= list.Length; start++)
        {
            T.Store(T.GatherListed(in Table[0], in list[start]), ref result[0], 0);
            for (var lane = 0; lane < T.Count; lane++)
            {
                BitConverter.DoubleToInt64Bits(result[lane]).Should().Be(BitConverter.DoubleToInt64Bits(Table[list[start + lane]]), $"{typeof(T).Name} from {start}, lane {lane}");
            }
        }
    }

    private static void Check<T>()
        where T : struct, ILanes<T>
    {
        var lanes = T.Count;
        var index = new double[lanes];
        var result = new double[lanes];
        for (var rotation = 0; rotation < 16; rotation++)
        {
            for (var lane = 0; lane < lanes; lane++)
            {
                // Every lane sees every j over the rotations, next to different neighbours.
                index[lane] = 4503599627370496.0 + ((rotation + (5 * lane)) % 16);
            }

            T.Store(T.Lookup16(in Table[0], T.Load(in index[0], 0)), ref result[0], 0);
            for (var lane = 0; lane < lanes; lane++)
            {
                var j = (rotation + (5 * lane)) % 16;
                BitConverter.DoubleToInt64Bits(result[lane]).Should().Be(BitConverter.DoubleToInt64Bits(Table[j]), $"{typeof(T).Name} lane {lane}, j = {j}");
            }
        }
    }
}
