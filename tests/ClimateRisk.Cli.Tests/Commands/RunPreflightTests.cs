using System.Diagnostics;
using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.IO;
using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>
/// --paths and --shard refused by the command before anything is simulated, leaving nothing
/// under --out. The memory case runs the real program in a child process whose GC heap is
/// capped at 512 MiB (DOTNET_GCHeapHardLimit), which is what TotalAvailableMemoryBytes reports.
/// </summary>
public sealed class RunPreflightTests : IDisposable
{
    private readonly string _out = CliHarness.TempPath("preflight");

    public void Dispose()
    {
        foreach (var path in new[] { _out, RunDirectory.StagingPathOf(_out) }.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private void NothingLeft()
    {
        Directory.Exists(_out).Should().BeFalse();
        Directory.Exists(RunDirectory.StagingPathOf(_out)).Should().BeFalse();
    }

    [Fact]
    public async Task Paths_that_need_more_memory_than_the_process_may_use_are_refused_with_the_largest_that_fits()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "climaterisk.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = TestInputs.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x20000000";
        foreach (var argument in new[] { dll, "run", "--paths", "1000000", "--workers", "2", "--out", _out })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var error = child.StandardError.ReadToEndAsync();
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();

        child.ExitCode.Should().Be(1, output);
        (await error).Should().Be("error: --paths 1,000,000: the path buffers of 8 sites on 2 workers need 2.7 GiB of memory, 0.5 GiB is available; the largest --paths that fits is 186,413 (split a larger run with --shard).\n");
        output.Should().NotContain("ClimateRisk run:");
        NothingLeft();
    }

    [Fact]
    public void Paths_beyond_a_dotnet_array_are_refused_before_anything_runs()
    {
        var outcome = CliHarness.InvokeRun("--paths", "8000000", "--out", _out);

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be("error: --paths 8,000,000: a path buffer of 31 metrics × 9 sites and portfolio × 8,000,000 paths does not fit in one .NET array (at most 2,147,483,591 values); the largest --paths for 8 sites is 7,697,073 (split a larger run with --shard)." + Environment.NewLine);
        NothingLeft();
    }

    [Fact]
    public void A_shard_with_too_few_paths_is_refused_before_anything_runs()
    {
        var outcome = CliHarness.InvokeRun("--paths", "5", "--shard", "2/3", "--out", _out);

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be("error: --paths 5 over --shard 2/3: a shard would get 1 path; each of the 3 shards needs at least 2 (for its standard error): give --paths 6 or more, or at most 2 shards." + Environment.NewLine);
        NothingLeft();
    }

    [Fact]
    public void Paths_above_int_are_a_parse_error_in_the_users_words()
    {
        var outcome = CliHarness.InvokeRun("--paths", "3000000000", "--out", _out);

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().StartWith("error: --paths '3000000000': expected a whole number");
        NothingLeft();
    }

    [Fact]
    public void Compare_paths_beyond_a_dotnet_array_are_refused_before_anything_runs()
    {
        var outcome = CliHarness.Invoke("compare", "--paths", "40000000", "--out", _out);

        outcome.ExitCode.Should().Be(1);
        outcome.Error.Should().Be("error: --paths 40,000,000: a path buffer of 31 metrics × 2 (the site and its portfolio row) × 40,000,000 paths does not fit in one .NET array (at most 2,147,483,591 values); the largest --paths for compare is 34,636,832." + Environment.NewLine);
        outcome.Output.Should().NotContain("Comparing");
        NothingLeft();
    }
}
