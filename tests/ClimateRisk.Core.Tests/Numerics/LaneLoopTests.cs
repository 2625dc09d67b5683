using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Tests.Numerics;

/// <summary>LaneLoop's constant operations: the scalar expression's bits at every length and offset, and the span rules.</summary>
public class LaneLoopTests
{
    private static double[] Values(int count, int seed)
    {
        var random = new System.Random(seed);
        var x = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Ordinary values beside −0, subnormals, ±∞ and NaN.
            x[i] = (i % 11) switch
            {
                0 => -0.0,
                1 => double.Epsilon * (i + 1),
                2 => double.PositiveInfinity,
                3 => double.NaN,
                _ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-8, 9)),
            };
        }

        return x;
    }

    [Fact]
    public void Multiply_and_Divide_give_the_scalar_operations_bits_at_every_length_and_offset()
    {
        foreach (var c in new[] { 92.0, -1.0, 0.7, 3.0e-300 })
        {
            for (var length = 0; length <= 35; length++)
            {
                for (var offset = 0; offset < 3; offset++)
                {
                    var x = Values(length + offset, length * 7 + offset).AsSpan(offset);
                    var product = new double[length];
                    var quotient = new double[length];
                    LaneLoop.Multiply(c, x, product);
                    LaneLoop.Divide(x, c, quotient);
                    for (var i = 0; i < length; i++)
                    {
                        BitConverter.DoubleToInt64Bits(product[i]).Should().Be(BitConverter.DoubleToInt64Bits(x[i] * c), $"{c} · x[{i}] of {length}");
                        BitConverter.DoubleToInt64Bits(quotient[i]).Should().Be(BitConverter.DoubleToInt64Bits(x[i] / c), $"x[{i}] / {c} of {length}");
                    }
                }
            }
        }
    }

    [Fact]
    public void A_padded_tail_holds_the_remainder_then_its_last_element_and_goes_back_to_its_place()
    {
        if (!System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            return;
        }

        var width = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? 8 : 4;
        var x = Enumerable.Range(0, 20).Select(i => 1.5 * i).ToArray();
        for (var count = 1; count < width; count++)
        {
            var register = new double[8];
            var start = x.Length - count;
            LaneLoop.Pad(ref x[0], start, x.Length, register).Should().Be(width);
            register[..width].Should().Equal(Enumerable.Range(0, width).Select(i => x[start + Math.Min(i, count - 1)]));

            var destination = new double[x.Length];
            LaneLoop.Unpad(register, ref destination[0], start, x.Length);
            destination[..start].Should().OnlyContain(v => v == 0, "nothing before the tail is written");
            destination[start..].Should().Equal(x[start..]);
        }

        var whole = () => LaneLoop.Pad(ref x[0], 0, width, new double[8]);
        whole.Should().Throw<ArgumentOutOfRangeException>("a whole register is no tail");
        var empty = () => LaneLoop.Pad(ref x[0], 5, 5, new double[8]);
        empty.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void In_place_is_allowed_and_a_short_or_partly_overlapping_destination_is_refused()
    {
        var x = Values(20, 3);
        var expected = x.Select(v => v / 4.5).ToArray();
        LaneLoop.Divide(x, 4.5, x);
        x.Select(BitConverter.DoubleToInt64Bits).Should().Equal(expected.Select(BitConverter.DoubleToInt64Bits));

        var shortDestination = () => LaneLoop.Multiply(2, new double[9], new double[8]);
        shortDestination.Should().Throw<ArgumentException>();
        var overlap = () =>
        {
            var both = new double[20];
            LaneLoop.Multiply(2, both.AsSpan(0, 10), both.AsSpan(1, 10));
        };
        overlap.Should().Throw<ArgumentException>();
    }
}
