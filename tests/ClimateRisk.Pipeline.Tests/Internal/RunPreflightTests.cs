using ClimateRisk.Core.Simulation;
using ClimateRisk.Pipeline.Internal;

namespace ClimateRisk.Pipeline.Tests.Internal;

/// <summary>
/// run's options checked before anything is simulated. Expected numbers by hand (python3):
/// 2,147,483,591 // (31 · 9) = 7,697,073 paths in one array for 8 sites; 8 sites on 2 workers
/// need (9 · 38 + 8 + 5 + 2 · 2 + 1) · 8 = 2,880 B per path (the 8 are the sites' climate PUE), so
/// 1,000,000 paths need 2.68 GiB and 512 MiB holds 536,870,912 // 2,880 = 186,413 paths; 4 GiB
/// holds 1,491,308.
/// Compare on 2 workers: each worker's work space is 2 + 5 + 2 = 9 rows (NPV, path-draw cache,
/// sample and work row); with 12 candidates (2 · 9 + 12) · 8 = 240 B per path, so 4,000,000 paths
/// need 0.89 GiB and 512 MiB holds 536,870,912 // 240 = 2,236,962 paths.
/// </summary>
public class RunPreflightTests
{
    private const long Gib = 1L << 30;

    private static SimulationSettings Settings(int paths) => new() { Paths = paths, Workers = 2 };

    [Fact]
    public void The_largest_array_bound_follows_the_metric_count()
    {
        MetricNames.Count.Should().Be(31);
        SimulationMemory.MaxPaths(8).Should().Be(7_697_073);
        SimulationMemory.MaxPaths(1).Should().Be(34_636_832);
    }

    [Fact]
    public void A_run_that_fits_has_no_problem()
    {
        RunPreflight.Problem(Settings(20_000), null, sites: 8, availableBytes: 4 * Gib).Should().BeNull();
        RunPreflight.Problem(Settings(186_413), null, sites: 8, availableBytes: Gib / 2).Should().BeNull("the largest --paths the message offers must fit");
        RunPreflight.Problem(Settings(6), new ShardSpec(2, 3), sites: 8, availableBytes: Gib).Should().BeNull();
    }

    [Fact]
    public void Paths_beyond_a_dotnet_array_are_refused_with_the_largest_that_works()
    {
        RunPreflight.Problem(Settings(8_000_000), null, sites: 8, availableBytes: 1024 * Gib).Should().Be(
            "error: --paths 8,000,000: a path buffer of 31 metrics × 9 sites and portfolio × 8,000,000 paths does not fit in one .NET array (at most 2,147,483,591 values); the largest --paths for 8 sites is 7,697,073 (split a larger run with --shard).");
        RunPreflight.Problem(Settings(int.MaxValue), null, sites: 8, availableBytes: long.MaxValue).Should().StartWith("error: --paths 2,147,483,647: a path buffer of 31 metrics");
        RunPreflight.Problem(Settings(7_697_073), null, sites: 8, availableBytes: 1024 * Gib).Should().BeNull();
    }

    [Fact]
    public void Paths_beyond_the_available_memory_are_refused_saying_how_much_they_need()
    {
        RunPreflight.Problem(Settings(1_000_000), null, sites: 8, availableBytes: Gib / 2).Should().Be(
            "error: --paths 1,000,000: the path buffers of 8 sites on 2 workers need 2.7 GiB of memory, 0.5 GiB is available; the largest --paths that fits is 186,413 (split a larger run with --shard).");
        RunPreflight.Problem(Settings(191_194), null, sites: 8, availableBytes: Gib / 2).Should().NotBeNull();
    }

    [Fact]
    public void A_shard_is_checked_for_its_own_paths()
    {
        RunPreflight.Problem(Settings(4_000_000), new ShardSpec(0, 2), sites: 8, availableBytes: 4 * Gib).Should().Be(
            "error: --paths per shard 2,000,000: the path buffers of 8 sites on 2 workers need 5.4 GiB of memory, 4.0 GiB is available; the largest --paths that fits is 1,491,308 per shard (--paths 2,982,616 over 2 shards), or use more shards.");
        RunPreflight.Problem(Settings(4_000_000), new ShardSpec(0, 4), sites: 8, availableBytes: 4 * Gib).Should().BeNull();
    }

    [Theory]
    [InlineData(5, 3, "error: --paths 5 over --shard 0/3: a shard would get 1 path; each of the 3 shards needs at least 2 (for its standard error): give --paths 6 or more, or at most 2 shards.")]
    [InlineData(10, 20, "error: --paths 10 over --shard 0/20: a shard would get 0 paths; each of the 20 shards needs at least 2 (for its standard error): give --paths 40 or more, or at most 5 shards.")]
    public void A_shard_with_fewer_than_two_paths_is_refused(int paths, int shards, string expected)
    {
        RunPreflight.Problem(Settings(paths), new ShardSpec(0, shards), sites: 8, availableBytes: Gib).Should().Be(expected);
    }

    [Fact]
    public void A_comparison_beyond_the_available_memory_is_refused_saying_how_much_it_needs()
    {
        RunPreflight.CompareProblem(Settings(4_000_000), "12 candidates", 12, Gib / 2).Should().Be(
            "error: --paths 4,000,000: comparing 12 candidates on 2 workers needs 0.9 GiB of memory, 0.5 GiB is available; the largest --paths that fits is 2,236,962 (or compare fewer at a time).");
        RunPreflight.CompareProblem(Settings(2_236_962), "12 candidates", 12, Gib / 2).Should().BeNull("the largest --paths the message offers must fit");
        RunPreflight.CompareProblem(Settings(2_236_963), "12 candidates", 12, Gib / 2).Should().NotBeNull();
    }

    [Fact]
    public void A_comparison_beyond_a_dotnet_array_is_refused_whatever_the_memory()
    {
        RunPreflight.CompareProblem(Settings(40_000_000), "one site", 0, long.MaxValue).Should().Be(
            "error: --paths 40,000,000: a path buffer of 31 metrics × 2 (the site and its portfolio row) × 40,000,000 paths does not fit in one .NET array (at most 2,147,483,591 values); the largest --paths for compare is 34,636,832.");
        RunPreflight.CompareProblem(Settings(34_636_832), "one site", 0, long.MaxValue).Should().BeNull();
    }
}
