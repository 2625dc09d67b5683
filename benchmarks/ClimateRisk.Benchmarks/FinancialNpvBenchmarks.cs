using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// One year of the running financial NPVs' accumulation as the kernel does it with one worker:
/// block by block, the 8 sites and the portfolio of each block, 100,000 paths (36 MB of NPVs).
/// The current layout with its prefetch (<see cref="FinancialSeries.AccumulateBlock"/>) against
/// the previous one (<see cref="PreviousFinancialNpv"/>). The kernel's other memory traffic (the
/// rows streamed out, about 200 B per site-year) is absent here, so this isolates the
/// accumulation; divide a mean by 900,000 for the cost per entity-path-year.
/// </summary>
public class FinancialNpvBenchmarks
{
    private const int Paths = 100_000;
    private const int Entities = 9;
    private readonly double[][] _rows = new double[Entities][];
    private readonly double[] _npv = new double[FinancialSeries.NpvRows * Entities * Paths];

    [GlobalSetup]
    public void Setup()
    {
        var random = new System.Random(20261205);
        for (var e = 0; e < Entities; e++)
        {
            _rows[e] = new double[MetricNames.Count * PathKernel.BlockSize];
            for (var i = 0; i < _rows[e].Length; i++)
            {
                _rows[e][i] = random.Next(3) == 0 ? 0 : random.NextDouble() * 1e6;
            }
        }
    }

    [Benchmark(Baseline = true)]
    public void Previous()
    {
        for (var first = 0; first < Paths; first += PathKernel.BlockSize)
        {
            var count = Math.Min(PathKernel.BlockSize, Paths - first);
            for (var e = 0; e < Entities; e++)
            {
                PreviousFinancialNpv.AccumulateBlock(_rows[e], PathKernel.BlockSize, count, 0.97, _npv, Entities * Paths, (e * Paths) + first);
            }
        }
    }

    [Benchmark]
    public void Current()
    {
        for (var first = 0; first < Paths; first += PathKernel.BlockSize)
        {
            var count = Math.Min(PathKernel.BlockSize, Paths - first);
            for (var e = 0; e < Entities; e++)
            {
                FinancialSeries.AccumulateBlock(_rows[e], PathKernel.BlockSize, count, 0.97, _npv, Entities, e, first);
            }
        }
    }
}
