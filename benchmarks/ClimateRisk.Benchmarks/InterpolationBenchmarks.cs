using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The kernel's PUE lookup (a table of 901 entries, linear interpolation between neighbours) on
/// a block's row of 256 positions: each register's two neighbours by two pairs of 4-lane hardware
/// gathers (the lookup before the twenty-fourth session) against one 16-byte load a lane and two
/// permutes (<see cref="ILanes{TSelf}.InterpolateNeighbours"/>). Same results, checked in the
/// set-up; divide a mean by 256 for the cost per value.
/// </summary>
public class InterpolationBenchmarks
{
    private const int Paths = 256;
    private readonly double[] _table = new double[901];
    private readonly double[] _index = new double[Paths];
    private readonly double[] _fraction = new double[Paths];
    private readonly double[] _destination = new double[Paths];

    [GlobalSetup]
    public void Setup()
    {
        var random = new System.Random(901);
        for (var i = 0; i < _table.Length; i++)
        {
            _table[i] = 1.3 + (0.2 * Math.Sin(i / 90.0)) + (1e-3 * random.NextDouble());
        }

        for (var p = 0; p < Paths; p++)
        {
            var position = 899.999 * random.NextDouble();
            _index[p] = Math.Floor(position);
            _fraction[p] = position - _index[p];
        }

        var gathered = new double[Paths];
        Gathers();
        _destination.CopyTo(gathered, 0);
        PairLoads();
        if (!gathered.AsSpan().SequenceEqual(_destination))
        {
            throw new InvalidOperationException("The two lookups disagree.");
        }
    }

    [Benchmark(Baseline = true)]
    public void Gathers()
    {
        ref var table = ref _table[0];
        for (var p = 0; p < Paths; p += 8)
        {
            var index = Lanes512.Load(in _index[0], (nuint)p);
            var low = Lanes512.Gather(in table, index);
            var high = Lanes512.Gather(in System.Runtime.CompilerServices.Unsafe.Add(ref table, 1), index);
            Lanes512.Store(low + (Lanes512.Load(in _fraction[0], (nuint)p) * (high - low)), ref _destination[0], (nuint)p);
        }
    }

    [Benchmark]
    public void PairLoads()
    {
        for (var p = 0; p < Paths; p += 8)
        {
            Lanes512.Store(Lanes512.InterpolateNeighbours(in _table[0], Lanes512.Load(in _index[0], (nuint)p), Lanes512.Load(in _fraction[0], (nuint)p)), ref _destination[0], (nuint)p);
        }
    }
}
