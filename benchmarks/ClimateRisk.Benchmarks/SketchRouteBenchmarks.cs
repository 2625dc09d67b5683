using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// What issue 10's sketch route would cost per value against what the exact route costs
/// (docs/performance.md, "Fourteenth session"). Kernel side, per value of one block's 216 metric
/// rows (256 paths each; the three samples of <see cref="StatisticsBenchmarks"/> in turn, the
/// rows in cache as the kernel has them): the exact route's non-temporal row copy into the path
/// buffers (<see cref="StreamRows"/>, the baseline), a sketch accumulated in the kernel
/// (<see cref="PushIntoSketches"/>) and the bucket indices stored for a later count
/// (<see cref="StoreIndices"/>), and the moments and exceedance count either needs beside them
/// (<see cref="BlockMomentsAndExceedance"/>). Reduction side, per value of three 100,000-path cells: the
/// exact summary (<see cref="SummarizeCells"/>) against counting stored indices
/// (<see cref="CountIndices"/>). The buffers and tables have the standard workload's sizes, so
/// the stores go to memory as in a run; each call writes the next block's columns.
/// </summary>
public class SketchRouteBenchmarks
{
    private const int Cells = 216;
    private const int Block = 256;
    private const int Paths = 100_000;
    private const int Blocks = Paths / Block;

    private static readonly string[] Kinds = ["loss", "sparse", "continuous"];

    private double[][] _rows = [];
    private double[] _buffers = [];
    private ushort[] _indexRows = [];
    private SketchRoute _sketches = new(1, 1);
    private double[][] _cells = [];
    private ushort[][] _cellIndices = [];
    private double[] _scratch = [];
    private int[] _tables = [];
    private int _block;

    [GlobalSetup]
    public void Setup()
    {
        var samples = Kinds.Select(k => StatisticsBenchmarks.SampleOf(k, Paths)).ToArray();
        _rows = Enumerable.Range(0, Cells).Select(c => samples[c % 3].AsSpan((c / 3 % Blocks) * Block, Block).ToArray()).ToArray();
        _buffers = GC.AllocateUninitializedArray<double>(Cells * Paths, pinned: true);
        _buffers.AsSpan().Clear();
        _indexRows = new ushort[Cells * Paths];
        _sketches = new SketchRoute(Cells, 2048);
        _cells = samples;
        _cellIndices = samples.Select(s =>
        {
            var indices = new ushort[Paths];
            for (var b = 0; b < Blocks; b++)
            {
                SketchRoute.StoreIndices(s.AsSpan(b * Block, Block), indices.AsSpan(b * Block, Block));
            }

            return indices;
        }).ToArray();
        _scratch = new double[Paths];
        _tables = new int[8 * 2 * SketchRoute.Slots];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Cells * Block)]
    public void StreamRows()
    {
        var column = NextColumn();
        for (var c = 0; c < Cells; c++)
        {
            PathKernel.StreamRow(_rows[c], _buffers.AsSpan((c * Paths) + column, Block));
        }
    }

    [Benchmark(OperationsPerInvoke = Cells * Block)]
    public void PushIntoSketches()
    {
        for (var c = 0; c < Cells; c++)
        {
            _sketches.Push(_rows[c], c);
        }
    }

    [Benchmark(OperationsPerInvoke = Cells * Block)]
    public void StoreIndices()
    {
        var column = NextColumn();
        for (var c = 0; c < Cells; c++)
        {
            SketchRoute.StoreIndices(_rows[c], _indexRows.AsSpan((c * Paths) + column, Block));
        }
    }

    /// <summary>
    /// What a sketch route must add in the kernel besides the counts: each row's Σx and Σ(x − x̄)²
    /// about the block's own mean (mergeable block by block, as RunningMoments.Combine does) and
    /// its count above a threshold, from the row in cache.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Cells * Block)]
    public double BlockMomentsAndExceedance()
    {
        var total = 0.0;
        for (var c = 0; c < Cells; c++)
        {
            total += SketchRoute.BlockMoments(_rows[c], 1e6);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = 3 * Paths)]
    public double SummarizeCells()
    {
        var sum = 0.0;
        foreach (var cell in _cells)
        {
            sum += SampleSummary.Summarize(cell, 1e6, _scratch).P99;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = 3 * Paths)]
    public long CountIndices()
    {
        long sum = 0;
        foreach (var indices in _cellIndices)
        {
            sum += SketchRoute.CountIndices(indices, _tables);
        }

        return sum;
    }

    private int NextColumn()
    {
        var column = _block * Block;
        _block = (_block + 1) % Blocks;
        return column;
    }
}
