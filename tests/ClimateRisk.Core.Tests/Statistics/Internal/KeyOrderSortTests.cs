using ClimateRisk.Core.Statistics.Internal;

namespace ClimateRisk.Core.Tests.Statistics.Internal;

public class KeyOrderSortTests
{
    /// <summary>
    /// Against an independent order: the input's bit patterns mapped to IEEE totalOrder by hand
    /// (negatives reversed below the positives) and sorted by Array.Sort on signed integers.
    /// Lengths around the insertion threshold (16) and the selection's region bound (64), and
    /// beyond; values with duplicates, ±0, ±∞, subnormals and NaNs of either sign.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1000)]
    public void Sorts_in_total_order_exactly_the_bits_it_was_given(int length)
    {
        var random = new System.Random(20261207 + length);
        for (var trial = 0; trial < 50; trial++)
        {
            var values = Values(random, length);

            var expected = SortedTotalOrder(values);

            KeyOrderSort.Sort(values);

            TotalOrder(values).Should().Equal(expected, $"length {length}, trial {trial}");
        }
    }

    /// <summary>
    /// Select against the same independent order: each wanted rank's bits, for random sets of
    /// ranks (one, an adjacent pair as the quantiles ask, several, all), and the multiset kept.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    [InlineData(64)]
    [InlineData(300)]
    public void Select_gives_each_wanted_rank_the_bits_of_the_total_order_and_keeps_the_values(int length)
    {
        var random = new System.Random(7 + length);
        for (var trial = 0; trial < 200; trial++)
        {
            var values = Values(random, length);

            var order = SortedTotalOrder(values);
            var first = random.Next(length);
            var ranks = (trial % 4) switch
            {
                0 => new[] { first },
                1 => first + 1 < length ? new[] { first, first + 1 } : new[] { first },
                2 => Enumerable.Range(0, length).Where(_ => random.Next(5) == 0).DefaultIfEmpty(first).ToArray(),
                _ => Enumerable.Range(0, length).ToArray(),
            };

            var results = new double[ranks.Length];
            KeyOrderSort.Select(values, ranks, results);

            TotalOrder(results).Should().Equal(ranks.Select(r => order[r]), $"length {length}, trial {trial}");
            SortedTotalOrder(values).Should().Equal(order, "the same values stay in the span");
        }
    }

    [Fact]
    public void Select_refuses_ranks_out_of_order_or_range()
    {
        var values = new double[] { 3, 1, 2 };
        var results = new double[2];
        ((Action)(() => KeyOrderSort.Select(values, [2, 1], results))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => KeyOrderSort.Select(values, [1, 1], results))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => KeyOrderSort.Select(values, [0, 3], results))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => KeyOrderSort.Select(values, [0, 1, 2], results))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Orders_numbers_as_less_than_does_and_minus_zero_first()
    {
        double[] values = [3.5, 0.0, -2.0, -0.0, 1e-300, -1e300, 0.0, 3.5];
        KeyOrderSort.Sort(values);
        values.Select(BitConverter.DoubleToInt64Bits).Should().Equal(
            new[] { -1e300, -2.0, -0.0, 0.0, 0.0, 1e-300, 3.5, 3.5 }.Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>Values with duplicates, ±0, ±∞, subnormals and NaNs of either sign, and numbers across the exponent range.</summary>
    private static double[] Values(System.Random random, int length)
    {
        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, double.NaN, -double.NaN, 1.0, -1.0];
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = random.Next(4) switch
            {
                0 => special[random.Next(special.Length)],
                1 => Math.Round(random.NextDouble() * 8) - 4, // many duplicates
                2 => random.NextDouble() * 1e6,
                _ => -random.NextDouble() * Math.Pow(10, random.Next(-300, 300)),
            };
        }

        return values;
    }

    /// <summary>totalOrder as a signed integer: non-negative bit patterns keep their order; negative ones reversed below them.</summary>
    private static long TotalOrder(long bits) => bits >= 0 ? bits : long.MinValue - bits - 1;

    /// <summary>Each value's place in IEEE totalOrder (<see cref="TotalOrder(long)"/>), in span order.</summary>
    private static long[] TotalOrder(double[] values) => values.Select(v => TotalOrder(BitConverter.DoubleToInt64Bits(v))).ToArray();

    /// <summary><see cref="TotalOrder(double[])"/> sorted by <see cref="Array.Sort(Array)"/>: the order the code must reproduce.</summary>
    private static long[] SortedTotalOrder(double[] values)
    {
        var order = TotalOrder(values);
        Array.Sort(order);
        return order;
    }
}
