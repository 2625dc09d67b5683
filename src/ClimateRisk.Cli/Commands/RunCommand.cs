using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClimateRisk.Cli.Internal;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.Reporting;
using Spectre.Console;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>climaterisk run</c>: simulates the portfolio under the scenarios and writes the run
/// directory (manifest.json, results/*.csv, charts/*.svg, register/, board-pack.html). With no
/// options: the bundled seed portfolio under every bundled scenario. Scenarios run one at a time
/// and each finished one is kept in the staging directory, so an interrupted run can
/// <c>--resume</c>.
/// </summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var inputs = new InputOptions();
        var simulation = new SimulationOptions(defaultPaths: SimulationOptions.Defaults.Paths);
        var resume = new Option<string?>("--resume") { Description = "Continue the interrupted run of this directory (its --out): same options and inputs required; finished scenarios are kept." };
        var replay = new Option<string?>("--replay") { Description = "Reproduce the run of this manifest.json (seed, paths, years, sites, scenarios, input files); refused if an input file changed." };
        var targetRse = new Option<double?>("--target-rse") { Description = "Double the paths from --paths until the relative standard error of every headline metric is at most this, e.g. 0.01." };
        var maxPaths = new Option<int>("--max-paths") { Description = "Path cap of --target-rse.", DefaultValueFactory = _ => 1_000_000 };
        var shard = new Option<string?>("--shard") { Description = "Simulate only shard i/n (0-based) of the paths, or 'auto' from a Kubernetes Indexed Job or Slurm array; combine with 'merge'." };
        var command = new Command("run", "Simulate the portfolio under the scenarios and write the results.");
        inputs.AddTo(command);
        simulation.AddTo(command);
        command.Options.Add(resume);
        command.Options.Add(replay);
        command.Options.Add(targetRse);
        command.Options.Add(maxPaths);
        command.Options.Add(shard);
        command.SetAction(parse =>
        {
            if (parse.GetValue(replay) is not null)
            {
                // A replay takes all of these from the manifest; silently overriding one would not
                // reproduce the run. (--out, --force, --workers and --resume of an interrupted replay are fine.)
                Option[] fromManifest = [inputs.Data, inputs.Sites, inputs.Scenarios, simulation.Paths, simulation.Seed, simulation.Years, targetRse, maxPaths];
                var given = fromManifest.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToArray();
                if (given.Length > 0)
                {
                    error.WriteLine($"error: --replay takes the settings and inputs from the manifest; drop {string.Join(", ", given)}.");
                    return ExitCodes.BadInput;
                }
            }

            return Execute(
                simulation.Read(parse, inputs, new RunRequest
                {
                    Resume = parse.GetValue(resume),
                    Replay = parse.GetValue(replay),
                    TargetRse = parse.GetValue(targetRse),
                    MaxPaths = parse.GetValue(maxPaths),
                    Shard = parse.GetValue(shard),
                }),
                console,
                output,
                error,
                stop);
        });
        return command;
    }

    /// <summary>Runs <paramref name="request"/>; returns the process exit code.</summary>
    public static int Execute(RunRequest request, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (request.Replay is not null)
        {
            if (ReplayRequest.TryCreate(request, error) is not { } replayed)
            {
                return ExitCodes.BadInput;
            }

            request = replayed;
        }

        if (!CheckConvergenceOptions(request, error)
            || SimulationOptions.TryCreate(request.Paths, request.Seed, request.Years, request.Workers, error) is not { } settings)
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
            if (request.Resume is not null || request.Replay is not null || request.TargetRse is not null)
            {
                error.WriteLine("error: --shard runs one slice of a fixed number of paths; it does not combine with --resume, --replay or --target-rse.");
                return ExitCodes.BadInput;
            }
        }

        var started = DateTimeOffset.UtcNow;
        InputPaths paths;
        ModelInputs model;
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

        if (request.Resume is { } resumeDirectory && request.Out is { } outOption && Path.GetFullPath(outOption) != Path.GetFullPath(resumeDirectory))
        {
            error.WriteLine($"error: --resume {resumeDirectory} continues that directory; --out {outOption} names another.");
            return ExitCodes.BadInput;
        }

        var outPath = request.Resume ?? request.Out ?? Path.Combine("out", shardSpec is { } s
            ? $"shard-{s.Index}-of-{s.Count}"
            : "run-" + started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var plan = new RunPlan
        {
            Seed = settings.Seed,
            Paths = settings.Paths,
            FirstYear = settings.FirstYear,
            LastYear = settings.LastYear,
            TargetRse = request.TargetRse,
            MaxPaths = request.TargetRse is null ? null : request.MaxPaths,
            FixedPaths = request.FixedPaths?.ToDictionary(p => p.Key, p => p.Value.Paths),
            Sites = model.Sites.Select(s => s.Id).ToArray(),
            Scenarios = model.Scenarios.Select(s => s.Id).ToArray(),
            InputSha256 = RunManifest.HashInputs(paths),
            WorkingDirectory = Directory.GetCurrentDirectory(),
        };

        RunDirectory runDirectory;
        try
        {
            runDirectory = request.Resume is null ? RunDirectory.Create(outPath, request.Force, keepUnfinished: true) : RunDirectory.Resume(outPath, request.Force);
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

            RunCheckpoint checkpoint;
            try
            {
                checkpoint = request.Resume is null ? RunCheckpoint.Start(runDirectory.StagingPath, plan) : RunCheckpoint.Resume(runDirectory.StagingPath, plan);
            }
            catch (InputException ex)
            {
                error.WriteLine($"error: cannot resume {outPath}: it was started with other settings or inputs:");
                foreach (var problem in ex.Errors)
                {
                    error.WriteLine($"  {problem.Value}");
                }

                error.WriteLine("Resume with the options and inputs of the interrupted run, or start again with --force and without --resume.");
                return ExitCodes.BadInput;
            }

            var scenarioIds = model.Scenarios.Select(s => s.Id).ToArray();
            var resumed = scenarioIds.Where(checkpoint.IsDone).ToArray();
            WriteHeader(output, model, settings, request, resumed);
            var stopwatch = Stopwatch.StartNew();
            var batch = new Batch(resumed.Length);
            try
            {
                SimulateScenarios(console, output, model, settings, request, checkpoint, batch, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                error.WriteLine($"Stopped after {batch.Finished} of {scenarioIds.Length} scenarios; resume with --resume {outPath}");
                return ExitCodes.Failure;
            }
#pragma warning disable CA1031 // any failure: say what was kept and how to continue, rather than a stack trace
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error.WriteLine($"error: {ex.Message}");
                error.WriteLine($"Stopped after {batch.Finished} of {scenarioIds.Length} scenarios; the finished ones are kept: resume with --resume {outPath}");
                return ExitCodes.Failure;
            }

            checkpoint.Assemble(Path.Combine(runDirectory.StagingPath, "results"), scenarioIds, ResultsWriter.RunFileNames);
            // The scenarios simulated by this process; every scenario unless some were resumed.
            var result = Merge(batch.Simulated, settings);

            // Reports read the assembled results of every scenario: after a resume the in-memory
            // result holds only the scenarios simulated by this process.
            var complete = ResultsReader.Read(Path.Combine(runDirectory.StagingPath, "results"), settings);

            var manifest = new RunManifest
            {
                Tool = ToolVersion.Text,
                CommandLine = request.CommandLine,
                Seed = settings.Seed,
                Paths = settings.Paths,
                FirstYear = settings.FirstYear,
                LastYear = settings.LastYear,
                Workers = settings.EffectiveWorkers,
                Scenarios = scenarioIds,
                Sites = plan.Sites,
                InputSha256 = plan.InputSha256,
                Inputs = RunInputs.Of(paths),
                WorkingDirectory = Directory.GetCurrentDirectory(),
                TargetRse = request.TargetRse,
                MaxPaths = plan.MaxPaths,
                Convergence = scenarioIds.Select(checkpoint.Convergence).ToArray(),
                ResumedScenarios = resumed,
                ReplayOf = request.ReplayOf,
                Outputs = ["manifest.json", .. ResultsWriter.RunFileNames.Select(f => "results/" + f), .. ReportBuilder.OutputFiles(complete)],
                StartedUtc = started,
                FinishedUtc = DateTimeOffset.UtcNow,
            };
            manifest.Write(runDirectory.File("manifest.json"));
            ReportBuilder.Write(ReportData.Create(complete, manifest, model, reportSources), runDirectory.StagingPath);
            checkpoint.Remove();
            runDirectory.Commit();
            output.WriteLine($"Simulated in {stopwatch.Elapsed.TotalSeconds:F1} s; results in {outPath}");
            WriteConvergence(output, request.TargetRse, manifest.Convergence);
            if (result is not null)
            {
                RunSummary.Write(result, output);
            }

            if (resumed.Length > 0)
            {
                output.WriteLine($"({string.Join(", ", resumed)}: finished by the interrupted run; their numbers are in the results files.)");
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Scenarios finished so far (resumed or simulated) and the results of those simulated here.</summary>
    private sealed class Batch(int resumed)
    {
        public int Finished => resumed + Simulated.Count;

        public List<ScenarioRunner.Outcome> Simulated { get; } = [];
    }

    /// <summary>Simulates every scenario the checkpoint does not hold yet, saving each as soon as it is done.</summary>
    private static void SimulateScenarios(
        IAnsiConsole console, TextWriter output, ModelInputs model, SimulationSettings settings, RunRequest request, RunCheckpoint checkpoint, Batch batch, CancellationToken cancellationToken)
    {
        var total = model.Scenarios.Count * settings.YearCount;
        ProgressDisplay.Run(console, output, "Simulating", progress =>
        {
            for (var k = 0; k < model.Scenarios.Count; k++)
            {
                var scenario = model.Scenarios[k];
                if (checkpoint.IsDone(scenario.Id))
                {
                    continue;
                }

                // Progress over the whole run: this scenario's years after those of the scenarios before it.
                var offset = k * settings.YearCount;
                var scenarioProgress = new CallbackProgress<SimulationProgress>(p => progress.Report(p with { Done = offset + p.Done, Total = total }));
                var outcome = ScenarioRunner.Run(model, scenario, settings, request.TargetRse, request.MaxPaths, request.FixedPaths?.GetValueOrDefault(scenario.Id), scenarioProgress, cancellationToken);
                checkpoint.Save(scenario.Id, outcome.Convergence, directory =>
                {
                    ResultsWriter.Write(outcome.Result, directory);
                    ResultsWriter.CreateFile(Path.Combine(directory, ResultsWriter.ConvergenceFileName), w => ResultsWriter.WriteConvergence(outcome.Headlines, request.TargetRse, w));
                });
                batch.Simulated.Add(outcome);
            }

            return batch;
        });
    }

    private static SimulationResult? Merge(List<ScenarioRunner.Outcome> outcomes, SimulationSettings settings) => outcomes.Count == 0 ? null : new SimulationResult
    {
        Settings = settings,
        ScenarioIds = outcomes.SelectMany(o => o.Result.ScenarioIds).ToArray(),
        SiteIds = outcomes[0].Result.SiteIds,
        Cells = outcomes.SelectMany(o => o.Result.Cells).ToArray(),
        Npv = outcomes.SelectMany(o => o.Result.Npv).ToArray(),
        Exceedance = outcomes.SelectMany(o => o.Result.Exceedance).ToArray(),
    };

    private static bool CheckConvergenceOptions(RunRequest request, TextWriter error)
    {
        if (request.TargetRse is { } target && !(target > 0 && target < 1))
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --target-rse '{target}': expected a relative standard error between 0 and 1, e.g. 0.01"));
            return false;
        }

        if (request.TargetRse is not null && request.MaxPaths < request.Paths)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --max-paths '{request.MaxPaths}': expected at least --paths ({request.Paths})"));
            return false;
        }

        return true;
    }

    private static void WriteHeader(TextWriter output, ModelInputs model, SimulationSettings settings, RunRequest request, string[] resumed)
    {
        var target = request.TargetRse is { } t
            ? string.Create(CultureInfo.InvariantCulture, $", doubled until every headline RSE ≤ {t} (at most {request.MaxPaths:N0} paths)")
            : string.Empty;
        output.WriteLine($"ClimateRisk run: {model.Sites.Count} sites × {model.Scenarios.Count} scenarios × {settings.YearCount} years ({settings.FirstYear}–{settings.LastYear}) × {settings.Paths:N0} paths, seed {settings.Seed}{target}");
        if (resumed.Length > 0)
        {
            output.WriteLine($"Resuming: {resumed.Length} of {model.Scenarios.Count} scenarios already finished ({string.Join(", ", resumed)})");
        }
    }

    private static void WriteConvergence(TextWriter output, double? target, IReadOnlyList<ScenarioConvergence>? convergence)
    {
        if (target is null || convergence is null)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Convergence (headline RSE target {target}; results/convergence.csv):"));
        foreach (var c in convergence)
        {
            var state = c.Converged == true
                ? string.Create(inv, $"converged at {c.Paths:N0} paths")
                : string.Create(inv, $"NOT converged: stopped at {c.Paths:N0} paths ({(c.CapReason == "memory" ? "the memory limit" : "the --max-paths cap")})");
            output.WriteLine(string.Create(inv, $"  {c.Scenario,-32} {state}; worst RSE {c.WorstRse:0.0000} ({c.WorstMetric})"));
        }
    }
}
