using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Simulation;

/// <summary>
/// Runs sites × scenarios × years × paths (MODEL §1) and reduces every cell to its
/// statistics. Scenarios and years run one after another; the paths of a (scenario, year)
/// run in parallel blocks, each path written by exactly one thread, and every reduction reads
/// the path arrays in path order — so the numbers do not depend on the number of workers.
/// </summary>
public static class Simulator
{
    private const int BlockSize = 256;

    /// <summary>Simulates <paramref name="inputs"/> under <paramref name="settings"/>.</summary>
    public static SimulationResult Run(
        ModelInputs inputs,
        SimulationSettings settings,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (inputs.Sites.Count == 0 || inputs.Scenarios.Count == 0)
        {
            throw new ArgumentException("A run needs at least one site and one scenario.", nameof(inputs));
        }

        var sitePlans = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var n = settings.Paths;
        var buffers = new PathBuffers(sitePlans.Length, n);
        var entities = buffers.Entities;
        var entityIds = inputs.Sites.Select(s => s.Id).Append(SimulationResult.PortfolioId).ToArray();
        var rng = new CounterRng(settings.Seed);
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = settings.Workers > 0 ? settings.Workers : -1,
            CancellationToken = cancellationToken,
        };
        var years = settings.YearCount;
        var metrics = MetricNames.Count;
        var cellsByScenario = new List<CellResult>[inputs.Scenarios.Count];
        var npv = new List<NpvResult>();
        var exceedance = new List<ExceedancePoint>();
        var blocks = (n + BlockSize - 1) / BlockSize;
        var done = 0;

        for (var k = 0; k < inputs.Scenarios.Count; k++)
        {
            var scenario = inputs.Scenarios[k];
            var scenarioPlan = new ScenarioPlan(scenario, inputs, settings);
            var kernel = new PathKernel(sitePlans, scenarioPlan, inputs.HeavyPrecipitationMultiplier, rng, buffers);
            Array.Clear(buffers.Npv);
            var stats = new CellStatistics[entities, years, metrics];

            for (var t = 0; t < years; t++)
            {
                var year = settings.FirstYear + t;
                var yearIndex = t;
                Parallel.For(
                    0,
                    blocks,
                    options,
                    () => new KernelScratch(sitePlans.Length),
                    (block, _, scratch) =>
                    {
                        var end = Math.Min(n, (block + 1) * BlockSize);
                        for (var p = block * BlockSize; p < end; p++)
                        {
                            kernel.Evaluate(p, p, yearIndex, year, scratch);
                        }

                        return scratch;
                    },
                    _ => { });

                Parallel.For(
                    0,
                    metrics * entities,
                    options,
                    () => new double[n],
                    (cell, _, scratch) =>
                    {
                        var metric = (Metric)(cell / entities);
                        var entity = cell % entities;
                        var threshold = Threshold(inputs, sitePlans, metric, entity, t);
                        stats[entity, t, (int)metric] = SampleSummary.Summarize(buffers.Cell(metric, entity), threshold, scratch);
                        return scratch;
                    },
                    _ => { });

                if (settings.Horizons.Contains(year))
                {
                    AddExceedance(exceedance, buffers, scenario.Id, entityIds, year, settings.ReturnPeriodsY);
                }

                progress?.Report(new SimulationProgress(++done, inputs.Scenarios.Count * years, scenario.Id, year));
            }

            var scratchAll = new double[n];
            for (var e = 0; e < entities; e++)
            {
                npv.Add(new NpvResult(scenario.Id, entityIds[e], SampleSummary.Summarize(buffers.Npv.AsSpan(e * n, n), double.NaN, scratchAll)));
            }

            var cells = new List<CellResult>(entities * years * metrics);
            for (var e = 0; e < entities; e++)
            {
                for (var t = 0; t < years; t++)
                {
                    for (var m = 0; m < metrics; m++)
                    {
                        cells.Add(new CellResult(scenario.Id, entityIds[e], settings.FirstYear + t, (Metric)m, stats[e, t, m]));
                    }
                }
            }

            cellsByScenario[k] = cells;
        }

        return new SimulationResult
        {
            Settings = settings,
            ScenarioIds = inputs.Scenarios.Select(s => s.Id).ToArray(),
            SiteIds = inputs.Sites.Select(s => s.Id).ToArray(),
            Cells = cellsByScenario.SelectMany(c => c).ToArray(),
            Npv = npv,
            Exceedance = exceedance,
        };
    }

    /// <summary>
    /// The threshold behind p_exceed: a site's PUE against the limit in force that year, the
    /// breach indicator against ½ (so p_exceed = P(breach)), otherwise the materiality
    /// threshold of docs/data.md's thresholds file, or NaN when it gives none.
    /// </summary>
    private static double Threshold(ModelInputs inputs, SitePlan[] sites, Metric metric, int entity, int yearIndex)
    {
        var isPortfolio = entity == sites.Length;
        if (metric == Metric.Pue)
        {
            return isPortfolio ? double.NaN : sites[entity].LimitPue[yearIndex];
        }

        if (metric == Metric.PueLimitBreach)
        {
            return 0.5;
        }

        var level = isPortfolio ? "portfolio" : "site";
        var name = metric.Name();
        foreach (var threshold in inputs.Thresholds)
        {
            if (threshold.Metric == name && threshold.Level == level)
            {
                return threshold.Materiality;
            }
        }

        return double.NaN;
    }

    private static void AddExceedance(List<ExceedancePoint> points, PathBuffers buffers, string scenarioId, string[] entityIds, int year, IReadOnlyList<double> returnPeriods)
    {
        var n = buffers.Paths;
        var probabilities = returnPeriods.Select(r => 1 - (1 / r)).ToArray();
        var losses = new double[probabilities.Length];
        var work = new double[n];
        for (var e = 0; e < entityIds.Length; e++)
        {
            buffers.Cell(Metric.PhysicalLossCny, e).CopyTo(work);
            SampleSummary.Quantiles(work, probabilities, losses);
            for (var i = 0; i < losses.Length; i++)
            {
                points.Add(new ExceedancePoint(scenarioId, entityIds[e], year, "AEP", returnPeriods[i], losses[i]));
            }

            buffers.Occurrence.AsSpan(e * n, n).CopyTo(work);
            SampleSummary.Quantiles(work, probabilities, losses);
            for (var i = 0; i < losses.Length; i++)
            {
                points.Add(new ExceedancePoint(scenarioId, entityIds[e], year, "OEP", returnPeriods[i], losses[i]));
            }
        }
    }
}
