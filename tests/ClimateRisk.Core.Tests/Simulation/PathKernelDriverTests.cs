using System.Runtime.Intrinsics;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// The block kernel's piecewise-linear lookup on lanes (the heavy-precipitation multiplier of the
/// path drivers) against <see cref="PiecewiseLinear.At"/>, bit for bit, on every register width:
/// on and next to the knots, inside, beyond both ends with and without right extrapolation, one
/// and two knots, sixteen and seventeen (the most the permuted form takes, and one more), ±∞ and
/// NaN; with the knots for permutes (<see cref="PathKernel.Knots16"/>) and without. The driver arithmetic around it is checked by PathKernelTests
/// (block kernel against the scalar one).
/// </summary>
public class PathKernelDriverTests
{
    public static TheoryData<string> Curves() => ["one", "two", "five", "five-extrapolated", "ipcc-like-extrapolated", "sixteen", "seventeen-extrapolated"];

    [Theory]
    [MemberData(nameof(Curves))]
    public void Lanes_give_the_scalar_lookup_bit_for_bit(string name)
    {
        var curve = name switch
        {
            "one" => new PiecewiseLinear([1.5], [1.2]),
            "two" => new PiecewiseLinear([0, 4], [1, 1.3]),
            "five" => new PiecewiseLinear([0, 1, 1.5, 2, 4], [1, 1.07, 1.105, 1.14, 1.3]),
            "five-extrapolated" => new PiecewiseLinear([0, 1, 1.5, 2, 4], [1, 1.07, 1.105, 1.14, 1.3], extrapolateRight: true),
            "sixteen" => Steps(16, extrapolateRight: false),
            "seventeen-extrapolated" => Steps(17, extrapolateRight: true),
            _ => new PiecewiseLinear([-0.5, 0.3, 1.1, 2.0, 3.3, 4.4], [0.9, 1.0, 1.0712, 1.1399, 1.2803, 1.4187], extrapolateRight: true),
        };
        var xs = new List<double> { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, -100, 100 };
        if (curve.X.Length == 1)
        {
            // The scalar lookup of a one-knot curve has no segment for NaN (it throws); the
            // kernel's warming is never NaN.
            xs.Remove(double.NaN);
        }

        foreach (var knot in curve.X)
        {
            xs.AddRange([knot, Math.BitDecrement(knot), Math.BitIncrement(knot)]);
        }

        var random = new System.Random(3);
        for (var n = 0; n < 5_000; n++)
        {
            xs.Add(-2 + (9 * random.NextDouble()));
        }

        var knotCount = curve.X.Length;
        (PathKernel.Knots16(curve) is null).Should().Be(knotCount > 16);
        foreach (var knots in new[] { null, PathKernel.Knots16(curve) })
        {
            Check<Lanes128>(curve, xs, knots);
            if (Vector256.IsHardwareAccelerated)
            {
                Check<Lanes256>(curve, xs, knots);
            }

            if (Vector512.IsHardwareAccelerated)
            {
                Check<Lanes512>(curve, xs, knots);
            }
        }
    }

    /// <summary>A curve of <paramref name="knots"/> knots 0.3 °C apart, rising unevenly.</summary>
    private static PiecewiseLinear Steps(int knots, bool extrapolateRight)
        => new(
            Enumerable.Range(0, knots).Select(k => -0.7 + (0.3 * k)).ToArray(),
            Enumerable.Range(0, knots).Select(k => 1 + (0.05 * k) + (0.01 * (k % 3))).ToArray(),
            extrapolateRight);

    private static void Check<T>(PiecewiseLinear curve, List<double> xs, double[]? knots)
        where T : struct, ILanes<T>
    {
        var lanes = new double[T.Count];
        var result = new double[T.Count];
        for (var start = 0; start + T.Count <= xs.Count; start++)
        {
            xs.CopyTo(start, lanes, 0, T.Count);
            T.Store(PathKernel.At(curve, T.Load(in lanes[0], 0), knots), ref result[0], 0);
            for (var l = 0; l < T.Count; l++)
            {
                BitConverter.DoubleToInt64Bits(result[l]).Should().Be(BitConverter.DoubleToInt64Bits(curve.At(lanes[l])), "x = {0:R}", lanes[l]);
            }
        }
    }
}
