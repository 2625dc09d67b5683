using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// QuantileSketch.Build of one shard cell (100,000 paths of a loss-like sample: 60 % zeros,
/// lognormal tail, all non-negative) against the previous logarithmic bucket index.
/// </summary>
[MemoryDiagnoser]
public class SketchBenchmarks
{
    private double[] _values = [];
    private int[] _indices = [];

    [Params(100_000)]
    public int Paths { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new System.Random(20231231);
        _values = new double[Paths];
        _indices = new int[Paths];
        for (var i = 0; i < Paths; i++)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            _values[i] = random.NextDouble() < 0.6 ? 0.0 : Math.Exp(12 + (1.5 * z));
        }
    }

    [Benchmark(Baseline = true)]
    public long PreviousLogIndex() => PreviousSketch.BuildCounts(_values, _indices);

    [Benchmark]
    public long Build() => QuantileSketch.Build(_values).PositiveIndices.Length;
}
