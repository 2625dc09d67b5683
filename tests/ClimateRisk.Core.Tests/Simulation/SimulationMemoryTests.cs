using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

public class SimulationMemoryTests
{
    [Theory]
    [InlineData(1, 1_000, 1)]
    [InlineData(8, 3_001, 2)]
    [InlineData(20, 257, 16)]
    public void The_working_set_is_every_array_of_the_path_buffers_the_path_draw_cache_and_two_reduction_arrays_per_worker_and_one_more(int sites, int paths, int threads)
    {
        // As the simulator makes them: with each site's climate PUE (Simulator.Run).
        var buffers = new PathBuffers(sites, paths, climatePueRows: true);
        // Every per-path array the buffers hold, so that one added to PathBuffers shows here
        // (each up to 7 doubles longer, to start on a line: not counted).
        var arrays = PerPathArrays(buffers);
        arrays.Should().HaveCount(5);
        var bufferValues = arrays.Sum(a => (long)a.Count);

        // The kernel's cache of year-independent path draws: 4 rows (its last block is padded to
        // 256 paths, under 8 KB, which the model does not count).
        var pathDraws = (long)PathDrawCache.Rows * paths;

        SimulationMemory.WorkingSetBytes(sites, paths, threads).Should().Be((bufferValues + pathDraws + (((2L * threads) + 1) * paths)) * sizeof(double));
    }

    [Theory]
    [InlineData(0, 1_000, 1)]
    [InlineData(12, 3_001, 2)]
    [InlineData(40, 257, 16)]
    public void A_comparison_holds_every_array_of_each_workers_work_space_plus_the_npv_rows_it_keeps(int held, int paths, int threads)
    {
        var workspace = new ClimateRisk.Core.Planning.Internal.EvaluationWorkspace(paths);
        // Every per-path array of a work space and of its path buffers, so that one added shows here.
        var buffers = PerPathArrays(workspace.Buffers).Sum(a => (long)a.Count);
        var own = typeof(ClimateRisk.Core.Planning.Internal.EvaluationWorkspace).GetProperties().Where(p => p.PropertyType == typeof(double[])).Sum(p => (long)((double[])p.GetValue(workspace)!).Length);
        own += (long)PathDrawCache.Rows * paths;
        workspace.PathDraws.Capacity.Should().BeInRange(paths, paths + 255);

        SimulationMemory.ComparisonBytes(held, paths, threads).Should().Be(((threads * (buffers + own)) + ((long)held * paths)) * sizeof(double));
    }

    /// <summary>The buffers' arrays (fields, since their properties are spans): every double[] or segment of one.</summary>
    private static ArraySegment<double>[] PerPathArrays(PathBuffers buffers)
    {
        var fields = typeof(PathBuffers).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic);
        fields.Should().NotContain(f => f.FieldType == typeof(double[]), "the per-path arrays are segments from PathMemory.Allocate");
        return fields.Where(f => f.FieldType == typeof(ArraySegment<double>)).Select(f => (ArraySegment<double>)f.GetValue(buffers)!).ToArray();
    }

    [Fact]
    public void The_documented_comparison_example_is_240_mb()
        => SimulationMemory.ComparisonBytes(12, 1_000_000, 2).Should().Be(240_000_000);

    [Fact]
    public void Bad_arguments_are_refused()
    {
        FluentActions.Invoking(() => SimulationMemory.WorkingSetBytes(8, 1_000, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => SimulationMemory.WorkingSetBytes(-1, 1_000, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => SimulationMemory.WorkingSetBytes(8, -1, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => SimulationMemory.ComparisonBytes(-1, 1_000, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => SimulationMemory.ComparisonBytes(1, 1_000, 0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
