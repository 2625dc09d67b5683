using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Simulation;

/// <summary>
/// Runs sites × scenarios × years × paths (MODEL §1) and reduces every cell. Scenarios and
/// years run one after another; the paths of a (scenario, year) run in parallel blocks, each
/// path written by exactly one thread, and every reduction reads the path arrays in path order
/// — so the numbers do not depend on the number of workers.
/// </summary>
public static class Simulator
{
    private const int BlockSize = PathKernel.BlockSize;

    /// <summary>Simulates <paramref name="inputs"/> under <paramref name="settings"/>; quantiles are exact order statistics.</summary>
    public static SimulationResult Run(
        ModelInputs inputs,
        SimulationSettings settings,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var exceedanceProbabilities = settings.ReturnPeriodsY.Select(r => 1 - (1 / r)).ToArray();
        var output = Execute(
            inputs,
            settings,
            progress,
            (values, threshold, scratch) => SampleSummary.Summarize(values, threshold, scratch),
            // What Summarize gives for a sample of one value repeated (its census stops there).
            (value, count, threshold) => SampleSummary.OfConstant(value, count, threshold),
            (values, scratch) =>
            {
                var losses = new double[exceedanceProbabilities.Length];
                SampleSummary.Quantiles(values, exceedanceProbabilities, losses, scratch);
                return losses;
            },
            cancellationToken,
            MappedCells);
        var cells = output.Cells.Select(c => new CellResult(c.ScenarioId, c.EntityId, c.Year, c.Metric, c.Cell)).ToArray();
        return new SimulationResult
        {
            Settings = settings,
            ScenarioIds = output.ScenarioIds,
            SiteIds = output.SiteIds,
            Cells = cells,
            Financial = FinancialEffects.Build(settings, output.SiteIds, cells, output.Financial, FinancialContextOf(inputs)),
            Npv = output.Npv.Select(n => new NpvResult(n.ScenarioId, n.EntityId, n.Cell)).ToArray(),
            Exceedance = output.Curves.SelectMany(c => c.Curve.Select((loss, i) => new ExceedancePoint(c.ScenarioId, c.EntityId, c.Year, c.Name, settings.ReturnPeriodsY[i], loss))).ToArray(),
            Timings = output.Timings,
        };
    }

    /// <summary>
    /// Simulates paths [FirstPath, FirstPath + Paths) and keeps mergeable summaries
    /// (<see cref="ShardResult"/>) for <c>merge</c> (MODEL §12).
    /// </summary>
    public static ShardResult RunShard(
        ModelInputs inputs,
        SimulationSettings settings,
        IProgress<SimulationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var output = Execute(
            inputs,
            settings,
            progress,
            (values, threshold, _) => PartialCell.From(values, threshold),
            (value, count, threshold) => PartialCell.OfRepeated(value, count, threshold),
            (values, _) => QuantileSketch.Build(values),
            cancellationToken);
        return new ShardResult
        {
            Settings = settings,
            ScenarioIds = output.ScenarioIds,
            SiteIds = output.SiteIds,
            Cells = output.Cells,
            Npv = output.Npv,
            Exceedance = output.Curves,
            Financial = output.Financial,
            FinancialContext = FinancialContextOf(inputs),
        };
    }

    /// <summary>The financial terms of <paramref name="inputs"/> and its scenarios' discount rates.</summary>
    private static FinancialContext FinancialContextOf(ModelInputs inputs) => new()
    {
        Terms = inputs.Finance,
        DiscountRates = inputs.Scenarios.ToDictionary(s => s.Id, s => s.DiscountRate),
    };

    private delegate TCell CellReducer<out TCell>(ReadOnlySpan<double> values, double threshold, Span<double> scratch);

    /// <summary>The summary of <paramref name="count"/> copies of <paramref name="value"/> (never NaN), bit for bit as the cell reducer would give it.</summary>
    private delegate TCell RepeatedCellReducer<out TCell>(double value, int count, double threshold);

    private delegate TCurve CurveReducer<out TCurve>(ReadOnlySpan<double> values, Span<double> scratch);

