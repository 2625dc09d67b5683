using ClimateRisk.Cli.Commands;
using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>run --shard + merge through the CLI, against one run of the same paths.</summary>
public sealed class MergeCommandTests : IDisposable
{
    private readonly string _root = CliHarness.TempPath("merge");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static RunRequest Request(string outPath, string? shard = null) => new()
    {
        Scenarios = ["ngfs-ndcs"],
        Paths = 1_001,
        Years = "2029..2031",
        Out = outPath,
        Workers = 2,
        Shard = shard,
    };

    private static Merge Run(IReadOnlyList<string> shards, string outPath)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = MergeCommand.Execute(shards, outPath, force: false, [], output, error);
        return new Merge(code, output.ToString(), error.ToString());
    }

    private sealed record Merge(int ExitCode, string Output, string Error);

    private static Dictionary<string, string[]> Rows(string file) => File.ReadAllLines(file).Skip(1)
        .Select(l => l.Split(','))
        .ToDictionary(f => string.Join(',', f.Take(4)), f => f);

    [Fact]
    public void Three_shards_merge_to_the_single_runs_means_and_counts()
    {
        var shards = Enumerable.Range(0, 3).Select(i => Path.Combine(_root, $"shard-{i}")).ToArray();
        for (var i = 0; i < 3; i++)
        {
            CliHarness.Run(Request(shards[i], $"{i}/3")).ExitCode.Should().Be(0);
            File.Exists(Path.Combine(shards[i], "partial.bin")).Should().BeTrue();
        }

        var merged = Path.Combine(_root, "merged");
        var outcome = Run(shards, merged);
        outcome.ExitCode.Should().Be(0, outcome.Error);
        var single = Path.Combine(_root, "single");
        CliHarness.Run(Request(single)).ExitCode.Should().Be(0);

        var a = Rows(Path.Combine(merged, "results", "site_year.csv"));
        var b = Rows(Path.Combine(single, "results", "site_year.csv"));
        a.Keys.Should().BeEquivalentTo(b.Keys);
        foreach (var (key, row) in b)
        {
            double Value(string[] r, int i) => r[i].Length == 0 ? double.NaN : double.Parse(r[i], System.Globalization.CultureInfo.InvariantCulture);
            var mean = Value(row, 4);
            Value(a[key], 4).Should().BeApproximately(mean, 1e-12 * Math.Max(1, Math.Abs(mean)) + (1e-12 * Value(row, 6)), key);
            a[key][^1].Should().Be(row[^1], $"p_exceed of {key} is a count");
        }
    }

    [Fact]
    public void A_missing_shard_is_refused_and_nothing_is_written()
    {
        var shards = Enumerable.Range(0, 3).Select(i => Path.Combine(_root, $"shard-{i}")).ToArray();
        foreach (var i in new[] { 0, 2 })
        {
            CliHarness.Run(Request(shards[i], $"{i}/3")).ExitCode.Should().Be(0);
        }

        var merged = Path.Combine(_root, "merged");
        var outcome = Run([shards[0], shards[2]], merged);
        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Contain("Paths 333..666 are missing");
        Directory.Exists(merged).Should().BeFalse();
    }

    [Fact]
    public void A_directory_that_is_not_a_shard_is_refused()
    {
        Directory.CreateDirectory(_root);
        var outcome = Run([_root], Path.Combine(_root, "merged"));
        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Contain("a directory written by 'run --shard' (with manifest.json and partial.bin)");
    }

    [Fact]
    public void An_option_merge_does_not_have_is_refused_as_an_option_not_read_as_a_shard_directory()
    {
        var merged = Path.Combine(_root, "merged");
        var outcome = CliHarness.Invoke("merge", Path.Combine(_root, "shard-0"), "--no-pdf", "--out", merged);

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().StartWith("error: unknown option '--no-pdf' (merge takes shard directories, --out and --force)" + Environment.NewLine);
        outcome.Error.Should().NotContain("expected a directory");
        Directory.Exists(merged).Should().BeFalse();
    }

    [Fact]
    public void A_shard_with_one_flipped_byte_is_refused_naming_it_and_nothing_is_written()
    {
        var shards = Enumerable.Range(0, 2).Select(i => Path.Combine(_root, $"shard-{i}")).ToArray();
        for (var i = 0; i < 2; i++)
        {
            CliHarness.Run(Request(shards[i], $"{i}/2")).ExitCode.Should().Be(0);
        }

        var damaged = Path.Combine(shards[1], "partial.bin");
        var bytes = File.ReadAllBytes(damaged);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(damaged, bytes);

        var merged = Path.Combine(_root, "merged");
        var outcome = Run(shards, merged);

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Contain(damaged).And.Contain("checksum mismatch").And.Contain("run the shard again");
        Directory.Exists(merged).Should().BeFalse();
        Directory.GetFileSystemEntries(_root).Should().BeEquivalentTo(shards, "no partial merge output is left behind");
    }
}
