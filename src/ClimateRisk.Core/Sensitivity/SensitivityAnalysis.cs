using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Sensitivity;

/// <summary>
/// First-order and total Sobol indices of every headline (<see cref="SensitivityHeadline"/>) for
/// every driver group (<see cref="SensitivityDriver"/>) by a pick-freeze design on N_s base rows
/// (docs/model.md, "Sensitivity").
/// </summary>
/// <remarks>
/// <para>
/// Design: A = the run's own paths 0..N_s − 1 (same counters, same seed, so the same values the
/// run computes); B = the same paths with every stream re-keyed to replicate 1
/// (<see cref="CounterRng.Rekeyed"/>), an independent copy of every random input; AB_i = A with
/// the streams of group i re-keyed, i.e. group i taken from B. The kernel runs unchanged on each
/// of the 2 + 11 generators; the scenario is not in the key, so every scenario uses the same
/// design (common random numbers across scenarios, as in the run).
/// </para>
/// <para>
/// Cost: (2 + 11)·N_s path evaluations per scenario and year against the run's N, and no
/// quantile reductions; <see cref="BaseRowsFor"/> sizes N_s so that this stays within a quarter
/// of the run's kernel time. Deterministic: each design column is computed by one thread from its
/// own counters, and the estimator sums the rows in order, so the indices are the same for any
/// number of workers.
/// </para>
/// </remarks>
public static class SensitivityAnalysis
{
    /// <summary>Share of the run's time the analysis may add (issue 13: at most 25 %).</summary>
    public const double TimeBudget = 0.25;

    /// <summary><c>run</c> computes the indices by default from this many paths on (issue 13).</summary>
    public const int DefaultFromPaths = 2_000;

    /// <summary>Fewest base rows for which indices are estimated (below it the s.e. are meaningless).</summary>
    public const int MinimumBaseRows = 8;

    // Columns per design held at once: bounds the path buffers whatever N_s is.
    private const int ChunkRows = 4 * PathKernel.BlockSize;

    /// <summary>Number of model evaluations per base row: A, B and one AB_i per driver group.</summary>
    public static int EvaluationsPerRow => 2 + SensitivityDrivers.Count;

    /// <summary>
    /// N_s = ⌊<see cref="TimeBudget"/> · N / 13⌋: the pick-freeze evaluations cost 13·N_s paths of
    /// kernel time, against N paths of kernel time plus reductions in the run, so they add at
    /// most a quarter. 384 rows at the default 20,000 paths.
    /// </summary>
    public static int BaseRowsFor(int paths) => (int)(paths * TimeBudget / EvaluationsPerRow);

