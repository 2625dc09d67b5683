
namespace ClimateRisk.Pipeline.Tests;

public class ShardSpecTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) => name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void Parses_explicit_shards(string text, int index, int count)
    {
        ShardSpec.TryParse(text, Env(), out var spec, out _).Should().BeTrue();
        spec.Should().Be(new ShardSpec(index, count));
    }

    [Theory]
    [InlineData("4/4", "--shard i '4': expected 0 ≤ i < 4")]
    [InlineData("1/0", "--shard n '0': expected the number of shards, ≥ 1")]
    [InlineData("a/2", "--shard i 'a': expected a whole number ≥ 0")]
    [InlineData("1", "--shard '1': expected i/n (0 ≤ i < n) or auto")]
    [InlineData("auto", "--shard auto needs JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm job array) in the environment")]
    public void Rejects_bad_shards_with_a_message(string text, string message)
    {
        ShardSpec.TryParse(text, Env(), out _, out var problem).Should().BeFalse();
        problem.Should().Be(message);
    }

    [Fact]
    public void Auto_reads_a_kubernetes_indexed_job()
    {
        ShardSpec.TryParse("auto", Env(("JOB_COMPLETION_INDEX", "5"), ("CLIMATERISK_SHARDS", "8")), out var spec, out _).Should().BeTrue();
        spec.Should().Be(new ShardSpec(5, 8));
        ShardSpec.TryParse("auto", Env(("JOB_COMPLETION_INDEX", "5")), out _, out var problem).Should().BeFalse();
        problem.Should().StartWith("CLIMATERISK_SHARDS (set it to the Job's completions) '': expected the number of shards");
    }

    [Fact]
    public void Auto_reads_a_slurm_array_with_any_first_index()
    {
        ShardSpec.TryParse("auto", Env(("SLURM_ARRAY_TASK_ID", "12"), ("SLURM_ARRAY_TASK_MIN", "10"), ("SLURM_ARRAY_TASK_COUNT", "4")), out var spec, out _).Should().BeTrue();
        spec.Should().Be(new ShardSpec(2, 4));
    }

    [Fact]
    public void Ranges_tile_the_paths_exactly()
    {
        const int Total = 1_000_003;
        var next = 0L;
        for (var i = 0; i < 7; i++)
        {
            var (first, length) = new ShardSpec(i, 7).Range(Total);
            first.Should().Be(next);
            next = first + length;
        }

        next.Should().Be(Total);
    }
}
