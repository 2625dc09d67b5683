using System.Collections.Concurrent;
using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Planning.Internal;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Planning;

/// <summary>
/// Compares candidate sites and adaptation measures on common random numbers (MODEL §14;
/// the facility planners' questions: where should the next data centre go, and which
/// measure pays for itself?).
/// </summary>
/// <remarks>
/// Candidates: every candidate is simulated alone with the same site key
/// (<see cref="SharedSiteKey"/>), so all candidates see the same draws and the paired
/// differences between them come from the sites, not from sampling noise. Measures: the site
/// keeps its own key and is simulated with and without the measure on the same draws.
/// </remarks>
public static class CandidateComparison
{
    /// <summary>The site part of the random-number key used for every candidate (the site is left out of the key).</summary>
    public const uint SharedSiteKey = 0;

    /// <summary>Ranks the sites of <paramref name="candidates"/> under each of its scenarios by mean NPV of total climate cost.</summary>
    public static IReadOnlyList<CandidateResult> Compare(
        ModelInputs candidates,
        SimulationSettings settings,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var options = settings.ParallelOptions(cancellationToken);
        var sites = candidates.Sites;
        var results = new List<CandidateResult>();
        var total = candidates.Scenarios.Count * sites.Count;
        var done = 0;
        var workspaces = new ConcurrentBag<EvaluationWorkspace>();

        // A site's plan (PUE table, per-year arrays) does not depend on the scenario: built by the
        // first scenario's loop, reused by the others.
        var plans = new SitePlan?[sites.Count];
        foreach (var scenario in candidates.Scenarios)
        {
            var evaluations = new SiteEvaluation[sites.Count];
            var stats = new CellStatistics[sites.Count];
            ForEachWithWorkspace(sites.Count, options, workspaces, settings.Paths, (c, workspace) =>
            {
                var plan = plans[c] ??= new SitePlan(sites[c], candidates, settings, SharedSiteKey);
                var evaluation = SiteEvaluation.Run(candidates, plan, null, int.MaxValue, scenario, settings, workspace, cancellationToken);
                evaluations[c] = evaluation;
                stats[c] = SampleSummary.Summarize(evaluation.Npv, double.NaN, workspace.Scratch);
                var finished = Interlocked.Increment(ref done);
                progress?.Report(new SimulationProgress(finished, total, scenario.Id, settings.LastYear));
            });

            var order = Enumerable.Range(0, sites.Count).OrderBy(c => stats[c].Mean).ThenBy(c => c).ToArray();
            var best = order[0];
            var rank = new int[sites.Count];
            for (var r = 0; r < order.Length; r++)
            {
                rank[order[r]] = r + 1;
            }

            foreach (var c in order)
            {
                var difference = default(RunningMoments);
                for (var p = 0; p < settings.Paths; p++)
                {
                    difference.Push(evaluations[c].Npv[p] - evaluations[best].Npv[p]);
                }

                var components = SiteEvaluation.Components.Select((k, i) => (k.Name, evaluations[c].ComponentNpv[i])).ToArray();
                results.Add(new CandidateResult
                {
                    ScenarioId = scenario.Id,
                    SiteId = sites[c].Id,
                    Rank = rank[c],
                    Npv = stats[c],
                    DiscountedItEnergyMwh = evaluations[c].DiscountedItEnergyMwh,
                    Pue2030 = evaluations[c].Pue2030,
                    Pue2050 = evaluations[c].Pue2050,
                    BreachProbability2030 = evaluations[c].Breach2030,
                    BreachProbability2050 = evaluations[c].Breach2050,
                    DominantComponent = components.MaxBy(k => k.Item2).Name,
                    ComponentNpv = components.ToDictionary(k => k.Name, k => k.Item2),
                    DifferenceToBest = difference.Mean,
                    DifferenceStandardError = difference.StandardError,
                    UnpairedStandardError = Math.Sqrt((stats[c].StandardError * stats[c].StandardError) + (stats[best].StandardError * stats[best].StandardError)),
                });
            }
        }

        return results;
    }

