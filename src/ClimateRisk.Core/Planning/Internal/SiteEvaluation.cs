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

    private SiteEvaluation(int paths, int years)
    {
        Npv = new double[paths];
        ComponentNpv = new double[Components.Length];
        ExpectedInsuredLossCny = new double[years];
    }

    /// <summary>Mean recoveries (property + BI) per simulated year, CNY (MODEL §15: what the premium follows).</summary>
    public double[] ExpectedInsuredLossCny { get; }

    /// <summary>Mean physical loss retained after insurance, discounted and summed over the years, CNY.</summary>
    public double DiscountedRetainedLossCny { get; private set; }

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

    /// <summary>Builds the site plans and a work space, then evaluates (tests and one-off use).</summary>
    public static SiteEvaluation Run(
        ModelInputs tables, Site before, Site? after, int switchYear, Scenario scenario, SimulationSettings settings, uint? siteKey, CancellationToken cancellationToken)
    {
        var planBefore = new SitePlan(before, tables, settings, siteKey);
        var planAfter = after is null ? null : new SitePlan(after, tables, settings, siteKey);
        return Run(tables, planBefore, planAfter, switchYear, scenario, settings, new EvaluationWorkspace(settings.Paths), cancellationToken);
    }

    /// <summary>
    /// Evaluates the site of <paramref name="planBefore"/> (changing to <paramref name="planAfter"/>
    /// from <paramref name="switchYear"/> on, when given) under <paramref name="scenario"/>. The plans
    /// do not depend on the scenario, so callers build them once per site and reuse them;
    /// <paramref name="workspace"/> is the calling thread's.
    /// </summary>
    public static SiteEvaluation Run(
        ModelInputs tables,
        SitePlan planBefore,
        SitePlan? planAfter,
        int switchYear,
        Scenario scenario,
        SimulationSettings settings,
        EvaluationWorkspace workspace,
        CancellationToken cancellationToken)
    {
        var n = settings.Paths;
        var single = tables with { Sites = [planBefore.Site], Scenarios = [scenario] };
        var scenarioPlan = new ScenarioPlan(scenario, single, settings);
        var buffers = workspace.Buffers;
        if (buffers.Entities != 2 || buffers.Paths != n || workspace.PathDraws.Capacity < n)
        {
            throw new ArgumentException($"The work space holds {buffers.Entities - 1} site(s) × {buffers.Paths} paths, need 1 × {n}.", nameof(workspace));
        }

        // The kernel adds each year's discounted cost to the NPV and hands each block's rows to
        // the sums, which are cleared every year: nothing else of the buffers is read.
        buffers.Npv.Clear();
        var sums = workspace.Sums;
        var rng = new CounterRng(settings.Seed);
        PathKernel.SiteRowsSink sink = (_, rows, count) => sums.Add(rows, count);
        var kernelBefore = new PathKernel([planBefore], scenarioPlan, tables.HeavyPrecipitationMultiplier, rng, buffers, siteRows: sink, pathDraws: workspace.PathDraws);
        planAfter ??= planBefore;
        var kernelAfter = ReferenceEquals(planAfter, planBefore) ? kernelBefore : new PathKernel([planAfter], scenarioPlan, tables.HeavyPrecipitationMultiplier, rng, buffers, siteRows: sink, pathDraws: workspace.PathDraws);
        var scratch = workspace.Kernel;
        var result = new SiteEvaluation(n, settings.YearCount);

        for (var t = 0; t < settings.YearCount; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var year = settings.FirstYear + t;
            var inForce = year >= switchYear;
            var kernel = inForce ? kernelAfter : kernelBefore;
            sums.Clear();
            for (var p = 0; p < n; p += PathKernel.BlockSize)
            {
                kernel.EvaluateBlock(p, p, Math.Min(PathKernel.BlockSize, n - p), t, year, scratch);
            }

            // The mean of each metric over the paths, summed in path order (PathOrderSums).
            double Mean(Metric metric) => sums.Sum(MeanIndex[(int)metric]) / n;

            var discount = scenarioPlan.Discount[t];
            for (var c = 0; c < Components.Length; c++)
            {
                foreach (var metric in Components[c].Metrics)
                {
                    result.ComponentNpv[c] += discount * Mean(metric);
                }
            }

            result.DiscountedItEnergyMwh += discount * (inForce ? planAfter : planBefore).ItEnergyMwh[t];
            result.DiscountedEnergyCostCny += discount * Mean(Metric.EnergyCostCny);
            result.DiscountedRetainedLossCny += discount * Mean(Metric.RetainedLossCny);
            result.ExpectedInsuredLossCny[t] = Mean(Metric.InsuredPropertyCny) + Mean(Metric.InsuredBiCny);
            if (year == 2030)
            {
                result.Pue2030 = Mean(Metric.Pue);
                result.Breach2030 = Mean(Metric.PueLimitBreach);
            }
            else if (year == 2050)
            {
                result.Pue2050 = Mean(Metric.Pue);
                result.Breach2050 = Mean(Metric.PueLimitBreach);
            }
        }

        buffers.Npv.Slice(0, n).CopyTo(result.Npv);
        return result;
    }

    /// <summary>The metrics whose means an evaluation reads, in the order of their sums in <see cref="EvaluationWorkspace.Sums"/>.</summary>
    internal static readonly Metric[] MeanMetrics = Components.SelectMany(c => c.Metrics)
        .Concat([Metric.EnergyCostCny, Metric.RetainedLossCny, Metric.InsuredPropertyCny, Metric.InsuredBiCny, Metric.Pue, Metric.PueLimitBreach])
        .Distinct()
        .ToArray();

    /// <summary>metric → its index in <see cref="MeanMetrics"/>.</summary>
    private static readonly int[] MeanIndex = Enumerable.Range(0, MetricNames.Count).Select(m => Array.IndexOf(MeanMetrics, (Metric)m)).ToArray();
}
