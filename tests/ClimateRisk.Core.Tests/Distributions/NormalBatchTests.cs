using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Distributions;

namespace ClimateRisk.Core.Tests.Distributions;

public class NormalBatchTests
{
    /// <summary>Central and tail probabilities, the region boundaries and their neighbours, the extremes and non-probabilities.</summary>
    private static double[] Probe(int length, int seed)
    {
        var special = new[]
        {
            0.075, 0.925, Math.BitDecrement(0.075), Math.BitIncrement(0.075), Math.BitDecrement(0.925), Math.BitIncrement(0.925),
            0.5, Math.BitIncrement(0.5), Math.BitDecrement(0.5), 1e-300, 1 - 1e-16, Math.BitDecrement(1.0), double.Epsilon, 1e-11, 1.4e-11,
            0.0, 1.0, double.NaN, -0.25, 1.5, double.NegativeInfinity, double.PositiveInfinity,
        };
        var random = new System.Random(seed);
        var p = new double[length];
        for (var i = 0; i < length; i++)
        {
            p[i] = random.Next(4) switch
            {
                0 => special[random.Next(special.Length)],
                1 => Math.Exp(-700 * random.NextDouble()), // tails down to 1e-304
                _ => random.NextDouble(),
            };
        }

        return p;
    }

    [Fact]
    public void InvCdf_equals_the_scalar_function_bit_for_bit_on_every_length_to_257()
    {
        for (var length = 0; length <= 257; length++)
        {
            var p = Probe(length, length);
            var destination = new double[length + 1];
            NormalBatch.InvCdf(p, destination.AsSpan(1, length));
            for (var i = 0; i < length; i++)
            {
                Bits(destination[1 + i]).Should().Be(Bits(StandardNormal.InvCdfUnchecked(p[i])), "p = {0:R} at {1} of {2}", p[i], i, length);
            }
        }
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4099)]
    public void InvCdf_equals_the_scalar_function_across_internal_chunks(int length)
    {
        var p = Probe(length, length);
        var destination = new double[length];
        NormalBatch.InvCdf(p, destination);
        for (var i = 0; i < length; i++)
        {
            Bits(destination[i]).Should().Be(Bits(StandardNormal.InvCdfUnchecked(p[i])), "p = {0:R} at {1}", p[i], i);
        }

        // All lanes central, then all lanes in the far tail (the s > 5 rational), in place.
        foreach (var value in new[] { 0.3, 1e-200 })
        {
            var values = Enumerable.Repeat(value, length).ToArray();
            NormalBatch.InvCdf(values, values);
            values.Should().OnlyContain(x => Bits(x) == Bits(StandardNormal.InvCdfUnchecked(value)));
        }
    }

    [Fact]
    public void InvCdf_in_place_equals_the_scalar_function()
    {
        for (var length = 0; length <= 257; length += 3)
        {
            var p = Probe(length, 1000 + length);
            var values = (double[])p.Clone();
            NormalBatch.InvCdf(values, values);
            for (var i = 0; i < length; i++)
            {
                Bits(values[i]).Should().Be(Bits(StandardNormal.InvCdfUnchecked(p[i])), "p = {0:R}", p[i]);
            }
        }
    }

    [Fact]
    public void The_scalar_fallback_equals_the_scalar_function()
    {
        var p = Probe(257, 7);
        var destination = new double[257];
        NormalBatch.InvCdfScalar(p, destination);
        for (var i = 0; i < p.Length; i++)
        {
            Bits(destination[i]).Should().Be(Bits(StandardNormal.InvCdfUnchecked(p[i])));
        }
    }

    [Fact]
    public void Extreme_uniforms_give_the_scalar_values_in_every_lane()
    {
        foreach (var extreme in new[] { 1e-300, 1 - 1e-16, 0.5, 0.075, 0.925 })
        {
            for (var lane = 0; lane < 8; lane++)
            {
                var p = Enumerable.Repeat(0.3, 8).ToArray();
                p[lane] = extreme;
                var destination = new double[8];
                NormalBatch.InvCdf(p, destination);
                Bits(destination[lane]).Should().Be(Bits(StandardNormal.InvCdfUnchecked(extreme)));
                Bits(destination[(lane + 1) % 8]).Should().Be(Bits(StandardNormal.InvCdfUnchecked(0.3)));
            }
        }
    }

    [Fact]
    public void Spans_are_checked_once()
    {
        var act = () => NormalBatch.InvCdf(new double[5], new double[4]);
        act.Should().Throw<ArgumentException>();
        var shared = new double[10];
        var overlap = () => NormalBatch.InvCdf(shared.AsSpan(0, 8), shared.AsSpan(1, 8));
        overlap.Should().Throw<ArgumentException>();
        NormalBatch.InvCdf(ReadOnlySpan<double>.Empty, Span<double>.Empty);
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    /// <summary>Arguments of Φ: every erfc interval from both sides, its boundaries to the ulp, and the special values.</summary>
    private static double[] CdfProbe(int length, int seed)
    {
        const double SqrtHalf = 0.70710678118654752440084436210485;
        var boundaries = new[] { 1e-10, 0.5, 0.75, 1.25, 2.25, 3.5, 5.25, 8, 11.5, 17, 24, 38, 60, 85, 110 };
        var special = new List<double> { 0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-300, -1e-300, 1e300, -1e300, double.Epsilon };
        foreach (var b in boundaries)
        {
            foreach (var sign in new[] { -1.0, 1.0 })
            {
                // x with z = −x/√2 at the boundary, and its neighbours: the rounding of −x·(1/√2)
                // decides the interval, so walk a few ulps both ways.
                var x = sign * b / SqrtHalf;
                for (var k = 0; k < 6; k++)
                {
                    special.Add(x);
                    special.Add(Math.BitDecrement(x));
                    special.Add(Math.BitIncrement(x));
                    x = k % 2 == 0 ? Math.BitIncrement(x) : Math.BitDecrement(Math.BitDecrement(x));
                }
            }
        }

        var random = new System.Random(seed);
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = random.Next(5) switch
            {
                0 => special[random.Next(special.Count)],
                1 => 320 * (random.NextDouble() - 0.5),
                _ => StandardNormal.InvCdf((random.NextDouble() * 0.999999) + 5e-7) * (1 + random.Next(3)),
            };
        }

        return values;
    }

    [Fact]
    public void Cdf_equals_the_scalar_function_bit_for_bit_on_every_length_to_257()
    {
        for (var length = 0; length <= 257; length++)
        {
            var x = CdfProbe(length, length);
            var destination = new double[length + 1];
            NormalBatch.Cdf(x, destination.AsSpan(1, length));
            for (var i = 0; i < length; i++)
            {
                Bits(destination[1 + i]).Should().Be(Bits(StandardNormal.Cdf(x[i])), "x = {0:R} at {1} of {2}", x[i], i, length);
            }
        }
    }

    [Fact]
    public void Cdf_equals_the_scalar_function_on_a_dense_sweep_and_in_place()
    {
        // Every erfc interval many times over, plus the boundary walks, across chunk boundaries.
        var x = CdfProbe(300_000, 99);
        for (var i = 0; i < 100_000; i++)
        {
            x[i] = -160 + (320.0 * i / 100_000);
        }

        var expected = x.Select(StandardNormal.Cdf).ToArray();
        NormalBatch.Cdf(x, x);
        var mismatches = Enumerable.Range(0, x.Length).Count(i => Bits(x[i]) != Bits(expected[i]));
        mismatches.Should().Be(0);
    }

    [Fact]
    public void The_scalar_cdf_fallback_equals_the_scalar_function()
    {
        var x = CdfProbe(257, 3);
        var destination = new double[257];
        NormalBatch.CdfScalar(x, destination);
        for (var i = 0; i < x.Length; i++)
        {
            Bits(destination[i]).Should().Be(Bits(StandardNormal.Cdf(x[i])));
        }
    }
}
