using System.Runtime.Intrinsics;
using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// The heat shortfall count on registers (<see cref="PathKernel.ShortfallCounts{T}"/>, the scalar
/// search where it returns NaN, as the kernel combines them) against
/// <see cref="BinomialQuantile"/>'s sequential search, count for count.
/// </summary>
public class PathKernelShortfallTests
{
    [Fact]
    public void Register_counts_equal_the_scalar_quantile_on_adversarial_inputs_and_every_width()
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

    /// <summary>
    /// q from 1e−300 to 1 − 1e−12 (p(0) NaN where (1 − q)ⁿ &lt; e^(−700), the scalar search from the
    /// mode), n = 0..92, u = 0, the smallest positive, next to 1, 1, on each of F(0..5) and one ulp
    /// either side, and random; lanes mixed at random so registers hold different n and u.
    /// </summary>
    private static void Check<T>()
        where T : struct, ILanes<T>
    {
        double[] probabilities = [1e-300, 1e-12, 0.003, 0.05, 0.2, 0.5, 0.77, 0.999, 1 - 1e-12];
        var rng = new System.Random(92);
        var width = T.Count;
        var days = new double[width];
        var u = new double[width];
        var counts = new double[width];
        long lanes = 0, inRegisters = 0;
        foreach (var q in probabilities)
        {
            var table = Enumerable.Range(0, SitePlan.MaxHotDays + 1).Select(n => BinomialQuantile.Pmf0(n, q)).ToArray();
            var cases = new List<(int N, double U)>();
            for (var n = 0; n <= SitePlan.MaxHotDays; n++)
            {
                var uniforms = new List<double> { 0.0, double.Epsilon, Math.BitDecrement(1.0), 1.0, rng.NextDouble(), rng.NextDouble() };
                if (!double.IsNaN(table[n]))
                {
                    double pmf = table[n], cdf = pmf;
                    for (var k = 0; k <= 5 && k < n; k++)
                    {
                        uniforms.AddRange([Math.BitDecrement(cdf), cdf, Math.BitIncrement(cdf)]);
                        pmf *= (n - k) * (q / (1.0 - q)) / (k + 1);
                        cdf += pmf;
                    }
                }

                cases.AddRange(uniforms.Where(v => v is >= 0.0 and <= 1.0).Select(v => (n, v)));
            }

            // Then the registers again with every count below 16, which take p(0) by a permute
            // instead of gathers (ShortfallCounts): mixed at random over n = 0..92, eight lanes
            // would almost never all be.
            var small = cases.Where(c => c.N < 16).ToList();
            for (var start = 0; start < cases.Count + small.Count; start += width)
            {
                var from = start < cases.Count ? cases : small;
                for (var l = 0; l < width; l++)
                {
                    (var n, u[l]) = from[(start + (l == 0 ? 0 : rng.Next(from.Count))) % from.Count];
                    days[l] = n;
                }

                T.Store(PathKernel.ShortfallCounts(T.Load(in days[0], 0), T.Load(in u[0], 0), q, table), ref counts[0], 0);
                for (var l = 0; l < width; l++)
                {
                    var n = (int)days[l];
                    var expected = n > 0 ? BinomialQuantile.InvCdfUnchecked(n, q, u[l], table[n]) : 0;
                    lanes++;
                    if (!double.IsNaN(counts[l]))
                    {
                        inRegisters++;
                        counts[l].Should().Be(expected, "q = {0:R}, n = {1}, u = {2:R}", q, n, u[l]);
                    }
                }
            }
        }

        // Most lanes are answered on the register (not a test that passes by handing everything back).
        inRegisters.Should().BeGreaterThan(lanes / 2);
    }
}
