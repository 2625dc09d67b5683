using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Tests.Distributions;

namespace ClimateRisk.Core.Tests.Numerics;

/// <summary>
/// <see cref="VectorNormal"/> against correctly rounded mpmath values (60 digits;
/// tests/reference/make_vector_math_references.py), with the stated maximum errors, and its
/// span, register-width and scalar forms against each other bit for bit.
/// </summary>
public class VectorNormalTests
{
    /// <summary>
    /// Stated bound for Φ on [−38.5, 9]: 3 ulps of the correctly rounded value (in the subnormal
    /// spacing below 2.2e−308), the largest distance over the 4,059 reference points (at x ≈ −35.7;
    /// 5 at x ≈ −0.064 before |x| &lt; 4 had its own polynomials).
    /// Math.NET's Φ (<see cref="StandardNormal.Cdf"/>) reaches 1,851 ulps there (x ≈ −37.4, its
    /// rounded x/√2), SciPy's <c>ndtr</c> more (x ≈ −37.7).
    /// </summary>
    private const long CdfMaxUlps = 3;

    /// <summary>
    /// Stated bound for Φ on |x| &lt; 4, where it is a polynomial on each interval of ¼: 2 ulps over
    /// the 4,115 points of vector_normal_cdf_inner.csv (tests/reference/make_normal_inner_references.py,
    /// mpmath only), dense at the intervals' ends.
    /// </summary>
    private const long CdfInnerMaxUlps = 2;

    /// <summary>
    /// Stated bound for Φ⁻¹ on [1e−300, 1 − 1.1e−16]: 4 ulps, the largest distance over the 3,012
    /// reference points; AS 241 with libm's log (<see cref="StandardNormal.InvCdfUnchecked"/>)
    /// also reaches 4, SciPy's <c>ndtri</c> 3.
    /// </summary>
    private const long InvCdfMaxUlps = 4;

    /// <summary>
    /// Stated bound for Φ⁻¹ where min(p, 1 − p) ≥ 2⁻⁹, a polynomial on each half-binade: 4 ulps
    /// over the 4,000 points of vector_normal_ppf_inner.csv (tests/reference/make_normal_inner_references.py,
    /// mpmath only), dense at the half-binades' ends (at p ≈ 0.972, where g ≈ 4.04 has twice x's
    /// relative spacing); AS 241 with libm's log also reaches 4 there.
    /// </summary>
    private const long InvCdfInnerMaxUlps = 4;

