using ClimateRisk.Core.Random;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// The path-level draws of MODEL §3 and §10 that do not depend on the year — the warming and
/// sea-level normals, the carbon and grid shocks and the base-period heavy-precipitation multiplier — kept per block of
/// <see cref="PathKernel.BlockSize"/> paths after the first year that draws them, so the other
/// years reuse the same numbers instead of drawing them again. They depend on the generator's
/// keys and on the scenario (the shocks' σ), so the cache remembers which it was filled for and
/// empties itself when a kernel of another scenario or generator uses it. 40 B per path, in one
/// array made up front outside the collected generations (<see cref="PathMemory.Allocate"/>).
/// </summary>
/// <remarks>
/// One array rather than one per block (as before): the blocks' 8 KB arrays, made by the first
/// year's workers, were 3.2 MB of the standard run's 13 MB of small-object allocations, and as
/// they live to the end, every collection in the loop copied them (docs/performance.md,
/// twenty-second session).
/// </remarks>
internal sealed class PathDrawCache
{
    private const int B = PathKernel.BlockSize;

    /// <summary>
    /// Rows per block: warming z, sea-level z, carbon shock, grid shock, and the heavy-precipitation
    /// multiplier at the path's base-period warming (floored), a function of its warming z alone.
    /// </summary>
    public const int Rows = 5;

    private readonly ArraySegment<double> _rows;
    private readonly long[] _firstPath;
    private readonly int[] _count;
    private ScenarioPlan? _scenario;
    private (ulong Warming, ulong SeaLevel, ulong Carbon, ulong Grid) _keys;

    public PathDrawCache(int paths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(paths);
        var blocks = (paths + B - 1) / B;
        _rows = PathMemory.Allocate(checked(blocks * Rows * B));
        _firstPath = new long[blocks];
        _count = new int[blocks];
    }

    /// <summary>Paths the cache can hold (columns [0, Capacity)).</summary>
    public int Capacity => _firstPath.Length * B;

    /// <summary>
    /// Makes the cache hold draws of <paramref name="scenario"/> under <paramref name="rng"/>,
    /// emptying it if it held another's. Called before a year's blocks run, on one thread.
    /// </summary>
    public void Bind(ScenarioPlan scenario, CounterRng rng)
    {
        var keys = (rng.KeyFor(RandomStreamId.Warming), rng.KeyFor(RandomStreamId.SeaLevel), rng.KeyFor(RandomStreamId.Carbon), rng.KeyFor(RandomStreamId.Grid));
        if (!ReferenceEquals(scenario, _scenario) || keys != _keys)
        {
            Array.Clear(_count);
            _scenario = scenario;
            _keys = keys;
        }
    }

    /// <summary>Whether the block at column <paramref name="firstIndex"/> holds paths [<paramref name="firstPath"/>, + <paramref name="count"/>) of the bound scenario and generator.</summary>
    public bool TryGet(int firstIndex, long firstPath, int count, out ReadOnlySpan<double> rows)
    {
        var block = firstIndex / B;
        rows = RowsFor(firstIndex);
        return _count[block] == count && count > 0 && _firstPath[block] == firstPath;
    }

    /// <summary>The block's rows to fill ([row · BlockSize + path in block]); <see cref="MarkFilled"/> once written.</summary>
    public Span<double> RowsFor(int firstIndex) => PathMemory.Span(_rows).Slice(firstIndex / B * Rows * B, Rows * B);

    public void MarkFilled(int firstIndex, long firstPath, int count)
    {
        var block = firstIndex / B;
        _firstPath[block] = firstPath;
        _count[block] = count;
    }
}
