using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Planning.Internal;

/// <summary>
/// One site evaluated alone under one scenario over all simulated years: per-path NPV of total
/// climate cost and the discounted means a planner compares. Optionally the site changes to
/// <c>after</c> from <c>switchYear</c> on (an adaptation measure). Runs on the calling thread:
/// callers parallelise across sites, measures or scenarios.
/// </summary>
internal sealed class SiteEvaluation
{
    /// <summary>Cost components for "which peril dominates", named like the register's risks (MODEL §13).</summary>
    public static readonly (string Name, Metric[] Metrics)[] Components =
    [
        ("flood", [Metric.FloodDirectCny, Metric.FloodBiCny]),
        ("coastal_flood", [Metric.SurgeDirectCny, Metric.SurgeBiCny]),
        ("typhoon", [Metric.WindDirectCny, Metric.WindBiCny]),
        ("extreme_heat", [Metric.HeatBiCny]),
        ("water_stress", [Metric.DroughtEnergyCny, Metric.DroughtBiCny]),
        ("chronic_heat_pue", [Metric.ClimateEnergyCostCny]),
        ("carbon_price", [Metric.CarbonCostCny]),
        ("efficiency_regulation", [Metric.PueSurchargeCny]),
        ("renewable_premium", [Metric.RenewablePremiumCny]),
    ];

    private SiteEvaluation(int paths)
    {
        Npv = new double[paths];
        ComponentNpv = new double[Components.Length];
    }

    /// <summary>Per-path NPV of total climate cost, CNY.</summary>
    public double[] Npv { get; }

    /// <summary>Mean discounted cost per component, CNY, in <see cref="Components"/> order.</summary>
    public double[] ComponentNpv { get; }

    public double DiscountedItEnergyMwh { get; private set; }

    public double DiscountedEnergyCostCny { get; private set; }

    public double Pue2030 { get; private set; } = double.NaN;

    public double Pue2050 { get; private set; } = double.NaN;

    public double Breach2030 { get; private set; } = double.NaN;

    public double Breach2050 { get; private set; } = double.NaN;

    public static SiteEvaluation Run(
        ModelInputs tables, Site before, Site? after, int switchYear, Scenario scenario, SimulationSettings settings, uint? siteKey, CancellationToken cancellationToken)
    {
        var n = settings.Paths;
        var single = tables with { Sites = [before], Scenarios = [scenario] };
        var scenarioPlan = new ScenarioPlan(scenario, single, settings);
        var buffers = new PathBuffers(1, n);
        var rng = new CounterRng(settings.Seed);
        var planBefore = new SitePlan(before, single, settings, siteKey);
        var kernelBefore = new PathKernel([planBefore], scenarioPlan, tables.HeavyPrecipitationMultiplier, rng, buffers);
        var planAfter = after is null ? planBefore : new SitePlan(after, single with { Sites = [after] }, settings, siteKey);
        var kernelAfter = after is null ? kernelBefore : new PathKernel([planAfter], scenarioPlan, tables.HeavyPrecipitationMultiplier, rng, buffers);
        var scratch = new KernelScratch(1);
        var result = new SiteEvaluation(n);

        for (var t = 0; t < settings.YearCount; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var year = settings.FirstYear + t;
            var inForce = year >= switchYear;
            var kernel = inForce ? kernelAfter : kernelBefore;
            for (var p = 0; p < n; p += PathKernel.BlockSize)
            {
                kernel.EvaluateBlock(p, p, Math.Min(PathKernel.BlockSize, n - p), t, year, scratch);
            }

            var discount = scenarioPlan.Discount[t];
            for (var c = 0; c < Components.Length; c++)
            {
                foreach (var metric in Components[c].Metrics)
                {
                    result.ComponentNpv[c] += discount * Mean(buffers.Cell(metric, 0));
                }
            }

            result.DiscountedItEnergyMwh += discount * (inForce ? planAfter : planBefore).ItEnergyMwh[t];
            result.DiscountedEnergyCostCny += discount * Mean(buffers.Cell(Metric.EnergyCostCny, 0));
            if (year == 2030)
            {
                result.Pue2030 = Mean(buffers.Cell(Metric.Pue, 0));
                result.Breach2030 = Mean(buffers.Cell(Metric.PueLimitBreach, 0));
            }
            else if (year == 2050)
            {
                result.Pue2050 = Mean(buffers.Cell(Metric.Pue, 0));
                result.Breach2050 = Mean(buffers.Cell(Metric.PueLimitBreach, 0));
            }
        }

        buffers.Npv.AsSpan(0, n).CopyTo(result.Npv);
        return result;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }
}
