using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Random;

namespace ClimateRisk.Benchmarks;

/// <summary>Cost of one counter-based uniform and one normal (Philox4x32-10 + AS241).</summary>
public class RandomBenchmarks
{
    private const int Draws = 4096;
    private readonly CounterRng _rng = new(20231231);

    [Benchmark(OperationsPerInvoke = Draws)]
    public double Uniform()
    {
        var sum = 0.0;
        for (var p = 0; p < Draws; p++)
        {
            sum += _rng.Uniform(RandomStreamId.Flood, p, 2030, 7, 0);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Draws)]
    public double Normal()
    {
        var sum = 0.0;
        for (var p = 0; p < Draws; p++)
        {
            sum += _rng.Normal(RandomStreamId.Flood, p, 2030, 7, 0);
        }

        return sum;
    }
}
