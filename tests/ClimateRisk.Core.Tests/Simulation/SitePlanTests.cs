using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

public class SitePlanTests
{
    /// <summary>MODEL §6 read literally, with ln R computed for every R: the reference for the shortcut below the first flooding return period.</summary>
    private static double Literal(double[] returnPeriods, double[] depths, double r)
    {
        var first = Array.FindIndex(depths, d => d > 0);
        var lnR = Math.Log(r);
        if (first < 0 || lnR < Math.Log(returnPeriods[first]))
        {
            return 0;
        }

        if (lnR >= Math.Log(returnPeriods[^1]))
        {
            return depths[^1];
        }

        var i = first + 1;
        while (lnR > Math.Log(returnPeriods[i]))
        {
            i++;
        }

        var w = (lnR - Math.Log(returnPeriods[i - 1])) / (Math.Log(returnPeriods[i]) - Math.Log(returnPeriods[i - 1]));
        return depths[i - 1] + (w * (depths[i] - depths[i - 1]));
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0.1, 0.35, 0.6, 0.9, 1.4, 1.9, 2.6 })]
    [InlineData(new[] { 0.2, 0.4, 0.6, 0.9, 1.2, 1.5, 1.9, 2.3, 2.6 })]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0.5 })]
    [InlineData(new[] { 0.0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void Depth_equals_the_literal_interpolation_bit_for_bit_around_every_breakpoint(double[] depths)
    {
        var flood = SyntheticInputs.Flood() with { DepthsM = depths };
        var site = SyntheticInputs.Site() with { Flood = flood };
        var plan = new SitePlan(site, SyntheticInputs.Inputs([site]), new SimulationSettings { Paths = 1, FirstYear = 2025, LastYear = 2025 });
        var returnPeriods = flood.ReturnPeriodsY.ToArray();
        var probes = new List<double> { 1, 1.5, 1e4, double.MaxValue };
        foreach (var r in returnPeriods)
        {
            // The breakpoint itself, its neighbouring doubles and points inside the 1e-12 margin.
            probes.AddRange([r, Math.BitDecrement(r), Math.BitIncrement(r), r * (1 - 1e-12), r * (1 - 2e-12), r * (1 - 5e-13), r * 0.999, r * 1.001]);
        }

        foreach (var r in probes)
        {
            BitConverter.DoubleToInt64Bits(plan.DepthAt(r)).Should().Be(BitConverter.DoubleToInt64Bits(Literal(returnPeriods, depths, r)), $"R = {r:R}");
        }

        // The span form the kernel uses (ln R on vector lanes) against the scalar one, bit for bit,
        // on the probes plus random R over the whole table and the odd values.
        var random = new System.Random(20261205);
        for (var k = 0; k < 2000; k++)
        {
            probes.Add(Math.Exp(random.NextDouble() * Math.Log(returnPeriods[^1] * 2)));
        }

        probes.AddRange([double.PositiveInfinity, 0.0, double.Epsilon]);
        var spanDepths = new double[probes.Count];

        // Rotated by 0 … 7 so every probe meets every lane position; lengths not a multiple of 8.
        for (var shift = 0; shift < 8; shift++)
        {
            double[] rotated = [.. probes.Skip(shift), .. probes.Take(shift)];
            foreach (var length in new[] { rotated.Length, rotated.Length - 3, 7 })
            {
                Array.Fill(spanDepths, double.NaN);
                plan.DepthsAt(rotated.AsSpan(0, length), spanDepths);
                for (var k = 0; k < length; k++)
                {
                    BitConverter.DoubleToInt64Bits(spanDepths[k]).Should().Be(BitConverter.DoubleToInt64Bits(plan.DepthAt(rotated[k])), $"R = {rotated[k]:R}, shift {shift}");
                }
            }
        }
    }
}
