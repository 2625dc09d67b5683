using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Tests.Properties;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

public class SitePlanTests
{
    [Fact]
    public void A_site_keeps_its_PUE_curve_from_plan_to_plan_and_a_changed_site_gets_its_own()
    {
        // run makes the plans once per scenario; the curve (901 quadratures) is made once per site object.
        var site = SyntheticInputs.Site("curve-cache", 30.0, 120.0);
        var settings = new SimulationSettings { Paths = 1, FirstYear = 2025, LastYear = 2025 };
        var first = new SitePlan(site, SyntheticInputs.Inputs([site]), settings);
        var second = new SitePlan(site, SyntheticInputs.Inputs([site]), settings);
        second.Pue.Should().BeSameAs(first.Pue);

        var changed = site with { ReportedPue = site.ReportedPue + 0.1 };
        var third = new SitePlan(changed, SyntheticInputs.Inputs([changed]), settings);
        third.Pue.Should().NotBeSameAs(first.Pue);
        third.Pue.Table.Should().Equal(ClimateRisk.Core.Climate.PueCurve.Calibrate(changed.Cooling, changed.Climate, changed.ReportedPue).Table);
        first.Pue.Table.Should().Equal(ClimateRisk.Core.Climate.PueCurve.Calibrate(site.Cooling, site.Climate, site.ReportedPue).Table);
    }

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

