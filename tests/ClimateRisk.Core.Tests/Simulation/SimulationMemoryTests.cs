using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

public class SimulationMemoryTests
{
    [Theory]
    [InlineData(1, 1_000, 1)]
    [InlineData(8, 3_001, 2)]
    [InlineData(20, 257, 16)]
    public void The_working_set_is_every_array_of_the_path_buffers_plus_a_reduction_array_per_worker_and_one_more(int sites, int paths, int threads)
    {
        var buffers = new PathBuffers(sites, paths);
        // Every per-path array the buffers hold, so that one added to PathBuffers shows here.
        var arrays = typeof(PathBuffers).GetProperties().Where(p => p.PropertyType == typeof(double[])).Select(p => (double[])p.GetValue(buffers)!).ToArray();
        arrays.Should().HaveCount(5);
        var bufferValues = arrays.Sum(a => (long)a.Length);

        SimulationMemory.WorkingSetBytes(sites, paths, threads).Should().Be((bufferValues + ((threads + 1L) * paths)) * sizeof(double));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        FluentActions.Invoking(() => SimulationMemory.WorkingSetBytes(8, 1_000, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => SimulationMemory.WorkingSetBytes(-1, 1_000, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => SimulationMemory.WorkingSetBytes(8, -1, 1)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
