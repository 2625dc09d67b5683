using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClimateRisk.Cli.Internal;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.Reporting;
using Spectre.Console;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>climaterisk run</c>: simulates the portfolio under the scenarios and writes the run
/// directory (manifest.json, results/*.csv, charts/*.svg, register/, board-pack.html). With no options: the bundled seed portfolio under
/// every bundled scenario.
/// </summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var inputs = new InputOptions();
        var paths = new Option<int>("--paths") { Description = "Monte Carlo paths per scenario.", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the counter-based generator.", DefaultValueFactory = _ => 20231231UL };
        var years = new Option<string>("--years") { Description = "Simulated years, e.g. 2025..2050.", DefaultValueFactory = _ => "2025..2050" };
        var outDir = new Option<string?>("--out") { Description = "Run directory (default: out/run-<UTC timestamp>)." };
        var workers = new Option<int>("--workers") { Description = "Worker threads (0 = all cores); results do not depend on it.", DefaultValueFactory = _ => 0 };
        var force = new Option<bool>("--force") { Description = "Replace an existing run directory." };
        var command = new Command("run", "Simulate the portfolio under the scenarios and write the results.");
        inputs.AddTo(command);
        command.Options.Add(paths);
        command.Options.Add(seed);
        command.Options.Add(years);
        command.Options.Add(outDir);
        command.Options.Add(workers);
        command.Options.Add(force);
        command.SetAction(parse => Execute(
            new RunRequest
            {
                Data = parse.GetValue(inputs.Data),
                Sites = parse.GetValue(inputs.Sites),
                Scenarios = parse.GetValue(inputs.Scenarios) ?? [],
                Paths = parse.GetValue(paths),
                Seed = parse.GetValue(seed),
                Years = parse.GetValue(years) ?? "2025..2050",
                Out = parse.GetValue(outDir),
                Workers = parse.GetValue(workers),
                Force = parse.GetValue(force),
                CommandLine = Environment.GetCommandLineArgs().Skip(1).ToArray(),
            },
            console,
            output,
            error,
            stop));
        return command;
    }

    /// <summary>Runs <paramref name="request"/>; returns the process exit code.</summary>
    public static int Execute(RunRequest request, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!YearRange.TryParse(request.Years, out var firstYear, out var lastYear))
        {
            error.WriteLine($"error: --years '{request.Years}': expected FIRST..LAST, e.g. 2025..2050");
            return ExitCodes.BadInput;
        }

        var settings = new SimulationSettings { Paths = request.Paths, Seed = request.Seed, FirstYear = firstYear, LastYear = lastYear, Workers = request.Workers };
        try
        {
            settings.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            error.WriteLine($"error: {ex.ParamName} '{ex.ActualValue}': {ex.Message.Split(" (Parameter")[0]}");
            return ExitCodes.BadInput;
        }

        var started = DateTimeOffset.UtcNow;
        InputPaths paths;
        Core.Model.ModelInputs model;
        ReportSources reportSources;
        try
        {
            paths = InputResolver.Resolve(request.Data, request.Sites, request.Scenarios);
            model = InputLoader.Load(paths);
            reportSources = ReportSources.Load(paths, model.Sites);
        }
        catch (InputException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        var outPath = request.Out ?? Path.Combine("out", "run-" + started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        RunDirectory runDirectory;
        try
        {
            runDirectory = RunDirectory.Create(outPath, request.Force);
        }
        catch (IOException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        using (runDirectory)
        {
            output.WriteLine($"ClimateRisk run: {model.Sites.Count} sites × {model.Scenarios.Count} scenarios × {settings.YearCount} years ({firstYear}–{lastYear}) × {settings.Paths:N0} paths, seed {settings.Seed}");
            var stopwatch = Stopwatch.StartNew();
            SimulationResult result;
            try
            {
                result = Simulate(model, settings, console, output, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("Stopped: nothing was written.");
                return ExitCodes.Failure;
            }

            ResultsWriter.Write(result, Path.GetDirectoryName(runDirectory.File("results/site_year.csv"))!);
            var manifest = new RunManifest
            {
                Tool = "climaterisk " + typeof(RunCommand).Assembly.GetName().Version?.ToString(3),
                CommandLine = request.CommandLine,
                Seed = settings.Seed,
                Paths = settings.Paths,
                FirstYear = settings.FirstYear,
                LastYear = settings.LastYear,
                Workers = settings.Workers > 0 ? settings.Workers : Environment.ProcessorCount,
                Scenarios = result.ScenarioIds,
                Sites = result.SiteIds,
                InputSha256 = RunManifest.HashInputs(paths),
                Outputs = ["manifest.json", .. ResultsWriter.FileNames.Select(f => "results/" + f), .. ReportBuilder.OutputFiles(result)],
                StartedUtc = started,
                FinishedUtc = DateTimeOffset.UtcNow,
            };
            manifest.Write(runDirectory.File("manifest.json"));
            ReportBuilder.Write(ReportData.Create(result, manifest, model, reportSources), runDirectory.StagingPath);
            runDirectory.Commit();
            output.WriteLine($"Simulated in {stopwatch.Elapsed.TotalSeconds:F1} s; results in {outPath}");
            RunSummary.Write(result, output);
        }

        return ExitCodes.Ok;
    }

    private static SimulationResult Simulate(Core.Model.ModelInputs model, SimulationSettings settings, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken)
    {
        if (console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            SimulationResult? result = null;
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("Simulating", maxValue: model.Scenarios.Count * settings.YearCount);
                    result = Simulator.Run(model, settings, new CallbackProgress<SimulationProgress>(p =>
                    {
                        task.Description = $"{p.ScenarioId} {p.Year}";
                        task.Value = p.Done;
                    }), cancellationToken);
                });
            return result!;
        }

        // Redirected output (scheduler, CI): a plain line at each completed scenario.
        return Simulator.Run(model, settings, new CallbackProgress<SimulationProgress>(p =>
        {
            if (p.Year == settings.LastYear)
            {
                output.WriteLine($"  [{p.Done * 100 / p.Total,3}%] scenario {p.ScenarioId} done");
            }
        }), cancellationToken);
    }
}
