using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClimateRisk.Cli.Internal;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using Spectre.Console;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>climaterisk run</c>: simulates the portfolio under the scenarios and writes the run
/// directory (manifest.json, results/*.csv). With no options: the bundled seed portfolio under
/// every bundled scenario.
/// </summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var inputs = new InputOptions();
        var simulation = new SimulationOptions(defaultPaths: 20_000);
        var shard = new Option<string?>("--shard") { Description = "Simulate only shard i/n (0-based) of the paths, or 'auto' from a Kubernetes Indexed Job or Slurm array; combine with 'merge'." };
        var command = new Command("run", "Simulate the portfolio under the scenarios and write the results.");
        inputs.AddTo(command);
        simulation.AddTo(command);
        command.Options.Add(shard);
        command.SetAction(parse => Execute(
            new RunRequest
            {
                Data = parse.GetValue(inputs.Data),
                Sites = parse.GetValue(inputs.Sites),
                Scenarios = parse.GetValue(inputs.Scenarios) ?? [],
                Paths = parse.GetValue(simulation.Paths),
                Seed = parse.GetValue(simulation.Seed),
                Years = parse.GetValue(simulation.Years) ?? "2025..2050",
                Out = parse.GetValue(simulation.Out),
                Workers = parse.GetValue(simulation.Workers),
                Force = parse.GetValue(simulation.Force),
                Shard = parse.GetValue(shard),
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
        if (SimulationOptions.TryCreate(request.Paths, request.Seed, request.Years, request.Workers, error) is not { } settings)
        {
            return ExitCodes.BadInput;
        }

        ShardSpec? shardSpec = null;
        if (request.Shard is { } shardText)
        {
            if (!ShardSpec.TryParse(shardText, Environment.GetEnvironmentVariable, out var parsed, out var problem))
            {
                error.WriteLine($"error: {problem}");
                return ExitCodes.BadInput;
            }

            shardSpec = parsed;
        }

        var started = DateTimeOffset.UtcNow;
        InputPaths paths;
        Core.Model.ModelInputs model;
        try
        {
            paths = InputResolver.Resolve(request.Data, request.Sites, request.Scenarios);
            model = InputLoader.Load(paths);
        }
        catch (InputException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        var outPath = request.Out ?? Path.Combine("out", shardSpec is { } s
            ? $"shard-{s.Index}-of-{s.Count}"
            : "run-" + started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
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
            if (shardSpec is { } spec)
            {
                try
                {
                    return ShardExecution.Execute(spec, model, paths, settings, runDirectory, request.CommandLine, console, output, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    error.WriteLine("Stopped: nothing was written.");
                    return ExitCodes.Failure;
                }
            }

            output.WriteLine($"ClimateRisk run: {model.Sites.Count} sites × {model.Scenarios.Count} scenarios × {settings.YearCount} years ({settings.FirstYear}–{settings.LastYear}) × {settings.Paths:N0} paths, seed {settings.Seed}");
            var stopwatch = Stopwatch.StartNew();
            SimulationResult result;
            try
            {
                result = ProgressDisplay.Run(console, output, "Simulating", progress => Simulator.Run(model, settings, progress, cancellationToken));
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
                Outputs = ["manifest.json", .. ResultsWriter.FileNames.Select(f => "results/" + f)],
                StartedUtc = started,
                FinishedUtc = DateTimeOffset.UtcNow,
            };
            manifest.Write(runDirectory.File("manifest.json"));
            runDirectory.Commit();
            output.WriteLine($"Simulated in {stopwatch.Elapsed.TotalSeconds:F1} s; results in {outPath}");
            RunSummary.Write(result, output);
        }

        return ExitCodes.Ok;
    }
}
