using System.Runtime.Intrinsics;
using ClimateRisk.Core.Climate;
using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>The kernel's vector PUE lookup (pair loads on AVX-512, gathers elsewhere: <c>ILanes.InterpolateNeighbours</c>) against <see cref="PueCurve.Lookup"/>, bit for bit, on every register width.</summary>
public class PathKernelPueLookupTests
{
    [Fact]
    public void Vector_lookup_equals_the_scalar_lookup_on_every_register_width()
    {
        var site = SyntheticInputs.Site("x", 30.0, 120.0) with { Climate = SyntheticInputs.Climate(0.6) };
        var curve = PueCurve.Calibrate(site.Cooling, site.Climate, site.ReportedPue);
        var rng = new System.Random(11);
        var deltas = new List<double> { double.NaN, double.NegativeInfinity, double.PositiveInfinity, -7, -6, -5.99, 0, 11.98, 11.99, 12, 12.01, 40 };
        for (var i = 0; i <= 900; i++)
        {
            deltas.Add(PueCurve.MinDeltaC + (i * PueCurve.StepC)); // on the knots (and just off, by rounding)
        }

        for (var n = 0; n < 20_000; n++)
        {
            deltas.Add(-8 + (22 * rng.NextDouble()));
        }

        Check<Lanes128>(curve, deltas);
        if (Vector256.IsHardwareAccelerated)
        {
            Check<Lanes256>(curve, deltas);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Check<Lanes512>(curve, deltas);
        }
    }

    private static void Check<T>(PueCurve curve, List<double> deltas)
        where T : struct, ILanes<T>
    {
        var lanes = new double[T.Count];
        var result = new double[T.Count];
        for (var start = 0; start + T.Count <= deltas.Count; start++)
        {
            deltas.CopyTo(start, lanes, 0, T.Count);
            T.Store(PathKernel.PueLookup(curve.Table, T.Load(in lanes[0], 0)), ref result[0], 0);
            for (var l = 0; l < T.Count; l++)
            {
                BitConverter.DoubleToInt64Bits(result[l]).Should().Be(BitConverter.DoubleToInt64Bits(curve.Lookup(lanes[l])), "Δ = {0:R}", lanes[l]);
            }
        }
    }
}