    /// <summary>
    /// The indices of every scenario of <paramref name="inputs"/> on base rows
    /// [settings.FirstPath, settings.FirstPath + <paramref name="baseRows"/>).
    /// </summary>
    public static SensitivityResult Run(ModelInputs inputs, SimulationSettings settings, int baseRows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(settings);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var headlines = SensitivityHeadline.Of(settings);
        var entityIds = inputs.Sites.Select(s => s.Id).Append(SimulationResult.PortfolioId).ToArray();
        var indices = new List<SensitivityIndex>();
        foreach (var (scenarioId, sample) in Sample(inputs, settings, baseRows, cancellationToken))
        {
            for (var e = 0; e < entityIds.Length; e++)
            {
                for (var h = 0; h < headlines.Count; h++)
                {
                    var yA = sample.Values(h, e, 0);
                    var yB = sample.Values(h, e, 1);
                    foreach (var driver in SensitivityDrivers.All)
                    {
                        var estimate = SobolEstimator.Estimate(yA, yB, sample.Values(h, e, 2 + (int)driver));
                        indices.Add(new SensitivityIndex(scenarioId, entityIds[e], headlines[h].Metric.Name(), headlines[h].Horizon, driver, estimate));
                    }
                }
            }
        }

        return new SensitivityResult { BaseRows = baseRows, Indices = indices, Seconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>
    /// The generators of the design: A (the seed), B (every stream re-keyed to replicate 1), then
    /// AB_i for each driver group in <see cref="SensitivityDrivers.All"/> order.
    /// </summary>
    internal static CounterRng[] Generators(ulong seed)
    {
        var a = new CounterRng(seed);
        var all = SensitivityDrivers.All.SelectMany(d => d.Streams().ToArray()).ToArray();
        var generators = new List<CounterRng> { a, a.Rekeyed(all, 1) };
        generators.AddRange(SensitivityDrivers.All.Select(d => a.Rekeyed(d.Streams(), 1)));
        return generators.ToArray();
    }

    /// <summary>
    /// The headline values of every design, scenario by scenario (lazily, so only one scenario's
    /// values are held at a time).
    /// </summary>
    internal static IEnumerable<(string ScenarioId, DesignSample Sample)> Sample(ModelInputs inputs, SimulationSettings settings, int baseRows, CancellationToken cancellationToken = default)
    {
        settings.Validate();
        if (baseRows < MinimumBaseRows)
        {
            throw new ArgumentOutOfRangeException(nameof(baseRows), baseRows, $"A sensitivity design needs at least {MinimumBaseRows} base rows.");
        }

        if (settings.FirstPath + baseRows > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(baseRows), baseRows, "Base rows must lie in [0, 2³²) as paths do.");
        }

        if (inputs.Sites.Count == 0 || inputs.Scenarios.Count == 0)
        {
            throw new ArgumentException("A run needs at least one site and one scenario.", nameof(inputs));
        }

        return SampleIterator(inputs, settings, baseRows, cancellationToken);
    }

    private static IEnumerable<(string ScenarioId, DesignSample Sample)> SampleIterator(ModelInputs inputs, SimulationSettings settings, int baseRows, CancellationToken cancellationToken)
    {
        var headlines = SensitivityHeadline.Of(settings);
        var sitePlans = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var generators = Generators(settings.Seed);
        var designs = generators.Length;
        var chunk = Math.Min(baseRows, ChunkRows);
        var buffers = new PathBuffers(sitePlans.Length, designs * chunk);
        var entities = buffers.Entities;
        var options = settings.ParallelOptions(cancellationToken);

        foreach (var scenario in inputs.Scenarios)
        {
            var plan = new ScenarioPlan(scenario, inputs, settings);
            var kernels = generators.Select(rng => new PathKernel(sitePlans, plan, inputs.HeavyPrecipitationMultiplier, rng, buffers)).ToArray();
            var sample = new DesignSample(headlines.Count, entities, designs, baseRows);
            for (var start = 0; start < baseRows; start += chunk)
            {
                var count = Math.Min(chunk, baseRows - start);
                var blocks = (count + PathKernel.BlockSize - 1) / PathKernel.BlockSize;
                buffers.Npv.Clear();
                for (var t = 0; t < settings.YearCount; t++)
                {
                    var year = settings.FirstYear + t;
                    var yearIndex = t;
                    Parallel.For(
                        0,
                        designs * blocks,
                        options,
                        () => new KernelScratch(sitePlans.Length),
                        (item, _, scratch) =>
                        {
                            var design = item / blocks;
                            var first = (item % blocks) * PathKernel.BlockSize;
                            kernels[design].EvaluateBlock(
                                (design * chunk) + first,
                                settings.FirstPath + start + first,
                                Math.Min(PathKernel.BlockSize, count - first),
                                yearIndex,
                                year,
                                scratch);
                            return scratch;
                        },
                        _ => { });

                    for (var h = 0; h < headlines.Count; h++)
                    {
                        if (headlines[h].Year != year)
                        {
                            continue;
                        }

                        for (var e = 0; e < entities; e++)
                        {
                            var cell = buffers.Cell(headlines[h].Metric, e);
                            for (var d = 0; d < designs; d++)
                            {
                                cell.Slice(d * chunk, count).CopyTo(sample.Row(h, e, d).Slice(start, count));
                            }
                        }
                    }
                }

                for (var h = 0; h < headlines.Count; h++)
                {
                    if (headlines[h].Year is not null)
                    {
                        continue;
                    }

                    for (var e = 0; e < entities; e++)
                    {
                        for (var d = 0; d < designs; d++)
                        {
                            buffers.Npv.Slice((e * buffers.Paths) + (d * chunk), count).CopyTo(sample.Row(h, e, d).Slice(start, count));
                        }
                    }
                }
            }

            yield return (scenario.Id, sample);
        }
    }

    /// <summary>Headline values per (headline, entity, design, base row).</summary>
    internal sealed class DesignSample(int headlines, int entities, int designs, int rows)
    {
        private readonly double[] _values = new double[checked(headlines * entities * designs * rows)];

        public int Rows => rows;

        public ReadOnlySpan<double> Values(int headline, int entity, int design) => Row(headline, entity, design);

        internal Span<double> Row(int headline, int entity, int design)
            => _values.AsSpan((((((headline * entities) + entity) * designs) + design) * rows), rows);
    }
}
