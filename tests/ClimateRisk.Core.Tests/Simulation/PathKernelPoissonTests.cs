using System.Runtime.Intrinsics;
using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// The kernel's masked Poisson search (reciprocal table + Markstein correction instead of a
/// vector division) against <see cref="PoissonQuantile"/>'s scalar division loop, count for count.
/// </summary>
public class PathKernelPoissonTests
{
    [Fact]
    public void Corrected_reciprocal_quotient_equals_the_division_for_every_step_and_many_means()
    {
        var rng = new System.Random(20261205);
        var mismatches = 0;
        for (var j = 1; j <= PathKernel.MaxPoissonStep; j++)
        {
            var y = PathKernel.StepReciprocal[j];
            for (var n = 0; n < 20_000; n++)
            {
                // Means over (0, 30] on a log scale, so every binade below 30 is hit.
                var lambda = 30.0 * Math.Pow(2.0, -40.0 * rng.NextDouble());
                var q = lambda * y;
                var ratio = Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(-q, j, lambda), y, q);
                if (BitConverter.DoubleToInt64Bits(ratio) != BitConverter.DoubleToInt64Bits(lambda / j))
                {
                    mismatches++;
                }
            }
        }

        mismatches.Should().Be(0);
    }

    [Fact]
    public void Vector_search_equals_the_scalar_quantile_on_every_register_width()
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

    private static void Check<T>()
        where T : struct, ILanes<T>
    {
        var rng = new System.Random(7);
        var n = T.Count;
        var lambda = new double[n];
        var pmf0 = new double[n];
        var u = new double[n];
        var counts = new double[n];
        var lambdaB = new double[n];
        var pmf0B = new double[n];
        var uB = new double[n];
        var countsB = new double[n];
        var limit = T.Create(30.0);
        var valid = T.LessThan(T.Create(-1.0), T.Create(0.0));
        for (var trial = 0; trial < 40_000; trial++)
        {
            for (var l = 0; l < n; l++)
            {
                // Mixed lanes: small and large means, zero mean, u = 0, u next to 1 (the search runs
                // past the reciprocal table until p(k) underflows), u on a CDF step.
                lambda[l] = (trial + l) % 11 == 0 ? 0.0 : rng.NextDouble() < 0.5 ? 30.0 * rng.NextDouble() : 30.0 * Math.Pow(2.0, -30.0 * rng.NextDouble());
                pmf0[l] = Math.Exp(-lambda[l]);
                u[l] = (trial + l) % 13 == 0 ? 0.0
                    : (trial + l) % 997 == 0 ? Math.BitDecrement(1.0)
                    : rng.NextDouble();
            }

            var k = PathKernel.Poisson(T.Load(in lambda[0], 0), T.Load(in pmf0[0], 0), T.Load(in u[0], 0), valid, limit);
            T.Store(k, ref counts[0], 0);
            for (var l = 0; l < n; l++)
            {
                counts[l].Should().Be(PoissonQuantile.InvCdfUnchecked(lambda[l], pmf0[l], u[l]), "λ = {0:R}, u = {1:R}", lambda[l], u[l]);
            }

            // The fused pair (heat and drought in one loop): each search against the scalar quantile,
            // paired with the lanes reversed so the two counts differ.
            for (var l = 0; l < n; l++)
            {
                lambdaB[l] = lambda[n - 1 - l];
                pmf0B[l] = pmf0[n - 1 - l];
                uB[l] = u[n - 1 - l];
            }

            var (a, b) = PathKernel.Poisson2(T.Load(in lambda[0], 0), T.Load(in pmf0[0], 0), T.Load(in u[0], 0), T.Load(in lambdaB[0], 0), T.Load(in pmf0B[0], 0), T.Load(in uB[0], 0), valid, limit);
            T.Store(a, ref counts[0], 0);
            T.Store(b, ref countsB[0], 0);
            for (var l = 0; l < n; l++)
            {
                counts[l].Should().Be(PoissonQuantile.InvCdfUnchecked(lambda[l], pmf0[l], u[l]), "pair A: λ = {0:R}, u = {1:R}", lambda[l], u[l]);
                countsB[l].Should().Be(PoissonQuantile.InvCdfUnchecked(lambdaB[l], pmf0B[l], uB[l]), "pair B: λ = {0:R}, u = {1:R}", lambdaB[l], uB[l]);
            }
        }
    }
}