    public static TheoryData<double[], double> DefenceCases() => new()
    {
        // The standard inside a segment, on a knot, on a flat stretch, past the table, below the
        // first flooding return period, a depth step of one ulp, and depths that decrease (no bound).
        { new[] { 0, 0, 0.1, 0.35, 0.6, 0.9, 1.4, 1.9, 2.6 }, 20 },
        { new[] { 0, 0, 0.1, 0.35, 0.6, 0.9, 1.4, 1.9, 2.6 }, 25 },
        { new[] { 0, 0.02, 0.08, 0.2, 0.2, 0.2, 0.7, 0.9, 1.1 }, 50 },
        { new[] { 0, 0.02, 0.08, 0.2, 0.2, 0.2, 0.7, 0.9, 1.1 }, 25 },
        { new[] { 0, 0, 0.05, 0.15, 0.3, 0.45, 0.7, 0.9, 1.2 }, 2000 },
        { new[] { 0, 0, 0.05, 0.15, 0.3, 0.45, 0.7, 0.9, 1.2 }, 3 },
        { new[] { 0, 0.3, 0.30000000000000004, 0.30000000000000004, 0.6, 0.9, 1.4, 1.9, 2.6 }, 7 },
        { new[] { 0, 0.3, 0.30000000000000004, 0.30000000000000004, 0.6, 0.9, 1.4, 1.9, 2.6 }, 10 },
        { new[] { 0, 0.5, 0.4, 0.6, 0.7, 0.9, 1.4, 1.9, 2.6 }, 20 },
        { new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0.0 }, 20 },
    };

    /// <summary>
    /// The kernel lists a path for flood damage only from <see cref="SitePlan.ListFloodFromY"/>
    /// up and keeps it when its depth is above 0 and above the defence's: no return period below
    /// the bound may have such a depth. Probed at every knot, the standard and their neighbouring
    /// doubles, the bound's own neighbours, and 20,000 log-uniform return periods below it.
    /// </summary>
    [Theory]
    [MemberData(nameof(DefenceCases))]
    public void Below_the_listing_bound_no_depth_is_above_the_defence(double[] depths, double protectionRp)
    {
        var flood = SyntheticInputs.Flood(protectionRp) with { DepthsM = depths };
        var plan = PlanOf(flood);
        var bound = plan.ListFloodFromY;
        bound.Should().BeGreaterThanOrEqualTo(plan.NoFloodBelowY);
        bool Kept(double r)
        {
            var depth = plan.DepthAt(r);
            return depth > 0 && !(depth <= plan.ProtectionDepthM);
        }

        foreach (var r in ProbesBelow(bound, flood, [protectionRp, Math.BitDecrement(protectionRp), protectionRp * (1 - 1e-12)], 20261206, 1e6))
        {
            Kept(r).Should().BeFalse($"R = {r:R} lies below the bound {bound:R} (defence {protectionRp} y, depth {plan.ProtectionDepthM:R})");
        }

        // Where the table is usable and the defence floods, the bound is the defence standard
        // itself or at least the last knot whose depth is below the defence's.
        var increasing = depths.Zip(depths.Skip(1)).All(p => p.Second >= p.First);
        if (increasing && plan.ProtectionDepthM > 0)
        {
            bound.Should().BeLessThanOrEqualTo(protectionRp);
            var knotBelow = flood.ReturnPeriodsY.Where((r, k) => depths[k] < plan.ProtectionDepthM).DefaultIfEmpty(0).Max();
            bound.Should().BeGreaterThanOrEqualTo(Math.Min(knotBelow, protectionRp) * (1 - 1e-12));
        }
        else
        {
            bound.Should().Be(plan.NoFloodBelowY);
        }
    }

    private static SitePlan PlanOf(FloodExposure flood)
    {
        var site = SyntheticInputs.Site() with { Flood = flood };
        return new SitePlan(site, SyntheticInputs.Inputs([site]), new SimulationSettings { Paths = 1, FirstYear = 2025, LastYear = 2025 });
    }

    /// <summary>
    /// Return periods below <paramref name="bound"/> to probe: the bound's neighbours, every knot
    /// and its neighbouring doubles, <paramref name="extra"/>, and 20,000 log-uniform ones up to
    /// the bound or <paramref name="cap"/>.
    /// </summary>
    private static IEnumerable<double> ProbesBelow(double bound, FloodExposure flood, double[] extra, int seed, double cap)
    {
        var probes = new List<double>(extra) { Math.BitDecrement(bound), bound * (1 - 1e-15) };
        foreach (var r in flood.ReturnPeriodsY)
        {
            probes.AddRange([r, Math.BitDecrement(r), Math.BitIncrement(r), r * (1 - 1e-12)]);
        }

        var random = new System.Random(seed);
        for (var k = 0; k < 20_000; k++)
        {
            probes.Add(Math.Exp(random.NextDouble() * Math.Log(Math.Min(bound, cap))));
        }

        return probes.Where(r => r < bound);
    }

    public static TheoryData<double[], double, double> FloorCases() => new()
    {
        // Floors inside a segment, on a knot's depth, on a flat stretch's depth, on the last
        // knot's (flat beyond the table: never above), above every depth, a subnormal one; with
        // and without a defence below or above the floor's return period.
        { new[] { 0, 0, 0.1, 0.35, 0.6, 0.9, 1.4, 1.9, 2.6 }, 0.45, 0 },
        { new[] { 0, 0, 0.1, 0.35, 0.6, 0.9, 1.4, 1.9, 2.6 }, 0.45, 20 },
        { new[] { 0, 0, 0.1, 0.35, 0.6, 0.9, 1.4, 1.9, 2.6 }, 0.45, 200 },
        { new[] { 0, 0, 0.1, 0.35, 0.6, 0.9, 1.4, 1.9, 2.6 }, 0.6, 20 },
        { new[] { 0, 0.02, 0.08, 0.2, 0.2, 0.2, 0.7, 0.9, 1.1 }, 0.2, 20 },
        { new[] { 0, 0.02, 0.08, 0.2, 0.2, 0.2, 0.7, 0.9, 1.1 }, 1.1, 0 },
        { new[] { 0, 0.02, 0.08, 0.2, 0.2, 0.2, 0.7, 0.9, 1.1 }, 3.0, 5 },
        { new[] { 0, 0.3, 0.30000000000000004, 0.30000000000000004, 0.6, 0.9, 1.4, 1.9, 2.6 }, 0.30000000000000004, 0 },
        { new[] { 0, 0, 0.1, 0.35, 0.6, 0.9, 1.4, 1.9, 2.6 }, double.Epsilon, 0 },
    };

    /// <summary>
    /// With a floor above the ground, the kernel keeps a path only when its depth also tops the
    /// floor: no return period below <see cref="SitePlan.ListFloodFromY"/> may give such a depth
    /// (probed as in the defence's test), and the bound takes effect: within 0.1 % of the first
    /// return period a fine scan finds whose depth tops the double below the floor and the
    /// defence (the bound's one ulp of slack, which a stretch of depths exactly at the floor
    /// shows), or at least the last knot's when no depth tops that.
    /// </summary>
    [Theory]
    [MemberData(nameof(FloorCases))]
    public void Below_the_listing_bound_no_depth_is_above_the_floor(double[] depths, double floorM, double protectionRp)
    {
        var flood = SyntheticInputs.Flood(protectionRp, floorM) with { DepthsM = depths };
        var plan = PlanOf(flood);
        var bound = plan.ListFloodFromY;
        bound.Should().BeGreaterThanOrEqualTo(plan.NoFloodBelowY);
        bool Kept(double r)
        {
            var depth = plan.DepthAt(r);
            return depth > 0 && !(depth <= plan.ProtectionDepthM) && !(depth - floorM <= 0);
        }

        foreach (var r in ProbesBelow(bound, flood, [], 20261207, 1e7))
        {
            Kept(r).Should().BeFalse($"R = {r:R} lies below the bound {bound:R} (floor {floorM:R} m, defence {protectionRp} y)");
        }

        // The first return period of a scan in steps of 10⁻⁴ in ln R up to 10⁶ years whose depth
        // tops the floor's double below and the defence.
        bool Tops(double r)
        {
            var depth = plan.DepthAt(r);
            return depth > 0 && !(depth <= plan.ProtectionDepthM) && depth > Math.BitDecrement(floorM);
        }

        var first = double.PositiveInfinity;
        for (var lnR = Math.Log(plan.NoFloodBelowY); lnR < Math.Log(1e6); lnR += 1e-4)
        {
            if (Tops(Math.Exp(lnR)))
            {
                first = Math.Exp(lnR);
                break;
            }
        }

        if (double.IsPositiveInfinity(first))
        {
            Kept(1e300).Should().BeFalse("nothing tops the floor up to 10⁶ years, so nothing beyond the table either");
            bound.Should().BeGreaterThanOrEqualTo(flood.ReturnPeriodsY[^1] * (1 - 1e-12), "no depth tops the floor within the table");
        }
        else
        {
            bound.Should().BeLessThanOrEqualTo(first);
            bound.Should().BeGreaterThanOrEqualTo(first * (1 - 1e-3), "the bound sits at the first return period whose water tops the floor and the defence");
        }
    }

    [Fact]
    public void The_bundled_sites_listing_bounds_sit_at_their_defence_standards()
    {
        var inputs = RandomPortfolio.Bundled;
        var tightened = 0;
        foreach (var site in inputs.Sites.Where(s => s.Flood is { ProtectionRpY: > 0 }))
        {
            var plan = new SitePlan(site, inputs, new SimulationSettings { Paths = 1, FirstYear = 2025, LastYear = 2025 });
            if (plan.ProtectionDepthM > 0)
            {
                plan.ListFloodFromY.Should().BeGreaterThan(plan.NoFloodBelowY, site.Id);
                tightened++;
            }
        }

        tightened.Should().BeGreaterThan(3);
    }
}
