using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The per-cell reduction on 100,000 paths of a loss-like sample (60 % zeros, lognormal
/// tail) and of a continuous one (a PUE-like normal): the current reduction (radix selection)
/// against the split-and-quickselect before it (the baseline), the quickselect before that, a
/// full sort, and the two-pass moments alone (which every variant computes).
/// </summary>
[MemoryDiagnoser]
public class StatisticsBenchmarks
{
    private double[] _values = [];
    private double[] _scratch = [];

    [Params(20_000, 100_000)]
    public int Paths { get; set; }

    [Params("loss", "continuous")]
    public string Sample { get; set; } = "loss";

    [GlobalSetup]
    public void Setup()
    {
        var random = new System.Random(20231231);
        _values = new double[Paths];
        _scratch = new double[Paths];
        for (var i = 0; i < Paths; i++)
        {
            var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            _values[i] = Sample == "loss"
                ? (random.NextDouble() < 0.6 ? 0.0 : Math.Exp(12 + (1.5 * z)))
                : 1.3 + (0.05 * z);
        }
    }

    [Benchmark]
    public CellStatistics PreviousQuickselect() => PreviousSummary.Summarize(_values, 1e6, _scratch);

    [Benchmark(Baseline = true)]
    public CellStatistics SplitAndQuickselect() => SelectionSummary.Summarize(_values, 1e6, _scratch);

    [Benchmark]
    public CellStatistics Summarize() => SampleSummary.Summarize(_values, 1e6, _scratch);

    /// <summary>The reduction with the first level's full histogram (before the subsample placement).</summary>
    [Benchmark]
    public CellStatistics SummarizeFullHistogram() => SampleSummary.Reduce(_values, 1e6, _scratch, sampled: false);

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
