using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClimateRisk.Cli.Internal;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>climaterisk bench</c>: the standard workload of the performance issue — the bundled
/// portfolio (8 sites) × every bundled scenario × 2025–2050 × 100,000 paths, all perils and
/// metrics, results CSVs written (to a temporary directory, then removed) — with its
/// throughput in site-years per second, wall time, peak memory and where the time went.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error, CancellationToken stop)
    {
        var paths = new Option<int>("--paths") { Description = "Paths per scenario.", DefaultValueFactory = _ => 100_000 };
        var workers = new Option<int>("--workers") { Description = "Worker threads (0 = all cores).", DefaultValueFactory = _ => 0 };
        var screening = new Option<int>("--screening") { Description = "Instead: compare a generated grid of this many candidate locations × 3 scenarios (paths default 5,000)." };
        var sites = new Option<int>("--site-count") { Description = "Use only the first N bundled sites (for linearity checks; 0 = all).", DefaultValueFactory = _ => 0 };
        var years = new Option<string>("--years") { Description = "Simulated years, e.g. 2025..2050.", DefaultValueFactory = _ => SimulationRequest.DefaultYears };
        var command = new Command("bench", "Time the standard workload (bundled portfolio × all scenarios × 2025–2050 × 100,000 paths).");
        command.Options.Add(paths);
        command.Options.Add(workers);
        command.Options.Add(screening);
        command.Options.Add(sites);
        command.Options.Add(years);
        command.SetAction(parse => parse.GetResult(screening) is { Implicit: false }
            ? Screening(parse.GetValue(screening), parse.GetResult(paths) is { Implicit: false } ? parse.GetValue(paths) : 5_000, parse.GetValue(workers), output, error, stop)
            : Execute(parse.GetValue(paths), parse.GetValue(workers), output, error, stop, parse.GetValue(sites), parse.GetRequiredValue(years)));
        return command;
    }

    public static int Execute(int paths, int workers, TextWriter output, TextWriter error, CancellationToken cancellationToken, int siteCount = 0, string? years = null)
    {
        var inv = CultureInfo.InvariantCulture;
        Core.Model.ModelInputs model;
        try
        {
            model = InputLoader.Load(InputResolver.Resolve(null, null, []));
        }
        catch (InputException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        if (siteCount < 0 || siteCount > model.Sites.Count)
        {
            error.WriteLine(string.Create(inv, $"error: --site-count '{siteCount}': expected 0 (all) to {model.Sites.Count}, the bundled sites"));
            return ExitCodes.BadInput;
        }

        if (siteCount > 0)
        {
            model = model with { Sites = model.Sites.Take(siteCount).ToArray() };
        }

        SimulationSettings settings;
        try
        {
            settings = SettingsParser.Create(paths, SimulationRequest.Defaults.Seed, years ?? SimulationRequest.DefaultYears, workers);
        }
        catch (RunRefusedException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        var siteYears = (long)model.Sites.Count * model.Scenarios.Count * settings.YearCount * settings.Paths;
        output.WriteLine(string.Create(inv, $"Standard workload: {model.Sites.Count} sites × {model.Scenarios.Count} scenarios × {settings.YearCount} years × {settings.Paths:N0} paths = {siteYears:N0} site-years"));
        output.WriteLine(string.Create(inv, $"Machine: {Environment.ProcessorCount} logical cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, .NET {Environment.Version}, workers {settings.EffectiveWorkers}, {Compilation(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)}"));
        var directory = Path.Combine(Path.GetTempPath(), "climaterisk-bench-" + Guid.NewGuid().ToString("N"));
        var pauseBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = GC.CollectionCount(0);
        var jitBefore = System.Runtime.JitInfo.GetCompilationTime(currentThread: false);
        var jitMethodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false);
        var wall = Stopwatch.StartNew();
        SimulationResult result;
        double writeSeconds;
        try
        {
            result = Simulator.Run(model, settings, cancellationToken: cancellationToken);
            var write = Stopwatch.StartNew();
            Directory.CreateDirectory(directory);
            ResultsWriter.Write(result, directory);
            writeSeconds = write.Elapsed.TotalSeconds;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Stopped.");
            return ExitCodes.Failure;
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        var seconds = wall.Elapsed.TotalSeconds;
        var pauseSeconds = (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds;
        var collections = GC.CollectionCount(0) - collectionsBefore;
        var jitSeconds = (System.Runtime.JitInfo.GetCompilationTime(currentThread: false) - jitBefore).TotalSeconds;
        var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: false) - jitMethodsBefore;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var t = result.Timings;
        output.WriteLine(string.Create(inv, $"Wall time      {seconds,10:F2} s"));
        output.WriteLine(string.Create(inv, $"Throughput     {siteYears / seconds,10:N0} site-years/s"));
        output.WriteLine(string.Create(inv, $"Peak memory    {peak / (1024.0 * 1024 * 1024),10:F2} GiB (peak working set)"));
        output.WriteLine(string.Create(inv, $"  plans        {t.PlanSeconds,10:F2} s"));
        output.WriteLine(string.Create(inv, $"  kernel       {t.KernelSeconds,10:F2} s  ({t.KernelSeconds / seconds:P0})"));
        output.WriteLine(string.Create(inv, $"  reduction    {t.ReductionSeconds,10:F2} s  ({t.ReductionSeconds / seconds:P0})"));
        output.WriteLine(string.Create(inv, $"  CSV writing  {writeSeconds,10:F2} s  ({writeSeconds / seconds:P0})"));

        // Inside the figures above: every collection stops the workers (docs/performance.md,
        // twenty-second session: about 19 ms a standard run with the JIT, 36 ms ahead of time,
        // mostly collections that copy the results).
        output.WriteLine(string.Create(inv, $"GC pauses      {pauseSeconds,10:F3} s  ({collections} collections)"));

        // Also inside the figures above, on the workers' cores: the JIT compiling the code the run
        // reaches for the first time, which the ahead-of-time build has done beforehand
        // (docs/performance.md, twenty-third session).
        output.WriteLine(string.Create(inv, $"JIT compiling  {jitSeconds,10:F3} s  ({jitMethods:N0} methods)"));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// How the running program was compiled, printed beside the machine: the ahead-of-time build
    /// (README, "Performance") times the same workload 0.3–0.8 s faster, so a figure means
    /// little without it (docs/performance.md, nineteenth and twentieth sessions).
    /// </summary>
    internal static string Compilation(bool dynamicCodeSupported) => dynamicCodeSupported ? "JIT-compiled" : "compiled ahead of time";

    /// <summary>Screening scale: a generated grid of candidate locations × NZ2050, NDCs, Current Policies, with progress lines.</summary>
    public static int Screening(int count, int paths, int workers, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        if (count < 1)
        {
            // Before this check a zero or negative count silently ran the standard workload instead.
            error.WriteLine(string.Create(inv, $"error: --screening '{count}': expected a number of candidate locations of 1 or more, e.g. --screening 1000"));
            return ExitCodes.BadInput;
        }

        Core.Model.ModelInputs templates;
        try
        {
            var resolved = InputResolver.Resolve(null, null, ["ngfs-net-zero-2050", "ngfs-ndcs", "ngfs-current-policies"]);
            templates = InputLoader.Load(resolved with { SitesFile = Path.Combine(resolved.DataDirectory, "candidates.csv") });
        }
        catch (InputException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        var grid = templates with { Sites = Core.Planning.CandidateGrid.Generate(templates.Sites, count) };
        var settings = new SimulationSettings { Paths = paths, Workers = workers };
        output.WriteLine(string.Create(inv, $"Screening: {count:N0} generated candidates × {grid.Scenarios.Count} scenarios × {settings.YearCount} years × {paths:N0} paths"));
        var wall = Stopwatch.StartNew();
        try
        {
            var progress = ProgressDisplay.Tenths(output, (p, tenth) => string.Create(inv, $"  [{tenth * 10,3}%] {p.Done:N0}/{p.Total:N0} candidate-scenarios, {wall.Elapsed.TotalSeconds:F0} s"));
            Core.Planning.CandidateComparison.Compare(grid, settings, progress, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Stopped.");
            return ExitCodes.Failure;
        }

        output.WriteLine(string.Create(inv, $"Wall time      {wall.Elapsed.TotalSeconds,10:F1} s"));
        output.WriteLine(string.Create(inv, $"Peak memory    {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024),10:F2} GiB (peak working set)"));
        return ExitCodes.Ok;
    }
}
