using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// TVaR99's tail sum: the values above x₍ₙ₋ₖ₎ of a cell (k = n/100: 99 values at 10,000 paths,
/// 199 at 20,000, 999 at 100,000), for the samples of <see cref="StatisticsBenchmarks"/> — summed
/// exactly and correctly rounded in any order (<see cref="ExactSum"/>, the engine's since the
/// fifteenth session) against the sort before an ascending sum the engine used until then
/// (<see cref="AscendingTailSum"/>; the former <c>TailSortBenchmarks</c> measured its sort alone).
/// </summary>
public class TailSumBenchmarks
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
    public double SortedAscending()
    {
        _above.CopyTo(_values, 0);
        return AscendingTailSum.Sum(_values, _work);
    }

    [Benchmark]
    public double Exact()
    {
        var sum = default(ExactSum);
        sum.AddRange(_above);
        return sum.Round();
    }
}