    /// <summary>A family's cells (in <see cref="IMappedRows.Metrics"/> order) from the row x they are functions of; <paramref name="thresholds"/> by metric.</summary>
    private delegate TCell[] MappedCellsReducer<TCell>(IMappedRows rows, ReadOnlySpan<double> x, ReadOnlySpan<double> thresholds, Span<double> values, Span<double> scratch);

    /// <summary>
    /// A family's cells from the row x they are functions of (a site's six PUE cells from its
    /// climate PUE, its two Scope 2 cells from the location-based row), each bit for bit what
    /// <see cref="SampleSummary.Summarize"/> gives for the row itself: every row is made from x
    /// (<see cref="IMappedRows.Row"/>: x itself for the row that is x) for its census and
    /// moments, and, when every row is a
    /// non-decreasing function of x (<see cref="IMappedRows.IsNonDecreasing"/>, x positive and
    /// <see cref="IMappedRows.KeepsOrderFrom"/> its smallest value), the order statistics and the
    /// tail of all of them come from one selection of x; otherwise each row is summarised on its own.
    /// </summary>
    private static CellStatistics[] MappedCells(IMappedRows rows, ReadOnlySpan<double> x, ReadOnlySpan<double> thresholds, Span<double> values, Span<double> scratch)
    {
        var n = x.Length;
        var cells = new CellStatistics[rows.Metrics.Length];
        var row = values[..n];
        var tailCount = SampleSummary.TailCount(n);
        Span<double> selected = stackalloc double[SampleSummary.SelectedCount(n)];
        Span<double> mappedSelected = stackalloc double[selected.Length];
        var tails = System.Buffers.ArrayPool<double>.Shared.Rent(2 * tailCount);
        try
        {
            var tail = tails.AsSpan(0, tailCount);
            var mappedTail = tails.AsSpan(tailCount, tailCount);
            double minimum = double.NaN, maximum = double.NaN;
            var shared = rows.IsNonDecreasing
                && SampleSummary.TrySelectPositive(x, scratch, selected, tail, out minimum, out maximum)
                && rows.KeepsOrderFrom(minimum);
            Span<double> range = [minimum, maximum];
            Span<double> mappedRange = stackalloc double[2];
            for (var m = 0; m < cells.Length; m++)
            {
                var metric = rows.Metrics[m];
                var threshold = thresholds[(int)metric];
                if (shared)
                {
                    // A row whose smallest and largest values are the same number is that number
                    // on every path (no breach in the year, say): Summarize's census would stop there.
                    rows.Fill(metric, range, mappedRange);
                    if (BitConverter.DoubleToInt64Bits(mappedRange[0]) == BitConverter.DoubleToInt64Bits(mappedRange[1]))
                    {
                        cells[m] = SampleSummary.OfConstant(mappedRange[0], n, threshold);
                        continue;
                    }

                    rows.Fill(metric, selected, mappedSelected);
                    rows.Fill(metric, tail, mappedTail);
                }

                // The row itself, made once (x itself when the row is x): for the mapped summary's
                // census and moments, or for Summarize.
                var sample = rows.Row(metric, x, row);
                cells[m] = shared && SampleSummary.TrySummarizeMapped(sample, threshold, mappedSelected, mappedTail, out var cell)
                    ? cell
                    : SampleSummary.Summarize(sample, threshold, scratch);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(tails);
        }

        return cells;
    }

    private static Output<TCell, TCurve> Execute<TCell, TCurve>(
        ModelInputs inputs,
        SimulationSettings settings,
        IProgress<SimulationProgress>? progress,
        CellReducer<TCell> reduceCell,
        RepeatedCellReducer<TCell> reduceRepeatedCell,
        CurveReducer<TCurve> reduceCurve,
        CancellationToken cancellationToken,
        MappedCellsReducer<TCell>? reduceMappedCells = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (inputs.Sites.Count == 0 || inputs.Scenarios.Count == 0)
        {
            throw new ArgumentException("A run needs at least one site and one scenario.", nameof(inputs));
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        double planSeconds = 0, kernelSeconds = 0, reductionSeconds = 0;
        var options = settings.ParallelOptions(cancellationToken);

        // Each site's plan (its PUE table is 901 quadratures of 384 points) is independent of the
        // others: built on the workers, each into its own slot, so the plans are the same.
        var sitePlans = new SitePlan[inputs.Sites.Count];
        ItemQueue.For(sitePlans.Length, options, i => sitePlans[i] = new SitePlan(inputs.Sites[i], inputs, settings));
        var n = settings.Paths;
        var buffers = PathBuffers.Rent(sitePlans.Length, n, settings.EffectiveWorkers, climatePueRows: reduceMappedCells is not null);
        var pathDraws = new PathDrawCache(n);
        var entities = buffers.Entities;
        var entityIds = inputs.Sites.Select(s => s.Id).Append(SimulationResult.PortfolioId).ToArray();
        var rng = new CounterRng(settings.Seed);
        var years = settings.YearCount;
        var metrics = MetricNames.Count;
        var cells = new List<(string, string, int, Metric, TCell)>(inputs.Scenarios.Count * entities * years * metrics);
        var npv = new List<(string, string, TCell)>();
        var curves = new List<(string, string, int, string, TCurve)>();
        var financial = new List<(string, string, int?, FinancialItem, FinancialBasis, TCell)>();
        var blocks = buffers.Blocks;

        // p_exceed's thresholds, [(year · E + entity) · M + metric]: looked up by name once, not per cell and year.
        var thresholds = new double[years * entities * metrics];
        for (var t = 0; t < years; t++)
        {
            for (var e = 0; e < entities; e++)
            {
                for (var m = 0; m < metrics; m++)
                {
                    thresholds[(((t * entities) + e) * metrics) + m] = Threshold(inputs, sitePlans, (Metric)m, e, t);
                }
            }
        }

        // One path-length work array per worker for the whole run: allocated afresh for every
        // (scenario, year) they were large-object-heap garbage, 8 MB each at a million paths,
        // and the heap grew to several times the path buffers before a collection. Each starts
        // on a 64-byte line like the path buffers (PathMemory.Allocate).
        var reductionScratch = new System.Collections.Concurrent.ConcurrentBag<ArraySegment<double>>();

        // The kernel's per-worker scratch (about 400 KB at 8 sites) likewise, reused year after year.
        var kernelScratch = new System.Collections.Concurrent.ConcurrentBag<KernelScratch>();
        ArraySegment<double> RentScratch() => reductionScratch.TryTake(out var reused) ? reused : PathMemory.Allocate(n);

        // Financial job j: entity, item and basis in the order of the results (entity, item, basis).
        var financialJobs = FinancialEffects.Items.Count * FinancialEffects.Bases.Count;
        (int Entity, FinancialItem Item, FinancialBasis Basis) FinancialJob(int job) => (
            job / financialJobs,
            FinancialEffects.Items[job % financialJobs / FinancialEffects.Bases.Count],
            FinancialEffects.Bases[job % FinancialEffects.Bases.Count]);

        // OpEx has no net basis (insurance recovers property and lost revenue, not operating
        // costs; FinancialSeries fills both from the same rows), so its net cell is its gross
        // cell: the job that computes a job's cell, the job itself but for OpEx net.
        var grossBasis = FinancialEffects.Bases.ToList().IndexOf(FinancialBasis.Gross);
        int TwinOf(int job)
        {
            var (_, item, basis) = FinancialJob(job);
            return item == FinancialItem.Opex && basis == FinancialBasis.Net ? job - (job % FinancialEffects.Bases.Count) + grossBasis : job;
        }

        // The horizon year's financial cells of entity e, indexed as FinancialJob orders them and
        // made in the order OpEx gross, revenue gross, EBITDA gross, revenue net, EBITDA net,
        // CapEx gross, CapEx net (OpEx net is its gross twin), each summarised right after its
        // row is made, so a row is read from memory once and reused from the worker's rows.
        TCell[] HorizonItems(int e, PueRows? mappedPue, Span<double> values, Span<double> scratch)
        {
            if (mappedPue is { } pue)
            {
                // The kernel kept the site's climate PUE instead of its PUE rows: OpEx's two PUE
                // rows made from it where Fill reads them, with the kernel's operations (its bits).
                foreach (var metric in (ReadOnlySpan<Metric>)[Metric.PueSurchargeCny, Metric.RenewablePremiumCny])
                {
                    pue.Fill(metric, buffers.ClimatePueRow(e), buffers.Values.Slice(buffers.Offset(metric, e), n));
                }
            }

            var cells = new TCell[financialJobs];
            var opex = RentScratch();
            var revenue = RentScratch();
            try
            {
                static int At(FinancialItem item, FinancialBasis basis)
                    => (IndexOf(FinancialEffects.Items, item) * FinancialEffects.Bases.Count) + IndexOf(FinancialEffects.Bases, basis);

                FinancialSeries.Fill(buffers, e, FinancialItem.Opex, FinancialBasis.Gross, opex);
                cells[At(FinancialItem.Opex, FinancialBasis.Gross)] = reduceCell(opex.AsSpan(0, n), double.NaN, scratch);
                FinancialSeries.Fill(buffers, e, FinancialItem.Revenue, FinancialBasis.Gross, revenue);
                cells[At(FinancialItem.Revenue, FinancialBasis.Gross)] = reduceCell(revenue.AsSpan(0, n), double.NaN, scratch);
                FinancialSeries.AddOpexAndRevenue(opex.AsSpan(0, n), revenue.AsSpan(0, n), values);
                cells[At(FinancialItem.Ebitda, FinancialBasis.Gross)] = reduceCell(values[..n], double.NaN, scratch);
                FinancialSeries.SubtractRecoveries(buffers, e, Metric.InsuredBiCny, revenue);
                cells[At(FinancialItem.Revenue, FinancialBasis.Net)] = reduceCell(revenue.AsSpan(0, n), double.NaN, scratch);
                FinancialSeries.AddOpexAndRevenue(opex.AsSpan(0, n), revenue.AsSpan(0, n), values);
                cells[At(FinancialItem.Ebitda, FinancialBasis.Net)] = reduceCell(values[..n], double.NaN, scratch);
                FinancialSeries.Fill(buffers, e, FinancialItem.Capex, FinancialBasis.Gross, values);
                cells[At(FinancialItem.Capex, FinancialBasis.Gross)] = reduceCell(values[..n], double.NaN, scratch);
                FinancialSeries.SubtractRecoveries(buffers, e, Metric.InsuredPropertyCny, values);
                cells[At(FinancialItem.Capex, FinancialBasis.Net)] = reduceCell(values[..n], double.NaN, scratch);
                for (var j = 0; j < financialJobs; j++)
                {
                    cells[j] = cells[TwinOf((e * financialJobs) + j) % financialJobs];
                }

                return cells;
            }
            finally
            {
                reductionScratch.Add(opex);
                reductionScratch.Add(revenue);
            }
        }

        var done = 0;

        foreach (var scenario in inputs.Scenarios)
        {
            var scenarioPlan = new ScenarioPlan(scenario, inputs, settings);
            var kernel = new PathKernel(sitePlans, scenarioPlan, inputs.HeavyPrecipitationMultiplier, rng, buffers, accumulateFinancialNpv: true, pathDraws: pathDraws);
            var reduced = new TCell[entities, years, metrics];
            planSeconds += clock.Elapsed.TotalSeconds;
            clock.Restart();

            for (var t = 0; t < years; t++)
            {
                var year = settings.FirstYear + t;
                var yearIndex = t;

                // Rows of one value repeated (+0.0 mostly) stay unwritten except at a horizon, whose financial
                // items and curves read the metric rows of every path; so do the occurrence losses,
                // which only the horizons' OEP curves read.
                var isHorizon = settings.Horizons.Contains(year);

                // Nothing reads a site's PUE rows or its Scope 2 market row by path but their own
                // cells, which come from its climate PUE (PueRows) and its location-based row
                // (Scope2Rows) instead, and at a horizon the OpEx items, which make their two PUE
                // rows from the climate PUE: seven rows fewer to store and read.
                var mapRows = reduceMappedCells is not null;
                ItemQueue.For(
                    blocks,
                    options,
                    () => kernelScratch.TryTake(out var reused) ? reused : new KernelScratch(sitePlans.Length),
                    (block, scratch) =>
                    {
                        var first = block * BlockSize;
                        // The first year starts the running NPVs (+0 plus its values) over what the last scenario left.
                        kernel.EvaluateBlock(first, settings.FirstPath + first, Math.Min(BlockSize, n - first), yearIndex, year, scratch, skipRepeatedRows: !isHorizon, storeOccurrence: isHorizon, mapRows: mapRows, startNpvs: yearIndex == 0);
                        return scratch;
                    },
                    kernelScratch.Add);
                kernelSeconds += clock.Elapsed.TotalSeconds;
                clock.Restart();

                // Cell job: the cell of metric cell / E and entity cell % E (a mapped family's
                // cells all at once, on its first cell's turn), into reduced.
                void ReduceCell(int cell, Span<double> values, Span<double> scratch)
                {
                    var metric = (Metric)(cell / entities);
                    var entity = cell % entities;
                    if (mapRows && entity < sitePlans.Length && (PueRows.Holds(metric) || Scope2Rows.Holds(metric)))
                    {
                        // A family's cells in one job, on its first cell's turn.
                        if (metric == PueRows.Metrics[0] || metric == Scope2Rows.Metrics[0])
                        {
                            var first = ((yearIndex * entities) + entity) * metrics;
                            IMappedRows family;
                            ReadOnlySpan<double> x;
                            if (metric == PueRows.Metrics[0])
                            {
                                family = new PueRows(sitePlans[entity], scenarioPlan, yearIndex);
                                x = buffers.ClimatePueRow(entity);
                            }
                            else
                            {
                                // The location row is a stored row: its repeated blocks are filled before it is read.
                                family = new Scope2Rows(sitePlans[entity], yearIndex);
                                if (buffers.SkippedBlockCount(metric, entity) > 0)
                                {
                                    buffers.FillSkipped(metric, entity);
                                }

                                x = buffers.Cell(metric, entity);
                            }

                            var familyCells = reduceMappedCells!(family, x, thresholds.AsSpan(first, metrics), values, scratch);
                            for (var m = 0; m < family.Metrics.Length; m++)
                            {
                                reduced[entity, yearIndex, (int)family.Metrics[m]] = familyCells[m];
                            }
                        }

                        return;
                    }

                    var threshold = thresholds[(((yearIndex * entities) + entity) * metrics) + (int)metric];
                    var skipped = buffers.SkippedBlockCount(metric, entity);
                    if (skipped == blocks && buffers.TryRepeatedCell(metric, entity, out var value))
                    {
                        reduced[entity, yearIndex, (int)metric] = reduceRepeatedCell(value, n, threshold);
                        return;
                    }

                    if (skipped > 0)
                    {
                        buffers.FillSkipped(metric, entity);
                    }

                    reduced[entity, yearIndex, (int)metric] = reduceCell(buffers.Cell(metric, entity), threshold, scratch);
                }

                // One phase for everything the year's rows give: its cells; at a horizon its
                // AEP/OEP curves and financial items; in the scenario's last year the NPV cells and
                // items too, which read rows no other job writes. Each job writes only its own
                // slot, so their order changes no bit. The longest jobs come first, so the phase
                // ends on single cells where the two ends meet rather than on an entity's items,
                // and a horizon year has one barrier instead of three.
                var lastYear = t == years - 1;
                var jobs = new YearJobs(isHorizon ? entities : 0, lastYear ? entities * financialJobs : 0, lastYear ? entities : 0, isHorizon ? 2 * entities : 0, metrics * entities);
                var horizonItems = new TCell[jobs.HorizonItems][];
                var npvItems = new TCell[jobs.NpvItems];
                var npvCells = new TCell[jobs.NpvCells];
                var horizonCurves = new TCurve[jobs.Curves];
                ItemQueue.For(
                    jobs.Count,
                    options,
                    () => (Values: RentScratch(), Work: RentScratch()),
                    (job, worker) =>
                    {
                        var (kind, index) = jobs.Of(job);
                        switch (kind)
                        {
                            case YearJob.HorizonItems:
                                // An entity's items in one job: each metric row read once (15 rows where the
                                // items one by one read 44), the net rows and EBITDA from the rows just filled.
                                horizonItems[index] = HorizonItems(index, mapRows && index < sitePlans.Length ? new PueRows(sitePlans[index], scenarioPlan, yearIndex) : null, worker.Values, worker.Work);
                                break;
                            case YearJob.NpvItem when TwinOf(index) == index:
                                var (e, item, basis) = FinancialJob(index);
                                FinancialSeries.FillNpv(buffers, e, item, basis, worker.Values);
                                npvItems[index] = reduceCell(worker.Values.AsSpan(0, n), double.NaN, worker.Work);
                                break;
                            case YearJob.NpvItem:
                                break;
                            case YearJob.NpvCell:
                                npvCells[index] = reduceCell(buffers.Npv.Slice(index * n, n), double.NaN, worker.Work);
                                break;
                            case YearJob.Curve:
                                horizonCurves[index] = reduceCurve(index % 2 == 0 ? buffers.Cell(Metric.PhysicalLossCny, index / 2) : buffers.Occurrence.Slice(index / 2 * n, n), worker.Work);
                                break;
                            default:
                                ReduceCell(index, worker.Values, worker.Work);
                                break;
                        }

                        return worker;
                    },
                    worker =>
                    {
                        reductionScratch.Add(worker.Values);
                        reductionScratch.Add(worker.Work);
                    });

                // Appended in the order of the serial loops: curves, then items, then the NPVs.
                for (var e = 0; e < horizonCurves.Length / 2; e++)
                {
                    curves.Add((scenario.Id, entityIds[e], year, "AEP", horizonCurves[2 * e]));
                    curves.Add((scenario.Id, entityIds[e], year, "OEP", horizonCurves[(2 * e) + 1]));
                }

                for (var job = 0; job < horizonItems.Length * financialJobs; job++)
                {
                    var (e, item, basis) = FinancialJob(job);
                    financial.Add((scenario.Id, entityIds[e], year, item, basis, horizonItems[e][job % financialJobs]));
                }

                for (var e = 0; e < npvCells.Length; e++)
                {
                    npv.Add((scenario.Id, entityIds[e], npvCells[e]));
                }

                for (var job = 0; job < npvItems.Length; job++)
                {
                    var (e, item, basis) = FinancialJob(job);
                    financial.Add((scenario.Id, entityIds[e], null, item, basis, npvItems[TwinOf(job)]));
                }

                reductionSeconds += clock.Elapsed.TotalSeconds;
                clock.Restart();
                progress?.Report(new SimulationProgress(++done, inputs.Scenarios.Count * years, scenario.Id, year));
            }

            for (var e = 0; e < entities; e++)
            {
                for (var t = 0; t < years; t++)
                {
                    for (var m = 0; m < metrics; m++)
                    {
                        cells.Add((scenario.Id, entityIds[e], settings.FirstYear + t, (Metric)m, reduced[e, t, m]));
                    }
                }
            }
        }

        // Nothing of the buffers outlives the run (the cells are summaries), so the next run may have them.
        PathBuffers.Return(buffers);
        var timings = new SimulationTimings { PlanSeconds = planSeconds, KernelSeconds = kernelSeconds, ReductionSeconds = reductionSeconds };
        return new Output<TCell, TCurve>(inputs.Scenarios.Select(s => s.Id).ToArray(), inputs.Sites.Select(s => s.Id).ToArray(), cells, npv, curves, financial, timings);
    }

    /// <summary>The position of <paramref name="value"/> in <paramref name="list"/> (−1 if absent).</summary>
    private static int IndexOf<T>(IReadOnlyList<T> list, T value)
        where T : struct, Enum
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(list[i], value))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// The threshold behind p_exceed: a site's PUE against the limit in force that year, the
    /// breach indicator against ½ (so p_exceed = P(breach)), otherwise the materiality
    /// threshold of the thresholds file, or NaN when it gives none.
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

    private sealed record Output<TCell, TCurve>(
        IReadOnlyList<string> ScenarioIds,
        IReadOnlyList<string> SiteIds,
        List<(string ScenarioId, string EntityId, int Year, Metric Metric, TCell Cell)> Cells,
        List<(string ScenarioId, string EntityId, TCell Cell)> Npv,
        List<(string ScenarioId, string EntityId, int Year, string Name, TCurve Curve)> Curves,
        List<(string ScenarioId, string EntityId, int? Year, FinancialItem Item, FinancialBasis Basis, TCell Cell)> Financial,
        SimulationTimings Timings);
}
