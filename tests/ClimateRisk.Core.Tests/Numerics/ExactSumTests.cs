using ClimateRisk.Core.Numerics.Internal;
using static ClimateRisk.Core.Tests.Distributions.ReferenceCsv;

namespace ClimateRisk.Core.Tests.Numerics;

public class ExactSumTests
{
    /// <summary>
    /// Twenty sets (a loss tail, a narrow PUE-like tail, cancellation, the whole exponent range,
    /// subnormals, ties at half an ulp, exact zero, the largest doubles, 5,000 copies, 1/i²):
    /// their correctly rounded sums by Python's <c>math.fsum</c>, checked there against the exact
    /// rational sum (tests/reference/make_exact_sum_references.py). Bit for bit, in the order
    /// written, reversed and shuffled.
    /// </summary>
    [Fact]
    public void Rounds_like_python_fsum_in_any_order()
    {
        var cases = Read("exact_sum.csv").GroupBy(r => (int)r["case"]).ToList();
        cases.Should().HaveCount(20);
        var random = new System.Random(7);
        foreach (var c in cases)
        {
            var addends = c.Where(r => r["is_sum"] == 0).Select(r => r["value"]).ToArray();
            var expected = c.Single(r => r["is_sum"] == 1)["value"];
            var shuffled = addends.OrderBy(_ => random.Next()).ToArray();
            foreach (var (order, values) in new[] { ("written", addends), ("reversed", addends.Reverse().ToArray()), ("shuffled", shuffled) })
            {
                var sum = default(ExactSum);
                sum.AddRange(values);
                Bits(sum.Round()).Should().Be(Bits(expected), $"case {c.Key} ({values.Length} addends, {order}): {F(sum.Round())} against fsum {F(expected)}");

                // One at a time, without the bins of AddRange.
                var single = default(ExactSum);
                foreach (var v in values)
                {
                    single.Add(v);
                }

                Bits(single.Round()).Should().Be(Bits(expected), $"case {c.Key} added one by one ({order})");
            }
        }
    }

    /// <summary>Two halves combined are the whole: the chunks add like the addends.</summary>
    [Fact]
    public void Combined_halves_equal_the_whole()
    {
        foreach (var c in Read("exact_sum.csv").GroupBy(r => (int)r["case"]))
        {
            var addends = c.Where(r => r["is_sum"] == 0).Select(r => r["value"]).ToArray();
            var expected = c.Single(r => r["is_sum"] == 1)["value"];
            var (front, back) = (default(ExactSum), default(ExactSum));
            front.AddRange(addends.AsSpan(0, addends.Length / 2));
            back.AddRange(addends.AsSpan(addends.Length / 2));
            front.Combine(back);
            Bits(front.Round()).Should().Be(Bits(expected), $"case {c.Key}");
        }
    }

    /// <summary>IEEE's own cases: an empty sum is +0, ±0 add to +0, the overflow and the non-finite addends.</summary>
    [Fact]
    public void Zero_overflow_and_non_finite_addends_follow_ieee()
    {
        Bits(Sum()).Should().Be(Bits(0.0));
        Bits(Sum(-0.0, -0.0)).Should().Be(Bits(0.0), "an exact zero is +0, as 0.0 + (−0.0) in the ascending sum it replaces");
        Sum(double.MaxValue, double.MaxValue).Should().Be(double.PositiveInfinity);
        Sum(-double.MaxValue, -double.MaxValue).Should().Be(double.NegativeInfinity);

        // Half an ulp of the largest double (2⁹⁷⁰) above it rounds to even, i.e. up and out of range.
        Sum(double.MaxValue, Math.ScaleB(1, 970)).Should().Be(double.PositiveInfinity);
        Sum(double.MaxValue, Math.ScaleB(1, 970), -Math.ScaleB(1, 900)).Should().Be(double.MaxValue);
        Sum(1.0, double.PositiveInfinity, 5.0).Should().Be(double.PositiveInfinity);
        Sum(double.PositiveInfinity, double.NegativeInfinity).Should().Be(double.NaN);
        Sum(1.0, double.NaN).Should().Be(double.NaN);
        Sum(double.Epsilon, double.Epsilon, -double.Epsilon).Should().Be(double.Epsilon);
    }

    /// <summary><see cref="ExactSum.AddCopies"/> is k additions: k·v correctly rounded, which is the IEEE product.</summary>
    [Theory]
    [InlineData(0.1, 999)]
    [InlineData(1.42, 1000)]
    [InlineData(3.7e12, 10_000)]
    [InlineData(-2.5e-310, 77)]
    public void Copies_sum_to_the_rounded_product(double value, int count)
    {
        var sum = default(ExactSum);
        sum.AddCopies(value, count);
        Bits(sum.Round()).Should().Be(Bits(count * value));
    }

    private static double Sum(params double[] values)
    {
        var sum = default(ExactSum);
        sum.AddRange(values);
        return sum.Round();
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
