using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Random.Internal;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The per-path scalar generator against the structure-of-arrays batch kernels, for one block
/// of consecutive paths with the rest of the key fixed, and the vector math (exp, log, Φ, Φ⁻¹
/// of <c>VectorMath</c>/<c>VectorNormal</c>) against Math.Exp/Math.Log loops and the
/// libm-exact <c>NormalBatch</c>. Each category's ratio is against its scalar loop; divide a
/// mean by <see cref="Paths"/> for the cost per value.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BatchBenchmarks
{
    private const ulong Seed = 20231231;
    private const long FirstPath = 1_000_000;
    private const uint StreamWord = (uint)RandomStreamId.Flood << 24;
    private readonly CounterRng _rng = new(Seed);
    private double[] _destination = [];
    private double[] _uniforms = [];
    private double[] _normals = [];
    private double[] _exponents = [];

    [Params(256, 4096)]
    public int Paths { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _destination = new double[Paths];
        _uniforms = new double[Paths];
        _normals = new double[Paths];
        PhiloxBatch.UniformsScalar(Seed, RandomStreamId.Flood, FirstPath, 2030, 7, 0, _uniforms);
        PhiloxBatch.NormalsScalar(Seed, RandomStreamId.Flood, FirstPath, 2030, 7, 0, _normals);

        // Lognormal factors and Poisson terms: exponents of a few units either side of 0.
        _exponents = _normals.Select(z => 3 * z).ToArray();

        if (PhiloxBatch.Uses512BitKernel)
        {
            var current = new double[Paths];
            var previous = new double[Paths];
            PhiloxBatch.UniformsAvx512(Seed, FirstPath, 2030, 7, StreamWord, current);
            PreviousPhiloxAvx512.UniformsAvx512(Seed, FirstPath, 2030, 7, StreamWord, previous);
            if (!current.AsSpan().SequenceEqual(previous) || !current.AsSpan().SequenceEqual(_uniforms))
            {
                throw new InvalidOperationException("The 512-bit uniform kernels disagree with each other or with the scalar generator.");
            }

            // Since the sixteenth session the two are different approximations: each within
            // 4 ulps of the correctly rounded value (VectorNormalTests), so within 8 of each other.
            VectorNormal.InvCdf(_uniforms, current);
            PreviousInvCdfCompacted.InvCdf(_uniforms, previous);
            if (current.Zip(previous).Any(c => Math.Abs(c.First - c.Second) > 8 * (Math.BitIncrement(Math.Abs(c.Second)) - Math.Abs(c.Second))))
            {
                throw new InvalidOperationException("The span Φ⁻¹ disagrees with its previous form by more than 8 ulps.");
            }
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Uniform")]
    public double UniformScalarLoop()
    {
        var destination = _destination;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = _rng.Uniform(RandomStreamId.Flood, FirstPath + i, 2030, 7, 0);
        }

        return destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Uniform")]
    public double UniformBatch()
    {
        PhiloxBatch.Uniforms(Seed, RandomStreamId.Flood, FirstPath, 2030, 7, 0, _destination);
        return _destination[^1];
    }

    /// <summary>The 512-bit kernel alone (no AVX2 or scalar tail: <see cref="Paths"/> is a multiple of 16).</summary>
    [Benchmark]
    [BenchmarkCategory("Uniform")]
    public double UniformAvx512()
    {
        if (!PhiloxBatch.Uses512BitKernel)
        {
            return double.NaN; // no AVX-512 here: nothing to time
        }

        PhiloxBatch.UniformsAvx512(Seed, FirstPath, 2030, 7, StreamWord, _destination);
        return _destination[^1];
    }

    /// <summary>The 512-bit kernel before the fourth pass (<see cref="PreviousPhiloxAvx512"/>).</summary>
    [Benchmark]
    [BenchmarkCategory("Uniform")]
    public double UniformAvx512Previous()
    {
        if (!PhiloxBatch.Uses512BitKernel)
        {
            return double.NaN; // no AVX-512 here: nothing to time
        }

        PreviousPhiloxAvx512.UniformsAvx512(Seed, FirstPath, 2030, 7, StreamWord, _destination);
        return _destination[^1];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Normal")]
    public double NormalScalarLoop()
    {
        var destination = _destination;
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = _rng.Normal(RandomStreamId.Flood, FirstPath + i, 2030, 7, 0);
        }

        return destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Normal")]
    public double NormalsBatch()
    {
        PhiloxBatch.Normals(Seed, RandomStreamId.Flood, FirstPath, 2030, 7, 0, _destination);
        return _destination[^1];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("InvCdf")]
    public double InvCdfScalarLoop()
    {
        var destination = _destination;
        var uniforms = _uniforms;
        for (var i = 0; i < uniforms.Length; i++)
        {
            destination[i] = StandardNormal.InvCdfUnchecked(uniforms[i]);
        }

        return destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("InvCdf")]
    public double InvCdfBatch()
    {
        NormalBatch.InvCdf(_uniforms, _destination);
        return _destination[^1];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Cdf")]
    public double CdfScalarLoop()
    {
        var destination = _destination;
        var normals = _normals;
        for (var i = 0; i < normals.Length; i++)
        {
            destination[i] = StandardNormal.Cdf(normals[i]);
        }

        return destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Cdf")]
    public double CdfBatch()
    {
        NormalBatch.Cdf(_normals, _destination);
        return _destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("InvCdf")]
    public double InvCdfVector()
    {
        VectorNormal.InvCdf(_uniforms, _destination);
        return _destination[^1];
    }

    /// <summary>The span Φ⁻¹ before the sixteenth session (<see cref="PreviousInvCdfCompacted"/>: AS 241, the tails on a list; 512-bit lanes).</summary>
    [Benchmark]
    [BenchmarkCategory("InvCdf")]
    public double InvCdfVectorPrevious()
    {
        PreviousInvCdfCompacted.InvCdf(_uniforms, _destination);
        return _destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Cdf")]
    public double CdfVector()
    {
        VectorNormal.Cdf(_normals, _destination);
        return _destination[^1];
    }

    /// <summary>The span Φ before the sixteenth session (<see cref="PreviousVectorCdf"/>: exp and G on every lane).</summary>
    [Benchmark]
    [BenchmarkCategory("Cdf")]
    public double CdfVectorPrevious()
    {
        PreviousVectorCdf.Cdf(_normals, _destination);
        return _destination[^1];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Exp")]
    public double ExpMathLoop()
    {
        var destination = _destination;
        var x = _exponents;
        for (var i = 0; i < x.Length; i++)
        {
            destination[i] = Math.Exp(x[i]);
        }

        return destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Exp")]
    public double ExpVector()
    {
        VectorMath.Exp(_exponents, _destination);
        return _destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Exp")]
    public double ExpScalarLoop()
    {
        var destination = _destination;
        var x = _exponents;
        for (var i = 0; i < x.Length; i++)
        {
            destination[i] = VectorMath.Exp(x[i]);
        }

        return destination[^1];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Log")]
    public double LogMathLoop()
    {
        var destination = _destination;
        var x = _uniforms;
        for (var i = 0; i < x.Length; i++)
        {
            destination[i] = Math.Log(x[i]);
        }

        return destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Log")]
    public double LogVector()
    {
        VectorMath.Log(_uniforms, _destination);
        return _destination[^1];
    }

    [Benchmark]
    [BenchmarkCategory("Log")]
    public double LogScalarLoop()
    {
        var destination = _destination;
        var x = _uniforms;
        for (var i = 0; i < x.Length; i++)
        {
            destination[i] = VectorMath.Log(x[i]);
        }

        return destination[^1];
    }
}
