using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// The block extremes the tail bounds take (<see cref="PathKernel.Range"/>, whose largest is also
/// the highest sea level, and <see cref="PathKernel.LargestPositive"/>), which run on
/// registers, against the scalar loops they replaced (Math.Max and Math.Min in path order), bit
/// for bit: every length from 0 to a block and past it, with NaN, ±0, ±∞, zero and negative values
/// dropped in at every position of a register and of the tail.
/// </summary>
public class PathKernelExtremeTests
{
    public static TheoryData<double> Specials() => [double.NaN, 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, -1.5, 1e308];

    [Theory]
    [MemberData(nameof(Specials))]
    public void Extremes_on_registers_are_the_scalar_loops_bit_for_bit(double special)
    {
        var random = new System.Random(11);
        foreach (var length in Enumerable.Range(0, 40).Concat([63, 64, 65, 255, 256, 257]))
        {
            var values = Enumerable.Range(0, length).Select(_ => 0.5 + (3 * random.NextDouble())).ToArray();
            Check(values);
            for (var at = 0; at < length; at++)
            {
                var withSpecial = (double[])values.Clone();
                withSpecial[at] = special;
                Check(withSpecial);
            }
        }
    }

    [Fact]
    public void Signed_zeros_give_the_scalar_sign_in_any_order()
    {
        // The IEEE maximum puts +0 above −0 and the minimum −0 below +0, whichever comes first.
        foreach (var first in new[] { 0.0, -0.0 })
        {
            var values = Enumerable.Range(0, 24).Select(i => i % 2 == 0 ? first : -first).ToArray();
            Check(values);
        }
    }

    private static void Check(double[] values)
    {
        var (smallest, largest) = PathKernel.Range(values);
        var (scalarSmallest, scalarLargest) = ScalarRange(values);
        Bits(smallest).Should().Be(Bits(scalarSmallest), "Range's smallest of {0} values", values.Length);
        Bits(largest).Should().Be(Bits(scalarLargest), "Range's largest of {0} values", values.Length);
        var positive = PathKernel.LargestPositive(values);
        var scalarPositive = ScalarLargestPositive(values);
        if (double.IsNaN(scalarPositive))
        {
            double.IsNaN(positive).Should().BeTrue("LargestPositive of {0} values", values.Length);
        }
        else
        {
            Bits(positive).Should().Be(Bits(scalarPositive), "LargestPositive of {0} values", values.Length);
        }

        // Each width's registers, whichever the machine runs (the other in software), then the tail.
        CheckWidth<Lanes256>(values, scalarSmallest, scalarLargest, scalarPositive);
        CheckWidth<Lanes512>(values, scalarSmallest, scalarLargest, scalarPositive);
    }

    private static void CheckWidth<T>(double[] values, double scalarSmallest, double scalarLargest, double scalarPositive)
        where T : struct, ILanes<T>
    {
        var smallest = double.PositiveInfinity;
        var largest = double.NegativeInfinity;
        for (var p = PathKernel.RangeRegisters<T>(values, ref smallest, ref largest); p < values.Length; p++)
        {
            smallest = Math.Min(smallest, values[p]);
            largest = Math.Max(largest, values[p]);
        }

        Bits(smallest).Should().Be(Bits(scalarSmallest), "{0}'s smallest of {1} values", typeof(T).Name, values.Length);
        Bits(largest).Should().Be(Bits(scalarLargest), "{0}'s largest of {1} values", typeof(T).Name, values.Length);

        var positive = 0.0;
        var done = PathKernel.LargestPositiveRegisters<T>(values, ref positive);
        if (done >= 0)
        {
            foreach (var v in values.AsSpan(done))
            {
                positive = v > 0 && double.IsFinite(v) ? Math.Max(positive, v) : double.NaN;
                if (double.IsNaN(positive))
                {
                    break;
                }
            }
        }

        if (double.IsNaN(scalarPositive))
        {
            (done < 0 || double.IsNaN(positive)).Should().BeTrue("{0}'s LargestPositive of {1} values", typeof(T).Name, values.Length);
        }
        else
        {
            done.Should().BeGreaterThanOrEqualTo(0);
            Bits(positive).Should().Be(Bits(scalarPositive), "{0}'s LargestPositive of {1} values", typeof(T).Name, values.Length);
        }
    }

    private static long Bits(double x) => double.IsNaN(x) ? long.MinValue : BitConverter.DoubleToInt64Bits(x);

    // The loops the kernel had before (PathKernel.Tails.cs, until the twenty-eighth performance session;
    // its Highest was ScalarRange's largest).
    private static (double, double) ScalarRange(double[] values)
    {
        var smallest = double.PositiveInfinity;
        var largest = double.NegativeInfinity;
        foreach (var i in values)
        {
            smallest = Math.Min(smallest, i);
            largest = Math.Max(largest, i);
        }

        return (smallest, largest);
    }

    private static double ScalarLargestPositive(double[] values)
    {
        var largest = 0.0;
        foreach (var v in values)
        {
            if (!(v > 0) || !double.IsFinite(v))
            {
                return double.NaN;
            }

            largest = Math.Max(largest, v);
        }

        return largest;
    }
}
