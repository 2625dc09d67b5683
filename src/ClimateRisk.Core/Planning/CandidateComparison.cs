using ClimateRisk.Core.Model;
using ClimateRisk.Core.Planning.Internal;
using ClimateRisk.Core.Simulation;
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
        var options = Options(settings, cancellationToken);
        var sites = candidates.Sites;
        var results = new List<CandidateResult>();
        var total = candidates.Scenarios.Count * sites.Count;
        var done = 0;
        foreach (var scenario in candidates.Scenarios)
        {
            var evaluations = new SiteEvaluation[sites.Count];
            Parallel.For(0, sites.Count, options, c =>
            {
                evaluations[c] = SiteEvaluation.Run(candidates, sites[c], null, int.MaxValue, scenario, settings, SharedSiteKey, cancellationToken);
                var finished = Interlocked.Increment(ref done);
                progress?.Report(new SimulationProgress(finished, total, scenario.Id, settings.LastYear));
            });

            var stats = evaluations.Select(e => SampleSummary.Summarize(e.Npv, double.NaN, new double[settings.Paths])).ToArray();
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

        var options = Options(settings, cancellationToken);
        var scenarios = portfolio.Scenarios;
        var measureSites = measures.Select(m => m.SiteId).Distinct().ToArray();
        var baselines = new Dictionary<(string Site, string Scenario), SiteEvaluation>();
        var baselineJobs = scenarios.SelectMany(k => measureSites.Select(s => (Site: s, Scenario: k))).ToArray();
        var measureJobs = scenarios.SelectMany(k => measures.Select(m => (Measure: m, Scenario: k))).ToArray();
        var total = baselineJobs.Length + measureJobs.Length;
        var done = 0;
        var baselineResults = new SiteEvaluation[baselineJobs.Length];
        Parallel.For(0, baselineJobs.Length, options, j =>
        {
            var (site, scenario) = baselineJobs[j];
            baselineResults[j] = SiteEvaluation.Run(portfolio, sitesById[site], null, int.MaxValue, scenario, settings, null, cancellationToken);
            progress?.Report(new SimulationProgress(Interlocked.Increment(ref done), total, scenario.Id, settings.LastYear));
        });
        for (var j = 0; j < baselineJobs.Length; j++)
        {
            baselines[(baselineJobs[j].Site, baselineJobs[j].Scenario.Id)] = baselineResults[j];
        }

        var results = new MeasureResult[measureJobs.Length];
        Parallel.For(0, measureJobs.Length, options, j =>
        {
            var (measure, scenario) = measureJobs[j];
            var site = sitesById[measure.SiteId];
            var baseline = baselines[(site.Id, scenario.Id)];
            var with = SiteEvaluation.Run(portfolio, site, measure.Change.ApplyTo(site), measure.YearInForce, scenario, settings, null, cancellationToken);
            var benefit = new double[settings.Paths];
            for (var p = 0; p < benefit.Length; p++)
            {
                benefit[p] = baseline.Npv[p] - with.Npv[p];
            }

            results[j] = new MeasureResult
            {
                ScenarioId = scenario.Id,
                MeasureId = measure.Id,
                SiteId = site.Id,
                Benefit = SampleSummary.Summarize(benefit, 0, new double[benefit.Length]),
                PresentCostCny = PresentCost(measure, scenario.DiscountRate, settings),
                EnergyCostSavingCny = baseline.DiscountedEnergyCostCny - with.DiscountedEnergyCostCny,
            };
            progress?.Report(new SimulationProgress(Interlocked.Increment(ref done), total, scenario.Id, settings.LastYear));
        });

        return results;
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

    private static ParallelOptions Options(SimulationSettings settings, CancellationToken cancellationToken) => new()
    {
        MaxDegreeOfParallelism = settings.Workers > 0 ? settings.Workers : -1,
        CancellationToken = cancellationToken,
    };
}
