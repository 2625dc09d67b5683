using System.Runtime.Intrinsics;
using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Finance.Internal;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Tests.Finance.Internal;

/// <summary>
/// The lane form of the insurance terms against <see cref="InsuranceTerms.ApplyUnchecked"/>, bit for
/// bit on every lane of every width the machine runs: random losses around the deductibles,
/// waiting periods and limits (so each binds), ties, zeros of both signs and NaN; and Math.Max /
/// Math.Min's own cases one by one.
/// </summary>
public class InsuranceLanesTests
{
    private static readonly double[] Specials = [0.0, -0.0, double.NaN, 1.0, -1.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, 5e6];

    [Fact]
    public void Each_lane_recovers_what_the_scalar_terms_recover_bit_for_bit()
    {
        Check<Lanes128>();
        if (Vector256.IsHardwareAccelerated)
        {
            Check<Lanes256>();
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Check<Lanes512>();
        }
    }

    [Fact]
    public void Max_and_min_on_lanes_are_math_max_and_min_on_every_pair_of_special_values()
    {
        foreach (var a in Specials)
        {
            foreach (var b in Specials)
            {
                Bits(Lane(Lanes128.Min(Lanes128.Create(a), Lanes128.Create(b)))).Should().Be(Bits(Math.Min(a, b)), $"min({a}, {b})");
                Bits(Lane(Lanes128.Max(Lanes128.Create(a), Lanes128.Create(b)))).Should().Be(Bits(Math.Max(a, b)), $"max({a}, {b})");
            }

            Bits(Lane(InsuranceLanes<Lanes128>.MaxZero(Lanes128.Create(a)))).Should().Be(Bits(Math.Max(0, a)), $"max(0, {a})");
        }
    }

    private static void Check<T>()
        where T : struct, ILanes<T>
    {
        var random = new System.Random(2026);
        var values = new double[6 * T.Count];
        var results = new double[5 * T.Count];
        for (var trial = 0; trial < 4000; trial++)
        {
            var cover = new InsuranceTerms
            {
                PropertyDeductibleCny = Pick(random, 0, 2e6),
                PropertyAggregateLimitCny = Pick(random, 0, 4e7),
                Coinsurance = random.Next(4) == 0 ? 0 : random.NextDouble() * 0.5,
                BiWaitingDays = random.Next(0, 30),
                BiLimitCny = Pick(random, 0, 2e7),
                PremiumCny = 0,
                PremiumLoading = 0,
                PremiumLagYears = 0,
            };
            var biPerDay = Pick(random, 0, 5e5);
            for (var k = 0; k < values.Length; k++)
            {
                values[k] = random.Next(10) == 0 ? Specials[random.Next(Specials.Length)] : Pick(random, 0, 3e7);
            }

            var lanes = new InsuranceLanes<T>(cover, biPerDay);
            ref var v = ref values[0];
            var (property, bi, flood, surge, wind) = lanes.Apply(
                T.Load(in v, 0), T.Load(in v, (nuint)T.Count), T.Load(in v, (nuint)(2 * T.Count)), T.Load(in v, (nuint)(3 * T.Count)), T.Load(in v, (nuint)(4 * T.Count)), T.Load(in v, (nuint)(5 * T.Count)));
            T.Store(property, ref results[0], 0);
            T.Store(bi, ref results[0], (nuint)T.Count);
            T.Store(flood, ref results[0], (nuint)(2 * T.Count));
            T.Store(surge, ref results[0], (nuint)(3 * T.Count));
            T.Store(wind, ref results[0], (nuint)(4 * T.Count));

            for (var lane = 0; lane < T.Count; lane++)
            {
                double[] direct = [values[lane], values[(2 * T.Count) + lane], values[(4 * T.Count) + lane]];
                double[] interruption = [values[T.Count + lane], values[(3 * T.Count) + lane], values[(5 * T.Count) + lane]];
                var perEvent = new double[3];
                var expected = cover.ApplyUnchecked(direct, interruption, biPerDay, perEvent);
                double[] expectedBits = [expected.PropertyCny, expected.BiCny, .. perEvent];
                for (var r = 0; r < 5; r++)
                {
                    Bits(results[(r * T.Count) + lane]).Should().Be(Bits(expectedBits[r]), $"trial {trial}, lane {lane} of {T.Count}, result {r}");
                }
            }
        }
    }

    /// <summary>A value in [low, high), or one of two fixed values (low, high / 2) that other draws meet exactly.</summary>
    private static double Pick(System.Random random, double low, double high) => random.Next(8) switch
    {
        0 => low,
        1 => high / 2,
        _ => low + (random.NextDouble() * (high - low)),
    };

    private static double Lane(Lanes128 value) => value.Value.ToScalar();

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
