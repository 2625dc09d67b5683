namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Per-path values of one (scenario, year) for every metric and entity (sites, then the
/// portfolio), plus the OEP values and the running NPV of the scenario. Layout:
/// value(metric, entity, path) = Values[((metric · E) + entity) · N + path].
/// </summary>
internal sealed class PathBuffers
{
    private readonly ArraySegment<double> _values;
    private readonly ArraySegment<double> _occurrence;
    private readonly ArraySegment<double> _npv;
    private readonly ArraySegment<double> _financialNpv;
    private readonly ArraySegment<double> _climatePue;

    /// <param name="siteCount">Sites; the portfolio comes on top.</param>
    /// <param name="paths">Paths held.</param>
    /// <param name="npvOnly">
    /// Only the running NPV (for a kernel whose rows go to a <see cref="PathKernel.SiteRowsSink"/>):
    /// the values, occurrences and financial NPVs are left empty, so nothing else can be read.
    /// </param>
    /// <param name="workers">Threads that may clear the large arrays (their first touch; <see cref="PathMemory.Allocate"/>).</param>
    /// <param name="climatePueRows">Room for each site's climate PUE (<see cref="ClimatePue"/>).</param>
    public PathBuffers(int siteCount, int paths, bool npvOnly = false, int workers = 1, bool climatePueRows = false)
    {
        Entities = siteCount + 1;
        Paths = paths;
        _values = npvOnly ? default : PathMemory.Allocate(checked(MetricNames.Count * Entities * paths), workers);
        _occurrence = npvOnly ? default : PathMemory.Allocate(checked(Entities * paths));
        _npv = PathMemory.Allocate(checked(Entities * paths));
        _financialNpv = npvOnly ? default : PathMemory.Allocate(checked(FinancialSeries.NpvRows * Entities * paths), workers);
        _climatePue = climatePueRows && !npvOnly ? PathMemory.Allocate(checked(siteCount * paths), workers) : default;
        Blocks = (paths + PathKernel.BlockSize - 1) / PathKernel.BlockSize;
        SkippedBlocks = npvOnly ? [] : new bool[MetricNames.Count * Entities * Blocks];
        SkippedBits = npvOnly ? [] : new long[SkippedBlocks.Length];
    }

    /// <summary>
    /// The buffers of the last run that gave them back (<see cref="Return"/>), kept for the next run
    /// of the same shape: at most one set, dropped when a run of another shape asks.
    /// </summary>
    /// <remarks>
    /// Why: <c>run</c> simulates one scenario per <c>Simulator.Run</c> (its checkpoints), and each
    /// took fresh buffers (some 280 MB at the standard workload's 100,000 paths) whose first touch
    /// the host backs page by page: 1.6 s of a one-worker run's 18 s went to clearing pages.
    /// Clearing 280 MB already backed takes 12–16 ms here (fresh, in 4 KiB pages: 0.93 s;
    /// docs/performance.md, seventeenth session).
    /// </remarks>
    private static PathBuffers? _spare;

    /// <summary>
    /// Buffers as the constructor makes them (every value +0, no block marked skipped), the spare
    /// set cleared when it has this shape, else new ones.
    /// </summary>
    /// <inheritdoc cref="PathBuffers(int, int, bool, int, bool)" path="/param"/>
    public static PathBuffers Rent(int siteCount, int paths, int workers, bool climatePueRows)
    {
        var spare = Interlocked.Exchange(ref _spare, null);
        if (spare is not null && spare.Entities == siteCount + 1 && spare.Paths == paths
            && spare._values.Count > 0 && (spare._climatePue.Count > 0) == climatePueRows)
        {
            spare.Clear(workers);
            return spare;
        }

        return new PathBuffers(siteCount, paths, workers: workers, climatePueRows: climatePueRows);
    }

    /// <summary>Keeps <paramref name="buffers"/> (no longer used by its run) for the next <see cref="Rent"/>.</summary>
    public static void Return(PathBuffers buffers) => Volatile.Write(ref _spare, buffers);

    /// <summary>Every value +0 and no block marked, as new.</summary>
    private void Clear(int workers)
    {
        foreach (var segment in (ReadOnlySpan<ArraySegment<double>>)[_values, _occurrence, _npv, _financialNpv, _climatePue])
        {
            if (segment.Array is { } array)
            {
                PathMemory.Clear(array, workers);
            }
        }

        Array.Clear(SkippedBlocks);
        Array.Clear(SkippedBits);
    }

    public int Entities { get; }

    public int Paths { get; }

    /// <summary>
    /// The metric rows (each array here starts on a 64-byte line, <see cref="PathMemory.Allocate"/>;
    /// with <see cref="Paths"/> a multiple of 8, so do the rows and the blocks' columns).
    /// </summary>
    public Span<double> Values => PathMemory.Span(_values);

    /// <summary>Largest single occurrence per (entity, path) for the OEP curve; the simulator has the kernel write it in the horizon years only.</summary>
    public Span<double> Occurrence => PathMemory.Span(_occurrence);

    /// <summary>Discounted total climate cost summed over the years so far, per (entity, path).</summary>
    public Span<double> Npv => PathMemory.Span(_npv);

    /// <summary>Discounted statement effects summed over the years so far, per (row of <see cref="FinancialSeries"/>, entity, path) at <see cref="FinancialSeries.NpvIndex"/>.</summary>
    public Span<double> FinancialNpv => PathMemory.Span(_financialNpv);

    /// <summary>
    /// Each site's climate PUE per path, [site · N + path], in the years the kernel keeps it
    /// instead of the site's six PUE rows (<see cref="PueRows"/>; <see cref="PathKernel.EvaluateBlock"/>'s
    /// mapRows); empty unless asked for.
    /// </summary>
    public Span<double> ClimatePue => PathMemory.Span(_climatePue);

    /// <summary>Blocks of <see cref="PathKernel.BlockSize"/> columns per row.</summary>
    public int Blocks { get; }

    /// <summary>
    /// [(metric · E + entity) · Blocks + block]: the kernel left that block of the row unwritten
    /// because all its values were one value repeated, whose bits are kept in <see cref="SkippedBits"/>
    /// (<see cref="PathKernel.EvaluateBlock"/>'s skipRepeatedRows), so the columns hold whatever
    /// an earlier year left there until <see cref="FillSkipped"/>.
    /// </summary>
    public bool[] SkippedBlocks { get; }

    /// <summary>
    /// The bits of each skipped block's repeated value (never NaN), indexed like
    /// <see cref="SkippedBlocks"/>: one per block, not per path (under 0.4 % of <see cref="Values"/>),
    /// so <see cref="SimulationMemory"/> leaves it out like the flags.
    /// </summary>
    public long[] SkippedBits { get; }

    public int BlockFlag(Metric metric, int entity, int block) => (((((int)metric * Entities) + entity) * Blocks) + block);

    /// <summary>How many blocks of the cell the kernel skipped as one value repeated.</summary>
    public int SkippedBlockCount(Metric metric, int entity)
    {
        return SkippedBlocks.AsSpan(BlockFlag(metric, entity, 0), Blocks).Count(true);
    }

    /// <summary>
    /// Whether every block of the cell was skipped with the same value (the same bits), so the
    /// cell is <see cref="Paths"/> copies of <paramref name="value"/> and need not be read.
    /// </summary>
    public bool TryRepeatedCell(Metric metric, int entity, out double value)
    {
        var first = BlockFlag(metric, entity, 0);
        var flags = SkippedBlocks.AsSpan(first, Blocks);
        var bits = SkippedBits.AsSpan(first, Blocks);
        value = BitConverter.Int64BitsToDouble(bits[0]);
        return !flags.Contains(false) && !bits.ContainsAnyExcept(bits[0]);
    }

    /// <summary>Writes each skipped block's value into its columns and clears the marks, so <see cref="Cell"/> holds the year's values.</summary>
    public void FillSkipped(Metric metric, int entity)
    {
        var first = BlockFlag(metric, entity, 0);
        var flags = SkippedBlocks.AsSpan(first, Blocks);
        var offset = Offset(metric, entity);
        for (var block = 0; block < flags.Length; block++)
        {
            if (flags[block])
            {
                var column = block * PathKernel.BlockSize;
                Values.Slice(offset + column, Math.Min(PathKernel.BlockSize, Paths - column)).Fill(BitConverter.Int64BitsToDouble(SkippedBits[first + block]));
                flags[block] = false;
            }
        }
    }

    public int Offset(Metric metric, int entity) => (((int)metric * Entities) + entity) * Paths;

    public ReadOnlySpan<double> Cell(Metric metric, int entity) => Values.Slice(Offset(metric, entity), Paths);

    /// <summary>Site <paramref name="site"/>'s climate PUE row (<see cref="ClimatePue"/>).</summary>
    public ReadOnlySpan<double> ClimatePueRow(int site) => ClimatePue.Slice(site * Paths, Paths);
}
