using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Tests.Numerics;

/// <summary>
/// <see cref="RepeatedValue.TryGetBits"/> against the plain reading: every value has the first's
/// bits, the first is not NaN, the span is not empty — at every length through the vector steps
/// and the tail, with one value changed at every position.
/// </summary>
public class RepeatedValueTests
{
    [Fact]
    public void A_span_is_repeated_exactly_when_every_value_has_the_first_values_bits()
    {
        RepeatedValue.TryGetBits([], out _).Should().BeFalse();
        foreach (var value in new[] { 0.0, -0.0, 812.5, double.Epsilon, double.PositiveInfinity })
        {
            for (var n = 1; n <= 40; n++)
            {
                var values = Enumerable.Repeat(value, n).ToArray();
                RepeatedValue.TryGetBits(values, out var bits).Should().BeTrue($"{value} × {n}");
                bits.Should().Be(BitConverter.DoubleToInt64Bits(value));
                for (var at = 0; n > 1 && at < n; at++)
                {
                    var changed = (double[])values.Clone();
                    changed[at] = value == 0 ? -value : BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) ^ 1);
                    RepeatedValue.TryGetBits(changed, out _).Should().BeFalse($"{value} × {n}, the one at {at} changed in its last bit or sign");
                }
            }
        }

        RepeatedValue.TryGetBits([double.NaN, double.NaN], out _).Should().BeFalse("a NaN sample is always stored and read");
    }
}
