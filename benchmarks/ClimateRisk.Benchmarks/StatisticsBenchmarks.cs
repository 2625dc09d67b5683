using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The per-cell reduction on 20,000 and 100,000 paths of a loss-like sample (60 % zeros,
/// lognormal tail), a loss with 10 % zeros, and a continuous one (a PUE-like normal): the
/// current reduction (radix selection)
/// against the split-and-quickselect before it (the baseline), the quickselect before that, a
/// full sort, and the two-pass moments alone (which every variant computes).
/// </summary>
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    private double[] _values = [];
    private double[] _scratch = [];

    [Params(10_000, 20_000, 100_000)]
    public int Paths { get; set; }

    [Params("loss", "sparse", "continuous")]
    public string Sample { get; set; } = "loss";

    [GlobalSetup]
    public void Setup()
    {
        _values = SampleOf(Sample, Paths);
        _scratch = new double[Paths];
    }

    /// <summary>
    /// <paramref name="paths"/> values of a sample kind (seeded): "loss" (60 % zeros, lognormal
    /// tail), "sparse" (10 % zeros), otherwise "continuous" (a PUE-like normal).
    /// </summary>
    internal static double[] SampleOf(string kind, int paths)
    {
        var random = new System.Random(20231231);
        var values = new double[paths];
        for (var i = 0; i < paths; i++)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            values[i] = kind switch
            {
                "loss" => random.NextDouble() < 0.6 ? 0.0 : Math.Exp(12 + (1.5 * z)),
                "sparse" => random.NextDouble() < 0.1 ? 0.0 : Math.Exp(12 + (1.5 * z)),
                _ => 1.3 + (0.05 * z),
            };
        }

        return values;
    }

    [Benchmark]
    public CellStatistics PreviousQuickselect() => PreviousSummary.Summarize(_values, 1e6, _scratch);

    [Benchmark(Baseline = true)]
    public CellStatistics SplitAndQuickselect() => SelectionSummary.Summarize(_values, 1e6, _scratch);

    [Benchmark]
    public CellStatistics Summarize() => SampleSummary.Summarize(_values, 1e6, _scratch);

    [Benchmark]
    public double FullSort()
    {
        _values.CopyTo(_scratch, 0);
        Array.Sort(_scratch);
        return _scratch[^1];
    }

    [Benchmark]
    public double MomentsOnly() => RunningMoments.Of(_values).Mean;
}