    /// <summary>Cost–benefit of each measure at its site under each scenario of <paramref name="portfolio"/>.</summary>
    public static IReadOnlyList<MeasureResult> EvaluateMeasures(
        ModelInputs portfolio,
        IReadOnlyList<AdaptationMeasure> measures,
        SimulationSettings settings,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var sitesById = portfolio.Sites.ToDictionary(s => s.Id);
        foreach (var measure in measures.Where(m => !sitesById.ContainsKey(m.SiteId)))
        {
            throw new ArgumentException($"Measure {measure.Id} names site {measure.SiteId}, which is not in the portfolio.", nameof(measures));
        }

        var options = settings.ParallelOptions(cancellationToken);
        var scenarios = portfolio.Scenarios;
        var measureSites = measures.Select(m => m.SiteId).Distinct().ToArray();
        var baselines = new Dictionary<(string Site, string Scenario), SiteEvaluation>();
        var baselineJobs = scenarios.SelectMany(k => measureSites.Select(s => (Site: s, Scenario: k))).ToArray();
        var measureJobs = scenarios.SelectMany(k => measures.Select((m, i) => (Measure: m, Index: i, Scenario: k))).ToArray();
        var total = baselineJobs.Length + measureJobs.Length;
        var done = 0;
        var workspaces = new ConcurrentBag<EvaluationWorkspace>();

        // Plans do not depend on the scenario: one per measure site without and one per measure
        // with the change, each built by the first job that needs it and shared by the others.
        var sitePlans = measureSites.ToDictionary(s => s, s => new Lazy<SitePlan>(() => new SitePlan(sitesById[s], portfolio, settings)));
        var measurePlans = measures.Select(m => new Lazy<SitePlan>(() =>
        {
            var site = sitesById[m.SiteId];
            return new SitePlan(m.Change.ApplyTo(site), portfolio, settings);
        })).ToArray();

        var baselineResults = new SiteEvaluation[baselineJobs.Length];
        ForEachWithWorkspace(baselineJobs.Length, options, workspaces, settings.Paths, (j, workspace) =>
        {
            var (site, scenario) = baselineJobs[j];
            baselineResults[j] = SiteEvaluation.Run(portfolio, sitePlans[site].Value, null, int.MaxValue, scenario, settings, workspace, cancellationToken);
            progress?.Report(new SimulationProgress(Interlocked.Increment(ref done), total, scenario.Id, settings.LastYear));
        });
        for (var j = 0; j < baselineJobs.Length; j++)
        {
            baselines[(baselineJobs[j].Site, baselineJobs[j].Scenario.Id)] = baselineResults[j];
        }

        var results = new MeasureResult[measureJobs.Length];
        ForEachWithWorkspace(measureJobs.Length, options, workspaces, settings.Paths, (j, workspace) =>
        {
            var (measure, index, scenario) = measureJobs[j];
            var site = sitesById[measure.SiteId];
            var baseline = baselines[(site.Id, scenario.Id)];
            var with = SiteEvaluation.Run(portfolio, sitePlans[site.Id].Value, measurePlans[index].Value, measure.YearInForce, scenario, settings, workspace, cancellationToken);
            var benefit = workspace.Sample;
            for (var p = 0; p < benefit.Length; p++)
            {
                benefit[p] = baseline.Npv[p] - with.Npv[p];
            }

            results[j] = new MeasureResult
            {
                ScenarioId = scenario.Id,
                MeasureId = measure.Id,
                SiteId = site.Id,
                Benefit = SampleSummary.Summarize(benefit, 0, workspace.Scratch),
                PresentCostCny = PresentCost(measure, scenario.DiscountRate, settings),
                EnergyCostSavingCny = baseline.DiscountedEnergyCostCny - with.DiscountedEnergyCostCny,
                RetainedLossSavingCny = baseline.DiscountedRetainedLossCny - with.DiscountedRetainedLossCny,
                PremiumSavingCny = portfolio.Finance.Insurance.TryGetValue(site.Id, out var cover)
                    ? PresentPremiumChange(cover, baseline.ExpectedInsuredLossCny, scenario.DiscountRate) - PresentPremiumChange(cover, with.ExpectedInsuredLossCny, scenario.DiscountRate)
                    : 0,
            };
            progress?.Report(new SimulationProgress(Interlocked.Increment(ref done), total, scenario.Id, settings.LastYear));
        });

        return results;
    }

    /// <summary>The premium changes of <see cref="FinancialEffects.PremiumChange"/>, discounted to the first simulated year.</summary>
    private static double PresentPremiumChange(InsuranceTerms cover, double[] expectedInsuredLossCny, double discountRate)
    {
        var change = FinancialEffects.PremiumChange(cover, expectedInsuredLossCny);
        var sum = 0.0;
        for (var t = 0; t < change.Length; t++)
        {
            sum += change[t] * Math.Pow(1 + discountRate, -t);
        }

        return sum;
    }

    /// <summary>
    /// Capex in the year in force plus opex in every simulated year from then on, discounted
    /// like the costs to the first simulated year. A measure in force before the first year is
    /// charged its capex in the first year.
    /// </summary>
    public static double PresentCost(AdaptationMeasure measure, double discountRate, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(settings);
        var start = Math.Max(measure.YearInForce, settings.FirstYear);
        if (start > settings.LastYear)
        {
            return 0;
        }

        var cost = measure.CapexCny * Math.Pow(1 + discountRate, -(start - settings.FirstYear));
        for (var year = start; year <= settings.LastYear; year++)
        {
            cost += measure.OpexCnyPerYear * Math.Pow(1 + discountRate, -(year - settings.FirstYear));
        }

        return cost;
    }

    /// <summary>
    /// Parallel.For over [0, <paramref name="count"/>) with one work space per worker: taken from
    /// <paramref name="pool"/> (or made) when a worker starts and returned when it ends, so the
    /// buffers are reused across jobs and across calls sharing the pool.
    /// </summary>
    private static void ForEachWithWorkspace(int count, ParallelOptions options, ConcurrentBag<EvaluationWorkspace> pool, int paths, Action<int, EvaluationWorkspace> body) =>
        Parallel.For(
            0,
            count,
            options,
            () => pool.TryTake(out var workspace) ? workspace : new EvaluationWorkspace(paths),
            (i, _, workspace) =>
            {
                body(i, workspace);
                return workspace;
            },
            pool.Add);
}
