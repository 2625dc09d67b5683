using System.Diagnostics;
using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.IO;
using ClimateRisk.IO.Tests.TestSupport;
using Xunit.Abstractions;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>
/// The real thing: climaterisk run as a child process, killed (SIGKILL, no chance to clean up)
/// as soon as its first scenario is saved, then resumed; the results must be byte-identical to
/// an uninterrupted run.
/// </summary>
public sealed class KillAndResumeTests(ITestOutputHelper log) : IDisposable
{
    private static readonly string[] Scenarios = ["ngfs-ndcs", "ngfs-net-zero-2050", "ssp5-85-physical-stress"];
    private readonly string _root = CliHarness.TempPath("kill");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Large enough that each scenario takes about a second, so the kill lands between the first marker and the end.</summary>
    private static string[] Arguments(string outPath) =>
        ["run", "--paths", "3000", "--years", "2025..2032", "--scenarios", string.Join(',', Scenarios), "--workers", "1", "--out", outPath];

    /// <summary>Starts climaterisk.dll with <paramref name="arguments"/> from the repository root; stderr is collected in <paramref name="error"/>.</summary>
    private static Process Start(string[] arguments, System.Text.StringBuilder error)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "climaterisk.dll");
        File.Exists(dll).Should().BeTrue("the CLI is built next to the tests");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = TestInputs.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var child = Process.Start(start)!;
        child.OutputDataReceived += (_, _) => { };
        child.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.Append(e.Data is null ? string.Empty : e.Data + "\n");
            }
        };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for <paramref name="marker"/>; the run must still be going then (else it is too small for these tests).</summary>
    private static void WaitFor(string marker, Process child, Stopwatch watch)
    {
        while (!File.Exists(marker) && !child.HasExited && watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.Sleep(10);
        }

        child.HasExited.Should().BeFalse("the run must still be going when its first scenario is saved");
    }

    [Fact]
    public void A_killed_run_resumes_to_results_identical_to_an_uninterrupted_run()
    {
        var killed = Path.Combine(_root, "killed");
        var marker = Path.Combine(RunDirectory.StagingPathOf(killed), "partial", Scenarios[0], RunCheckpoint.DoneMarker);
        var watch = Stopwatch.StartNew();
        using (var child = Start(Arguments(killed), new System.Text.StringBuilder()))
        {
            WaitFor(marker, child, watch);
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        var partial = Path.GetDirectoryName(Path.GetDirectoryName(marker))!;
        var finished = Directory.GetDirectories(partial).Where(d => File.Exists(Path.Combine(d, RunCheckpoint.DoneMarker))).Select(Path.GetFileName).ToArray();
        log.WriteLine($"killed after {watch.Elapsed.TotalSeconds:F1} s; finished scenarios: {string.Join(", ", finished)}; partial/ holds {string.Join(", ", Directory.GetFileSystemEntries(partial).Select(Path.GetFileName))}");
        finished.Should().Equal(Scenarios[0]);
        Directory.Exists(killed).Should().BeFalse("a killed run leaves no results under the final name");

        var resumed = CliHarness.Invoke([.. Arguments(killed).Where((_, i) => i < Arguments(killed).Length - 2), "--resume", killed]);
        var uninterrupted = CliHarness.Invoke(Arguments(Path.Combine(_root, "uninterrupted")));

        resumed.ExitCode.Should().Be(0, resumed.Error);
        resumed.Output.Should().Contain($"Resuming: 1 of 3 scenarios already finished ({Scenarios[0]})");
        uninterrupted.ExitCode.Should().Be(0, uninterrupted.Error);
        foreach (var file in ResultsWriter.RunFileNames)
        {
            var a = File.ReadAllBytes(Path.Combine(killed, "results", file));
            var b = File.ReadAllBytes(Path.Combine(_root, "uninterrupted", "results", file));
            a.Should().Equal(b, file);
            log.WriteLine($"results/{file}: {a.Length} bytes, identical");
        }
    }

    [Fact]
    public void Sigterm_stops_the_run_keeping_the_finished_scenarios_and_says_how_to_resume()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no SIGTERM to send; Ctrl+C goes through the same cancellation token (ResumeTests)
        }

        var stopped = Path.Combine(_root, "stopped");
        var marker = Path.Combine(RunDirectory.StagingPathOf(stopped), "partial", Scenarios[0], RunCheckpoint.DoneMarker);
        var error = new System.Text.StringBuilder();
        using var child = Start(Arguments(stopped), error);
        WaitFor(marker, child, Stopwatch.StartNew());

        using (var kill = Process.Start("kill", ["-TERM", child.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        child.WaitForExit();
        child.ExitCode.Should().Be(2);
        lock (error)
        {
            error.ToString().Should().Be($"Stopped after 1 of 3 scenarios; resume with --resume {stopped}\n");
        }

        Directory.Exists(stopped).Should().BeFalse();
        File.Exists(marker).Should().BeTrue();
    }
}
