using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Tests.Distributions;

namespace ClimateRisk.Core.Tests.Numerics;

/// <summary>
/// <see cref="VectorMath"/> against correctly rounded mpmath values (60 digits;
/// tests/reference/make_vector_math_references.py), and its span, register-width and scalar
/// forms against each other bit for bit.
/// </summary>
public class VectorMathTests
{
    private static readonly double[] Specials =
    [
        0.0, -0.0, 1.0, -1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon,
        1e-310, 2.2250738585072014e-308, double.MaxValue, -double.MaxValue, 705.0, -705.0, 705.0000000000001, 709.8, -745.2, -746, 710,
    ];

    public static TheoryData<string> Functions => ["exp", "log"];

    private static IReadOnlyList<Dictionary<string, double>> Rows(string function) => ReferenceCsv.Read($"vector_{function}.csv");

    private static double Scalar(string function, double x) => function == "exp" ? VectorMath.Exp(x) : VectorMath.Log(x);

    private static void Span(string function, ReadOnlySpan<double> x, Span<double> destination)
    {
        if (function == "exp")
        {
            VectorMath.Exp(x, destination);
        }
        else
        {
            VectorMath.Log(x, destination);
        }
    }

    [Fact]
    public void Exp_is_within_one_ulp_of_the_correctly_rounded_value_from_minus_745_to_709_8_including_subnormal_results()
    {
        // Stated bound: 1 ulp (for subnormal results, one unit of the subnormal spacing).
        var rows = Rows("exp");
        var x = rows.Select(r => r["x"]).ToArray();
        var actual = new double[x.Length];
        VectorMath.Exp(x, actual);
        var worst = rows.Select((r, i) => LaneHarness.Ulps(actual[i], r["expected"])).Max();
        worst.Should().BeLessThanOrEqualTo(1);
        rows.Count(r => r["expected"] < 2.2250738585072014e-308).Should().BeGreaterThan(100, "the subnormal edge is covered");
    }

    [Fact]
    public void Log_is_within_one_ulp_of_the_correctly_rounded_value_from_the_smallest_subnormal_to_the_largest_double()
    {
        // Stated bound: 1 ulp.
        var rows = Rows("log");
        var x = rows.Select(r => r["x"]).ToArray();
        var actual = new double[x.Length];
        VectorMath.Log(x, actual);
        var worst = rows.Select((r, i) => LaneHarness.Ulps(actual[i], r["expected"])).Max();
        worst.Should().BeLessThanOrEqualTo(1);
        x.Min().Should().Be(double.Epsilon);
        x.Max().Should().Be(double.MaxValue);
    }

    [Fact]
    public void Special_values_follow_ieee_754()
    {
        VectorMath.Exp(double.NegativeInfinity).Should().Be(0.0);
        VectorMath.Exp(double.PositiveInfinity).Should().Be(double.PositiveInfinity);
        VectorMath.Exp(709.79).Should().Be(double.PositiveInfinity);
        VectorMath.Exp(-745.2).Should().Be(0.0);
        VectorMath.Exp(0.0).Should().Be(1.0);
        VectorMath.Exp(double.NaN).Should().Be(double.NaN);
        VectorMath.Log(0.0).Should().Be(double.NegativeInfinity);
        VectorMath.Log(-0.0).Should().Be(double.NegativeInfinity);
        VectorMath.Log(-1e-300).Should().Be(double.NaN);
        VectorMath.Log(double.NegativeInfinity).Should().Be(double.NaN);
        VectorMath.Log(double.PositiveInfinity).Should().Be(double.PositiveInfinity);
        VectorMath.Log(1.0).Should().Be(0.0);
        VectorMath.Log(double.NaN).Should().Be(double.NaN);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Every_span_length_0_to_67_at_every_alignment_gives_the_scalar_bits(string function)
    {
        var pool = LaneHarness.Mixed(Rows(function).Select(r => r["x"]).Take(400), Specials);
        LaneHarness.AssertSpanEqualsScalarAtEveryLengthAndAlignment(function, pool, (x, d) => Span(function, x, d), x => Scalar(function, x));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_512_256_and_128_bit_registers_give_the_same_bits(string function)
    {
        var x = LaneHarness.Mixed(Rows(function).Select(r => r["x"]), Specials);
        double[] w512, w256, w128;
        if (function == "exp")
        {
            (w512, w256, w128) = (LaneHarness.Apply<Lanes512>(VectorMath.Exp, x), LaneHarness.Apply<Lanes256>(VectorMath.Exp, x), LaneHarness.Apply<Lanes128>(VectorMath.Exp, x));
        }
        else
        {
            (w512, w256, w128) = (LaneHarness.Apply<Lanes512>(VectorMath.Log, x), LaneHarness.Apply<Lanes256>(VectorMath.Log, x), LaneHarness.Apply<Lanes128>(VectorMath.Log, x));
        }

        w256.Select(BitConverter.DoubleToInt64Bits).Should().Equal(w512.Select(BitConverter.DoubleToInt64Bits));
        w128.Select(BitConverter.DoubleToInt64Bits).Should().Equal(w512.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void In_place_is_allowed_and_a_short_or_partially_overlapping_destination_is_refused(string function)
    {
        var x = Rows(function).Select(r => r["x"]).Take(37).ToArray();
        var expected = x.Select(v => Scalar(function, v)).ToArray();
        Span(function, x, x);
        x.Should().Equal(expected);

        var buffer = new double[40];
        var shortDestination = () => Span(function, new double[10], new double[9]);
        shortDestination.Should().Throw<ArgumentException>().WithMessage("Destination holds 9 values, need 10*");
        var overlap = () => Span(function, buffer.AsSpan(0, 20), buffer.AsSpan(1, 20));
        overlap.Should().Throw<ArgumentException>().WithMessage("*partially overlaps*");
    }
}