    private static readonly double[] CdfSpecials = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -40, 40, -40.5, 1e300, -1e300, 1e-300];
    private static readonly double[] InvCdfSpecials = [0.0, 1.0, 0.5, 0.075, 0.925, 0.07500000000000001, double.NaN, -0.1, 1.1, double.Epsilon, 1e-300, 1.3e-11, 1.5e-11, double.PositiveInfinity];

    public static TheoryData<string> Functions => ["cdf", "ppf"];

    private static IReadOnlyList<Dictionary<string, double>> Rows(string function) => ReferenceCsv.Read($"vector_normal_{function}.csv");

    private static double Scalar(string function, double x) => function == "cdf" ? VectorNormal.Cdf(x) : VectorNormal.InvCdf(x);

    private static void Span(string function, ReadOnlySpan<double> x, Span<double> destination)
    {
        if (function == "cdf")
        {
            VectorNormal.Cdf(x, destination);
        }
        else
        {
            VectorNormal.InvCdf(x, destination);
        }
    }

    private static (long Worst, double At) MaxUlps(IReadOnlyList<Dictionary<string, double>> rows, Func<int, double> actual)
    {
        var worst = (Worst: -1L, At: double.NaN);
        for (var i = 0; i < rows.Count; i++)
        {
            var ulps = LaneHarness.Ulps(actual(i), rows[i]["expected"]);
            if (ulps > worst.Worst)
            {
                worst = (ulps, rows[i]["x"]);
            }
        }

        return worst;
    }

    [Fact]
    public void Cdf_is_within_the_stated_ulps_of_the_correctly_rounded_value_from_minus_38_5_to_9()
    {
        var rows = Rows("cdf");
        var x = rows.Select(r => r["x"]).ToArray();
        var actual = new double[x.Length];
        VectorNormal.Cdf(x, actual);
        var ours = MaxUlps(rows, i => actual[i]);
        var mathNet = MaxUlps(rows, i => StandardNormal.Cdf(x[i]));
        var scipy = MaxUlps(rows, i => rows[i]["scipy"]);
        ours.Worst.Should().BeLessThanOrEqualTo(CdfMaxUlps, $"VectorNormal.Cdf {ours}; for comparison StandardNormal.Cdf (Math.NET) {mathNet}, scipy.special.ndtr {scipy}");
    }

    [Fact]
    public void Cdf_is_within_the_stated_ulps_on_the_inner_intervals_and_at_their_ends()
    {
        var rows = ReferenceCsv.Read("vector_normal_cdf_inner.csv");
        var x = rows.Select(r => r["x"]).ToArray();
        var actual = new double[x.Length];
        VectorNormal.Cdf(x, actual);
        var ours = MaxUlps(rows, i => actual[i]);
        var mathNet = MaxUlps(rows, i => StandardNormal.Cdf(x[i]));
        ours.Worst.Should().BeLessThanOrEqualTo(CdfInnerMaxUlps, $"VectorNormal.Cdf {ours}; for comparison StandardNormal.Cdf (Math.NET) {mathNet}");
        x.Should().Contain([-4.0, 4.0, 0.25, -3.75]);
    }

    [Fact]
    public void InvCdf_is_within_the_stated_ulps_on_the_inner_half_binades_and_at_their_ends()
    {
        var rows = ReferenceCsv.Read("vector_normal_ppf_inner.csv");
        var p = rows.Select(r => r["x"]).ToArray();
        var actual = new double[p.Length];
        VectorNormal.InvCdf(p, actual);
        var ours = MaxUlps(rows, i => actual[i]);
        var as241 = MaxUlps(rows, i => StandardNormal.InvCdfUnchecked(p[i]));
        ours.Worst.Should().BeLessThanOrEqualTo(InvCdfInnerMaxUlps, $"VectorNormal.InvCdf {ours}; for comparison StandardNormal.InvCdfUnchecked (AS 241 with libm log) {as241}");
        p.Should().Contain([0.5, 1.0 / 512, 1 - (1.0 / 512), 0.375, 1.0 / 1024]);
    }

    [Fact]
    public void InvCdf_is_within_the_stated_ulps_of_the_correctly_rounded_value_from_1e_300_to_1_minus_1e_16()
    {
        var rows = Rows("ppf");
        var p = rows.Select(r => r["x"]).ToArray();
        var actual = new double[p.Length];
        VectorNormal.InvCdf(p, actual);
        var ours = MaxUlps(rows, i => actual[i]);
        var as241 = MaxUlps(rows, i => StandardNormal.InvCdfUnchecked(p[i]));
        var scipy = MaxUlps(rows, i => rows[i]["scipy"]);
        ours.Worst.Should().BeLessThanOrEqualTo(InvCdfMaxUlps, $"VectorNormal.InvCdf {ours}; for comparison StandardNormal.InvCdfUnchecked (AS 241 with libm log) {as241}, scipy.special.ndtri {scipy}");
        p.Min().Should().BeLessThanOrEqualTo(1e-300);
        p.Max().Should().BeGreaterThanOrEqualTo(1 - 1.2e-16);
    }

    [Fact]
    public void Special_values()
    {
        VectorNormal.Cdf(double.NegativeInfinity).Should().Be(0.0);
        VectorNormal.Cdf(double.PositiveInfinity).Should().Be(1.0);
        VectorNormal.Cdf(0.0).Should().Be(0.5);
        VectorNormal.Cdf(-40).Should().Be(0.0);
        VectorNormal.Cdf(9.5).Should().Be(1.0);
        VectorNormal.Cdf(double.NaN).Should().Be(double.NaN);
        VectorNormal.InvCdf(0.0).Should().Be(double.NegativeInfinity);
        VectorNormal.InvCdf(1.0).Should().Be(double.PositiveInfinity);
        VectorNormal.InvCdf(0.5).Should().Be(0.0);
        VectorNormal.InvCdf(-0.1).Should().Be(double.NaN);
        VectorNormal.InvCdf(1.1).Should().Be(double.NaN);
        VectorNormal.InvCdf(double.NaN).Should().Be(double.NaN);
    }

    [Fact]
    public void InvCdf_inverts_Cdf_within_rounding_over_the_central_and_tail_regions()
    {
        foreach (var z in new[] { -37.0, -20.0, -8.0, -3.0, -1.0, -0.3, 0.0, 0.3, 1.0, 3.0, 5.0 })
        {
            var p = VectorNormal.Cdf(z);
            var back = VectorNormal.InvCdf(p);
            Math.Abs(back - z).Should().BeLessThan(1e-12 * Math.Max(1, Math.Abs(z)) / Math.Max(1e-4, p < 0.5 ? 1 : 1 - p), $"z = {z}");
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Every_span_length_0_to_67_at_every_alignment_gives_the_scalar_bits(string function)
    {
        var pool = LaneHarness.Mixed(Rows(function).Select(r => r["x"]).Take(400), function == "cdf" ? CdfSpecials : InvCdfSpecials);
        LaneHarness.AssertSpanEqualsScalarAtEveryLengthAndAlignment(function, pool, (x, d) => Span(function, x, d), x => Scalar(function, x));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_512_256_and_128_bit_registers_give_the_same_bits(string function)
    {
        var x = LaneHarness.Mixed(Rows(function).Select(r => r["x"]), function == "cdf" ? CdfSpecials : InvCdfSpecials);
        double[] w512, w256, w128;
        if (function == "cdf")
        {
            (w512, w256, w128) = (LaneHarness.Apply<Lanes512>(VectorNormal.Cdf, x), LaneHarness.Apply<Lanes256>(VectorNormal.Cdf, x), LaneHarness.Apply<Lanes128>(VectorNormal.Cdf, x));
        }
        else
        {
            (w512, w256, w128) = (LaneHarness.Apply<Lanes512>(VectorNormal.InvCdf, x), LaneHarness.Apply<Lanes256>(VectorNormal.InvCdf, x), LaneHarness.Apply<Lanes128>(VectorNormal.InvCdf, x));
        }

        w256.Select(BitConverter.DoubleToInt64Bits).Should().Equal(w512.Select(BitConverter.DoubleToInt64Bits));
        w128.Select(BitConverter.DoubleToInt64Bits).Should().Equal(w512.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void A_span_of_thousands_across_chunks_gives_the_scalar_bits_in_place_and_not(string function)
    {
        var x = LaneHarness.Mixed(Rows(function).Select(r => r["x"]), function == "cdf" ? CdfSpecials : InvCdfSpecials);
        var expected = x.Select(v => BitConverter.DoubleToInt64Bits(Scalar(function, v))).ToArray();
        var destination = new double[x.Length];
        Span(function, x, destination);
        destination.Select(BitConverter.DoubleToInt64Bits).Should().Equal(expected);
        Span(function, x, x);
        x.Select(BitConverter.DoubleToInt64Bits).Should().Equal(expected);
    }

    /// <summary>
    /// The compacted Φ⁻¹ (tail lanes listed by compress stores on AVX-512, by element stores
    /// otherwise) for every pattern of tail lanes in a register of 8: 256 registers, one per
    /// pattern, then the same shifted by one to three lanes so the patterns straddle registers and
    /// the 256-value chunks; against the scalar call bit for bit, in place and not.
    /// </summary>
    [Fact]
    public void InvCdf_span_of_only_tail_lanes_empties_its_list_many_times_and_gives_the_scalar_bits()
    {
        // 10,000 tail lanes: the span's list (1,024) is emptied some ten times mid-span.
        var rng = new System.Random(1024);
        var x = Enumerable.Range(0, 10_003).Select(i => (i % 3) switch { 0 => 0.00195 * rng.NextDouble(), 1 => 1.0 - (0.00195 * rng.NextDouble()), _ => 1e-12 * rng.NextDouble() }).ToArray();
        var expected = x.Select(v => BitConverter.DoubleToInt64Bits(VectorNormal.InvCdf(v))).ToArray();
        var destination = new double[x.Length];
        VectorNormal.InvCdf(x, destination);
        destination.Select(BitConverter.DoubleToInt64Bits).Should().Equal(expected);
        VectorNormal.InvCdf(x, x);
        x.Select(BitConverter.DoubleToInt64Bits).Should().Equal(expected, "in place");
    }

    [Fact]
    public void InvCdf_span_gives_the_scalar_bits_for_every_pattern_of_tail_lanes()
    {
        var rng = new System.Random(256);
        for (var shift = 0; shift < 4; shift++)
        {
            var x = new double[shift + (256 * 8) + 3];
            for (var i = 0; i < x.Length; i++)
            {
                var pattern = (i - shift) / 8;
                var tail = i >= shift && pattern < 256 ? ((pattern >> ((i - shift) % 8)) & 1) == 1 : rng.NextDouble() < 0.5;

                // Tails (min(p, 1 − p) < 2⁻⁹) on both sides and the far tail (p < 1.4e−11) now and
                // then; the other lanes anywhere in [2⁻⁹, 1 − 2⁻⁹]. About 1,000 tail lanes a span,
                // so the tail list is also emptied in the middle of the span (above 768).
                x[i] = tail
                    ? (rng.Next(3) switch { 0 => 0.00195 * rng.NextDouble(), 1 => 1.0 - (0.00195 * rng.NextDouble()), _ => 1e-12 * rng.NextDouble() })
                    : 0.001953125 + (0.99609375 * rng.NextDouble());
            }

            var expected = x.Select(v => BitConverter.DoubleToInt64Bits(VectorNormal.InvCdf(v))).ToArray();
            var destination = new double[x.Length];
            VectorNormal.InvCdf(x, destination);
            destination.Select(BitConverter.DoubleToInt64Bits).Should().Equal(expected, "shift {0}", shift);
            VectorNormal.InvCdf(x, x);
            x.Select(BitConverter.DoubleToInt64Bits).Should().Equal(expected, "in place, shift {0}", shift);
        }
    }
}
