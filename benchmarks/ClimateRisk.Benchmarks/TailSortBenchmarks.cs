using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Statistics.Internal;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The tail sort of the reduction (<see cref="RadixSelect.SortAscending"/>): the values above
/// x₍ₙ₋ₖ₎ of a cell (k = n/100: 99 values at 10,000 paths, 199 at 20,000, 999 at 100,000), which
/// TVaR99 adds in ascending order, for the samples of <see cref="StatisticsBenchmarks"/>; against
/// <see cref="MemoryExtensions.Sort{T}(Span{T})"/>.
/// </summary>
public class TailSortBenchmarks
{
    private double[] _above = [];
    private double[] _values = [];
    private double[] _work = [];

    [Params("loss", "sparse", "continuous")]
    public string Sample { get; set; } = "loss";

    [Params(10_000, 20_000, 100_000)]
    public int Paths { get; set; } = 100_000;

    [GlobalSetup]
    public void Setup()
    {
        var paths = Paths;
        var sample = StatisticsBenchmarks.SampleOf(Sample, paths);
        var sorted = (double[])sample.Clone();
        Array.Sort(sorted);
        var threshold = sorted[paths - (paths / 100) - 1];
        _above = sample.Where(v => v > threshold).ToArray();
        _values = new double[_above.Length];
        _work = new double[_above.Length];
    }

    [Benchmark(Baseline = true)]
    public double SortAscending()
    {
        _above.CopyTo(_values, 0);
        return RadixSelect.SortAscending(_values, _work)[^1];
    }

    [Benchmark]
    public double SpanSort()
    {
        _above.CopyTo(_values, 0);
        _values.AsSpan().Sort();
        return _values[^1];
    }
}
