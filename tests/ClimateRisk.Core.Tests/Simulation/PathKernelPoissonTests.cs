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

    [Fact]
    public void Fused_search_equals_the_scalar_quantile_on_adversarial_means_and_uniforms()
    {
        CheckAdversarial<Lanes128>();
        if (Vector256.IsHardwareAccelerated)
        {
            CheckAdversarial<Lanes256>();
        }

        if (Vector512.IsHardwareAccelerated)
        {
            CheckAdversarial<Lanes512>();
        }
    }

    /// <summary>
    /// Every pair from a list of means (0, the smallest subnormal, means where e^(−λ) rounds to 1
    /// and just above, the sequential limit 30 and its neighbours, the bundled range) and uniforms
    /// (0, the smallest positive, next to 1, on each of F(0..6) of the recurrence and one ulp either
    /// side, so the counts straddle the unrolled steps), in both searches of the pair and with
    /// p(0) = e^(−λ) or an inconsistent tiny p(0) whose p(1) underflows (the path back to the
    /// masked loop); each lane against <see cref="PoissonQuantile"/>.
    /// </summary>
    private static void CheckAdversarial<T>()
        where T : struct, ILanes<T>
    {
        double[] means =
        [
            0.0, double.Epsilon, 1e-300, 1e-17, 1.1e-16, 1.2e-16, 2.3e-16, 1e-12, 1e-6, 0.1, 0.3, 1.0, 2.0, 3.7, 8.0, 15.5,
            Math.BitDecrement(30.0), 30.0, Math.BitIncrement(30.0), 31.0,
        ];
        var cases = new List<(double Lambda, double Pmf0, double U)>();
        foreach (var lambda in means)
        {
            var pmf0 = Math.Exp(-lambda);
            var uniforms = new List<double> { 0.0, double.Epsilon, 1e-300, 0.5, Math.BitDecrement(1.0), 1.0 - 1e-13, 1.0 - 1e-15 };
            double pmf = pmf0, cdf = pmf0;
            for (var k = 0; k <= 6; k++)
            {
                uniforms.Add(Math.BitDecrement(cdf));
                uniforms.Add(cdf);
                uniforms.Add(Math.BitIncrement(cdf));
                pmf *= lambda / (k + 1);
                cdf += pmf;
            }

            foreach (var u in uniforms.Where(u => u is >= 0.0 and < 1.0))
            {
                cases.Add((lambda, pmf0, u));
                cases.Add((lambda, 5e-324, u));
            }
        }

        var n = T.Count;
        var valid = T.LessThan(T.Create(-1.0), T.Create(0.0));
        var limit = T.Create(30.0);
        var lambdaA = new double[n];
        var pmf0A = new double[n];
        var uA = new double[n];
        var lambdaB = new double[n];
        var pmf0B = new double[n];
        var uB = new double[n];
        var countsA = new double[n];
        var countsB = new double[n];
        var rng = new System.Random(11);
        var pastTheSteps = 0;
        for (var start = 0; start < cases.Count; start++)
        {
            for (var l = 0; l < n; l++)
            {
                // Case start + l in search A; a random other case in search B, so every register mixes.
                (lambdaA[l], pmf0A[l], uA[l]) = cases[(start + l) % cases.Count];
                (lambdaB[l], pmf0B[l], uB[l]) = cases[rng.Next(cases.Count)];
            }

            var (a, b) = PathKernel.Poisson2(T.Load(in lambdaA[0], 0), T.Load(in pmf0A[0], 0), T.Load(in uA[0], 0), T.Load(in lambdaB[0], 0), T.Load(in pmf0B[0], 0), T.Load(in uB[0], 0), valid, limit);
            T.Store(a, ref countsA[0], 0);
            T.Store(b, ref countsB[0], 0);
            for (var l = 0; l < n; l++)
            {
                countsA[l].Should().Be(Expected(lambdaA[l], pmf0A[l], uA[l]), "A: λ = {0:R}, p(0) = {1:R}, u = {2:R}", lambdaA[l], pmf0A[l], uA[l]);
                countsB[l].Should().Be(Expected(lambdaB[l], pmf0B[l], uB[l]), "B: λ = {0:R}, p(0) = {1:R}, u = {2:R}", lambdaB[l], pmf0B[l], uB[l]);
            }

            T.Store(PathKernel.PoissonUnrolled(T.Load(in lambdaA[0], 0), T.Load(in pmf0A[0], 0), T.Load(in uA[0], 0), valid, limit), ref countsA[0], 0);
            for (var l = 0; l < n; l++)
            {
                pastTheSteps += CheckUnrolled(countsA[l], lambdaA[l], pmf0A[l], uA[l]) ? 1 : 0;
            }
        }

        pastTheSteps.Should().BeGreaterThan(0, "some cases must go on past the unrolled steps for the check to mean anything");
    }

    /// <summary>
    /// <see cref="PathKernel.PoissonUnrolled"/>'s promise to <c>Counts</c>: a count of at most
    /// <see cref="PathKernel.UnrolledPoissonSteps"/> is the count; a larger count (or a search the
    /// masked loop would stop early, p(k) = 0) shows as one more, which sends the register to the
    /// whole search. Returns whether it was sent on.
    /// </summary>
    private static bool CheckUnrolled(double unrolled, double lambda, double pmf0, double u)
    {
        var expected = Expected(lambda, pmf0, u);
        if (unrolled <= PathKernel.UnrolledPoissonSteps)
        {
            unrolled.Should().Be(expected, "unrolled: λ = {0:R}, p(0) = {1:R}, u = {2:R}", lambda, pmf0, u);
        }
        else
        {
            unrolled.Should().Be(PathKernel.UnrolledPoissonSteps + 1, "unrolled: λ = {0:R}, p(0) = {1:R}, u = {2:R}", lambda, pmf0, u);
        }

        if (expected > PathKernel.UnrolledPoissonSteps)
        {
            unrolled.Should().Be(PathKernel.UnrolledPoissonSteps + 1, "a count past the unrolled steps must be sent on: λ = {0:R}, u = {1:R}", lambda, u);
        }

        return unrolled > PathKernel.UnrolledPoissonSteps;
    }

    /// <summary>The scalar quantile where the vector search answers (λ ≤ 30), 0 above (finished from the mode).</summary>
    private static double Expected(double lambda, double pmf0, double u) => lambda > 30.0 ? 0.0 : PoissonQuantile.InvCdfUnchecked(lambda, pmf0, u);

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

            T.Store(PathKernel.PoissonUnrolled(T.Load(in lambda[0], 0), T.Load(in pmf0[0], 0), T.Load(in u[0], 0), valid, limit), ref counts[0], 0);
            for (var l = 0; l < n; l++)
            {
                _ = CheckUnrolled(counts[l], lambda[l], pmf0[l], u[l]);
            }
        }
    }
}
