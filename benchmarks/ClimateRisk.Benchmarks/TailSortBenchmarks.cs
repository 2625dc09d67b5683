using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Statistics.Internal;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The tail sort of the reduction (<see cref="RadixSelect.SortAscending"/>): the values above
/// x₍ₙ₋ₖ₎ of a 100,000-path cell (k = 1,000), which TVaR99 adds in ascending order, for the
/// samples of <see cref="StatisticsBenchmarks"/>; against <see cref="MemoryExtensions.Sort{T}(Span{T})"/>.
/// </summary>
public class TailSortBenchmarks
{
    private double[] _above = [];
    private double[] _values = [];
    private double[] _work = [];

    [Params("loss", "sparse", "continuous")]
    public string Sample { get; set; } = "loss";

    [GlobalSetup]
    public void Setup()
    {
        const int paths = 100_000;
        var random = new System.Random(20231231);
        var sample = new double[paths];
        for (var i = 0; i < paths; i++)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            sample[i] = Sample switch
            {
                "loss" => random.NextDouble() < 0.6 ? 0.0 : Math.Exp(12 + (1.5 * z)),
                "sparse" => random.NextDouble() < 0.1 ? 0.0 : Math.Exp(12 + (1.5 * z)),
                _ => 1.3 + (0.05 * z),
            };
        }

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
