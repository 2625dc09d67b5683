namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// The jobs of a year's reduction phase numbered in the order of <see cref="YearJob"/> — each
/// kind's jobs together, the kinds whose jobs take longest first — so that the workers, which
/// take chunks from the two ends (<see cref="ItemQueue"/>), end the phase on single cells.
/// </summary>
/// <remarks>
/// Why one phase: a horizon year ran its cells, its curves and its items as three phases, and
/// the scenario's NPVs two more after the last year; each phase ends with one worker waiting for
/// the other, and the nine item jobs (about 1.5 ms each at 100,000 paths) could leave one worker
/// alone for most of one (docs/performance.md, twenty-second session).
/// </remarks>
internal readonly struct YearJobs
{
    private readonly int _npvItemsFrom;
    private readonly int _npvCellsFrom;
    private readonly int _curvesFrom;
    private readonly int _cellsFrom;

    /// <param name="horizonItems">Entities whose horizon items are due (0 outside the horizons).</param>
    /// <param name="npvItems">Financial NPV cells (0 but in the scenario's last year).</param>
    /// <param name="npvCells">Entities' total-cost NPV cells (0 but in the last year).</param>
    /// <param name="curves">AEP and OEP curves (0 outside the horizons).</param>
    /// <param name="cells">Metric cells.</param>
    public YearJobs(int horizonItems, int npvItems, int npvCells, int curves, int cells)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(horizonItems);
        ArgumentOutOfRangeException.ThrowIfNegative(npvItems);
        ArgumentOutOfRangeException.ThrowIfNegative(npvCells);
        ArgumentOutOfRangeException.ThrowIfNegative(curves);
        ArgumentOutOfRangeException.ThrowIfNegative(cells);
        HorizonItems = horizonItems;
        NpvItems = npvItems;
        NpvCells = npvCells;
        Curves = curves;
        _npvItemsFrom = horizonItems;
        _npvCellsFrom = _npvItemsFrom + npvItems;
        _curvesFrom = _npvCellsFrom + npvCells;
        _cellsFrom = _curvesFrom + curves;
        Count = checked(_cellsFrom + cells);
    }

    public int HorizonItems { get; }

    public int NpvItems { get; }

    public int NpvCells { get; }

    public int Curves { get; }

    /// <summary>All jobs.</summary>
    public int Count { get; }

    /// <summary>Job <paramref name="job"/>'s kind and its index among the jobs of that kind.</summary>
    public (YearJob Kind, int Index) Of(int job)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(job);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(job, Count);
        return job < _npvItemsFrom ? (YearJob.HorizonItems, job)
            : job < _npvCellsFrom ? (YearJob.NpvItem, job - _npvItemsFrom)
            : job < _curvesFrom ? (YearJob.NpvCell, job - _npvCellsFrom)
            : job < _cellsFrom ? (YearJob.Curve, job - _curvesFrom)
            : (YearJob.Cell, job - _cellsFrom);
    }
}
