using ClimateRisk.Core.Random;
using ClimateRisk.Core.Random.Internal;
using Xunit.Abstractions;

namespace ClimateRisk.Core.Tests.Random;

// Run once more with DOTNET_EnableAVX512=0 (AVX2 kernel alone) and DOTNET_EnableAVX2=0 (scalar)
// to test the dispatch end to end; the *Scalar entry points and the direct kernel calls below
// cover each path on every run.
public class PhiloxBatchTests(ITestOutputHelper output)
{
    [Fact]
    public void Reports_which_kernels_this_machine_runs()
    {
        output.WriteLine($"PhiloxBatch AVX2: {PhiloxBatch.IsHardwareAccelerated}; 512-bit: {PhiloxBatch.Uses512BitKernel}");
        PhiloxBatch.IsHardwareAccelerated.Should().Be(System.Runtime.Intrinsics.X86.Avx2.IsSupported);
    }

    // (seed, first path): the low word of the path wraps at 2³² inside the batch for the second
    // and third, the counter uses only that low word, and the seed's two key words are extreme.
    public static TheoryData<ulong, long> Keys => new()
    {
        { 20231231UL, 0L },
        { 0UL, 0xFFFF_FFF0L },
        { ulong.MaxValue, (5L << 32) - 77 },
        { 0x243F_6A88_85A3_08D3UL, -200L },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Uniforms_equal_the_scalar_generator_bit_for_bit_on_every_length_to_257(ulong seed, long firstPath)
    {
        var rng = new CounterRng(seed);
        var buffer = new double[3 + 257 + 1];
        for (var length = 0; length <= 257; length++)
        {
            // An odd offset into the array, so the vector stores are not 32-byte aligned.
            var destination = buffer.AsSpan(3, length);
            buffer.AsSpan().Fill(double.NaN);
            PhiloxBatch.Uniforms(seed, RandomStreamId.Flood, firstPath, 2040, 0xE40C292Cu, 1, destination);
            for (var i = 0; i < length; i++)
            {
                Bits(destination[i]).Should().Be(Bits(rng.Uniform(RandomStreamId.Flood, firstPath + i, 2040, 0xE40C292Cu, 1)), "length {0}, index {1}", length, i);
            }

            double.IsNaN(buffer[2]).Should().BeTrue("nothing is written before the destination");
            double.IsNaN(buffer[3 + length]).Should().BeTrue("nothing is written past the destination (length {0})", length);
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Uniforms_at_listed_paths_equal_the_scalar_generator_bit_for_bit_on_every_length_to_257(ulong seed, long firstPath)
    {
        // Offsets out of order, repeated and spread over a block and beyond (negative too), as
        // the kernel's lists of paths are not, so a kernel that took lane i for path first + i
        // would fail.
        var random = new System.Random(7);
        var offsets = Enumerable.Range(0, 257).Select(_ => random.Next(-300, 1000)).ToArray();
        offsets[10] = offsets[11];
        var rng = new CounterRng(seed);
        var buffer = new double[3 + 257 + 1];
        for (var length = 0; length <= 257; length++)
        {
            var destination = buffer.AsSpan(3, length);
            buffer.AsSpan().Fill(double.NaN);
            PhiloxBatch.UniformsAt(seed, RandomStreamId.HotDays, firstPath, offsets.AsSpan(0, length), 2040, 0xE40C292Cu, 1, destination);
            for (var i = 0; i < length; i++)
            {
                Bits(destination[i]).Should().Be(Bits(rng.Uniform(RandomStreamId.HotDays, firstPath + offsets[i], 2040, 0xE40C292Cu, 1)), "length {0}, index {1}", length, i);
            }

            double.IsNaN(buffer[2]).Should().BeTrue("nothing is written before the destination");
            double.IsNaN(buffer[3 + length]).Should().BeTrue("nothing is written past the destination (length {0})", length);
        }
    }

    [Fact]
    public void Uniforms_at_listed_paths_refuse_a_destination_shorter_than_the_list()
    {
        var act = () => PhiloxBatch.UniformsAt(1, RandomStreamId.HotDays, 0, [1, 2, 3], 2040, 1, 1, new double[2]);
        act.Should().Throw<ArgumentException>().WithParameterName("destination");
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Each_vector_kernel_on_its_own_equals_the_scalar_generator(ulong seed, long firstPath)
    {
        // Uniforms runs the widest kernel first; calling each directly tests the narrower ones
        // on the bulk of a span too, on any machine that has them.
        var kernels = new List<(string Name, int Block, Func<Memory<double>, int> Run)>();
        const uint C3 = ((uint)RandomStreamId.Surge << 24) | 3;
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            kernels.Add(("AVX2", 8, m => PhiloxBatch.UniformsAvx2(seed, firstPath, 2045, 0xABCDEF01u, C3, m.Span)));
        }

        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
        {
            kernels.Add(("AVX-512", 16, m => PhiloxBatch.UniformsAvx512(seed, firstPath, 2045, 0xABCDEF01u, C3, m.Span)));
        }

        var rng = new CounterRng(seed);
        foreach (var (name, block, run) in kernels)
        {
            for (var length = 0; length <= 257; length++)
            {
                var destination = new double[length];
                var done = run(destination);
                done.Should().Be(length - (length % block), "{0} fills whole blocks", name);
                for (var i = 0; i < done; i++)
                {
                    Bits(destination[i]).Should().Be(Bits(rng.Uniform(RandomStreamId.Surge, firstPath + i, 2045, 0xABCDEF01u, 3)), "{0}, length {1}, index {2}", name, length, i);
                }

                destination.Skip(done).All(x => x == 0).Should().BeTrue("{0} writes nothing past its blocks", name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void The_scalar_fallback_equals_the_scalar_generator(ulong seed, long firstPath)
    {
        var rng = new CounterRng(seed);
        var destination = new double[257];
        PhiloxBatch.UniformsScalar(seed, RandomStreamId.HeatAnomaly, firstPath, 2031, 7, 0, destination);
        for (var i = 0; i < destination.Length; i++)
        {
            Bits(destination[i]).Should().Be(Bits(rng.Uniform(RandomStreamId.HeatAnomaly, firstPath + i, 2031, 7, 0)));
        }

        PhiloxBatch.NormalsScalar(seed, RandomStreamId.HeatAnomaly, firstPath, 2031, 7, 0, destination);
        for (var i = 0; i < destination.Length; i++)
        {
            Bits(destination[i]).Should().Be(Bits(rng.Normal(RandomStreamId.HeatAnomaly, firstPath + i, 2031, 7, 0)));
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Normals_equal_the_scalar_generator_bit_for_bit_on_every_length_to_257(ulong seed, long firstPath)
    {
        var rng = new CounterRng(seed);
        var buffer = new double[257 + 1];
        for (var length = 0; length <= 257; length++)
        {
            var destination = buffer.AsSpan(1, length);
            PhiloxBatch.Normals(seed, RandomStreamId.Warming, firstPath, 0, 0, 0, destination);
            for (var i = 0; i < length; i++)
            {
                Bits(destination[i]).Should().Be(Bits(rng.Normal(RandomStreamId.Warming, firstPath + i, 0, 0, 0)), "length {0}, index {1}", length, i);
            }
        }
    }

    [Fact]
    public void Every_key_part_reaches_the_vector_kernel()
    {
        // Each line changes one part of the key; a kernel that dropped or misplaced a part would
        // still match the scalar generator on the first line only.
        var cases = new (ulong Seed, RandomStreamId Stream, long Path, int Year, uint Site, uint Draw)[]
        {
            (1, RandomStreamId.Wind, 1000, 2050, 99, 0),
            (1UL << 32, RandomStreamId.Wind, 1000, 2050, 99, 0),
            (1, RandomStreamId.Surge, 1000, 2050, 99, 0),
            (1, RandomStreamId.Wind, 1000, -1, 99, 0),
            (1, RandomStreamId.Wind, 1000, 2050, uint.MaxValue, 0),
            (1, RandomStreamId.Wind, 1000, 2050, 99, 0xFFFFFF),
            (1, RandomStreamId.Wind, 1000, 2050, 99, 0x1000001), // bits above 2²⁴ are dropped, as in CounterRng
        };
        var destination = new double[64];
        foreach (var (seed, stream, path, year, site, draw) in cases)
        {
            var rng = new CounterRng(seed);
            PhiloxBatch.Uniforms(seed, stream, path, year, site, draw, destination);
            for (var i = 0; i < destination.Length; i++)
            {
                Bits(destination[i]).Should().Be(Bits(rng.Uniform(stream, path + i, year, site, draw)));
            }
        }
    }

    [Fact]
    public void A_path_gets_the_same_draw_whatever_batch_it_falls_in()
    {
        var whole = new double[300];
        PhiloxBatch.Normals(42, RandomStreamId.Flood, 1_000_000, 2030, 5, 0, whole);
        var part = new double[300];
        foreach (var (start, length) in new[] { (1, 7), (3, 64), (13, 200), (299, 1) })
        {
            PhiloxBatch.Normals(42, RandomStreamId.Flood, 1_000_000 + start, 2030, 5, 0, part.AsSpan(0, length));
            part.AsSpan(0, length).ToArray().Should().Equal(whole.AsSpan(start, length).ToArray());
        }
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
