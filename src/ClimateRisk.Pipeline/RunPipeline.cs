using System.Diagnostics;
using System.Globalization;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Sensitivity;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.Pipeline.Internal;
using ClimateRisk.Reporting;

namespace ClimateRisk.Pipeline;

/// <summary>
/// A run of <c>climaterisk run</c>, from request to committed run directory, in two steps.
/// <see cref="Open"/> checks the request (replay, options, shard), loads and hashes the inputs
/// and opens the run directory — a new one, or the staging directory of an interrupted run to
/// resume, after checking its plan. <see cref="Execute"/> simulates the scenarios the
/// checkpoint does not hold yet (each saved as soon as it is done), assembles the results
/// files, writes the manifest and the reports, and commits the directory; with
/// <c>--shard</c> it simulates the shard's paths and writes partial.bin instead.
/// </summary>
/// <remarks>
/// Stages of <see cref="Execute"/>, where further outputs plug in: inputs (<see cref="Inputs"/>,
/// hashed by <see cref="RunManifest.HashInputs"/>: a further input file belongs in
/// <see cref="InputPaths.AllFiles"/>), simulation per scenario (<c>SimulateScenarios</c>),
/// results files (<see cref="ResultsWriter"/>, assembled from the checkpoint), results derived
/// from the assembled results of every scenario (each writer returns the files it wrote and
/// the manifest lists them), manifest, reports.
/// </remarks>
public sealed class RunPipeline : IDisposable
{
    private readonly RunDirectory _runDirectory;
    private readonly RunCheckpoint? _checkpoint;
    private readonly ReportSources _reportSources;
    private readonly RunPlan _plan;

    private RunPipeline(RunRequest request, SimulationSettings settings, ShardSpec? shard, InputPaths inputs, ModelInputs model, ReportSources reportSources, RunPlan plan, RunDirectory runDirectory, RunCheckpoint? checkpoint, DateTimeOffset started)
    {
        Request = request;
        Settings = settings;
        Shard = shard;
        Inputs = inputs;
        Model = model;
        _reportSources = reportSources;
        _plan = plan;
        _runDirectory = runDirectory;
        _checkpoint = checkpoint;
        StartedUtc = started;
        ResumedScenarios = checkpoint is null ? [] : model.Scenarios.Select(s => s.Id).Where(checkpoint.IsDone).ToArray();
    }

    /// <summary>The request as run: a replay's request carries the settings and inputs of its manifest.</summary>
    public RunRequest Request { get; }

    /// <summary>Checked simulation settings (a shard's are those of the whole run).</summary>
    public SimulationSettings Settings { get; }

    /// <summary>The shard this process simulates, or null for a whole run.</summary>
    public ShardSpec? Shard { get; }

    /// <summary>The input files.</summary>
    public InputPaths Inputs { get; }

    /// <summary>The loaded and validated inputs.</summary>
    public ModelInputs Model { get; }

    /// <summary>The run directory as given (<c>--out</c>, <c>--resume</c> or the default).</summary>
    public string OutPath => _runDirectory.FinalPath;

    /// <summary>Scenarios an interrupted run finished (<c>--resume</c>), in run order; empty otherwise.</summary>
    public IReadOnlyList<string> ResumedScenarios { get; }

    /// <summary>
    /// Whether this run computes results/sensitivity.csv: <c>--sensitivity</c> (default on from
    /// 2,000 paths), never for a shard — the design's base rows are the whole run's first paths,
    /// which a shard does not own (docs/model.md, "Sensitivity").
    /// </summary>
    public bool ComputesSensitivity => Shard is null && Request.SensitivityOn;

    /// <summary>When the run was opened, UTC.</summary>
    public DateTimeOffset StartedUtc { get; }

    /// <summary>Checks <paramref name="request"/>, loads its inputs and opens its run directory.</summary>
    /// <exception cref="InputException">An input file is missing or malformed (one error per problem).</exception>
    /// <exception cref="RunRefusedException">The request cannot run as asked; nothing was started.</exception>
    public static RunPipeline Open(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Replay is not null)
        {
            request = ReplayRequest.Create(request);
        }

        CheckConvergenceOptions(request);
        var settings = SettingsParser.Create(request);
        ShardSpec? shard = null;
        if (request.Shard is { } shardText)
        {
            if (!ShardSpec.TryParse(shardText, Environment.GetEnvironmentVariable, out var parsed, out var problem))
            {
                throw new RunRefusedException($"error: {problem}");
            }

            shard = parsed;
            if (request.Resume is not null || request.Replay is not null || request.TargetRse is not null)
            {
                throw new RunRefusedException("error: --shard runs one slice of a fixed number of paths; it does not combine with --resume, --replay or --target-rse.");
            }
        }

        var started = DateTimeOffset.UtcNow;
        var inputs = InputResolver.Resolve(request.Data, request.Sites, request.Scenarios, request.PueResponse);
        var model = InputLoader.Load(inputs);
        var reportSources = ReportSources.Load(inputs, model.Sites);
        if (request.ReplayOf is { } replayed)
        {
            CheckReplayedIds(replayed, model);
        }

        if (RunPreflight.Problem(settings, shard, model.Sites.Count, RunPreflight.AvailableBytes()) is { } preflight)
        {
            throw new RunRefusedException(preflight);
        }
        if (request.Resume is { } resumeDirectory && request.Out is { } outOption && Path.GetFullPath(outOption) != Path.GetFullPath(resumeDirectory))
        {
            throw new RunRefusedException($"error: --resume {resumeDirectory} continues that directory; --out {outOption} names another.");
        }

        var outPath = request.Resume ?? request.Out ?? Path.Combine("out", shard is { } s
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
            Sites = model.Sites.Select(x => x.Id).ToArray(),
            Scenarios = model.Scenarios.Select(x => x.Id).ToArray(),
            InputSha256 = RunManifest.HashInputs(inputs),
            WorkingDirectory = Directory.GetCurrentDirectory(),
            Sensitivity = shard is null && request.SensitivityOn,
        };

        RunDirectory runDirectory;
        try
        {
            // A shard keeps nothing when it fails: it is simply run again (--shard takes no --resume).
            runDirectory = request.Resume is null ? RunDirectory.Create(outPath, request.Force, keepUnfinished: shard is null) : RunDirectory.Resume(outPath, request.Force);
        }
        catch (IOException ex)
        {
            throw new RunRefusedException($"error: {ex.Message}", ex);
        }

        RunCheckpoint? checkpoint = null;
        if (shard is null)
        {
            try
            {
                checkpoint = request.Resume is null ? RunCheckpoint.Start(runDirectory.StagingPath, plan) : RunCheckpoint.Resume(runDirectory.StagingPath, plan);
            }
            catch (InvalidDataException ex)
            {
                runDirectory.Dispose();
                throw new RunRefusedException($"error: cannot resume {outPath}: {ex.Message}, so its finished scenarios cannot be checked against the options; start again with --force (without --resume).", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Start: the checkpoint could not be begun (e.g. the disk is full): nothing to keep.
                runDirectory.Dispose();
                if (request.Resume is null)
                {
                    TryDelete(runDirectory.StagingPath);
                }

                throw new RunRefusedException($"error: cannot write the checkpoint of {outPath}: {ex.Message}; free space or choose another --out, then run again.", ex);
            }
            catch (InputException ex)
            {
                runDirectory.Dispose();
                throw new RunRefusedException(
                    string.Join(Environment.NewLine, [
                        $"error: cannot resume {outPath}: it was started with other settings or inputs:",
                        .. ex.Errors.Select(e => $"  {e.Value}"),
                        "Resume with the options and inputs of the interrupted run, or start again with --force and without --resume."]),
                    ex);
            }
        }

        return new RunPipeline(request, settings, shard, inputs, model, reportSources, plan, runDirectory, checkpoint, started);
    }

    /// <summary>
    /// Simulates, writes and commits the run (or the shard); returns what it wrote. Progress and
    /// status go to <paramref name="observer"/>.
    /// </summary>
    /// <exception cref="RunStoppedException">Cancelled or failed; the message says what was kept.</exception>
    public RunOutcome Execute(IRunObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var stopwatch = Stopwatch.StartNew();
        if (Shard is { } shard)
        {
            if (Request.SensitivityOn)
            {
                observer.Line("Sensitivity indices are not computed under --shard (their base rows are the whole run's first paths); run without --shard for results/sensitivity.csv.");
            }

            try
            {
                var manifest = ShardExecution.Execute(shard, Model, Inputs, Settings, _runDirectory, Request.CommandLine, observer, cancellationToken);
                return new RunOutcome { OutPath = _runDirectory.FinalPath, Manifest = manifest, Simulated = null, Elapsed = stopwatch.Elapsed };
            }
            catch (OperationCanceledException ex)
            {
                throw new RunStoppedException("Stopped: nothing was written.", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new RunStoppedException($"error: writing shard {shard} to {OutPath} failed: {ex.Message}{Environment.NewLine}Nothing was kept: free space, then run the same command again.", ex);
            }
        }

        var checkpoint = _checkpoint!;
        var scenarioIds = _plan.Scenarios;
        WriteHeader(observer);
        var simulated = new List<ScenarioRunner.Outcome>();
        var sensitivity = new SensitivityTally();
        string Stopped() => $"Stopped after {ResumedScenarios.Count + simulated.Count} of {scenarioIds.Count} scenarios";
        try
        {
            SimulateScenarios(observer, checkpoint, simulated, sensitivity, cancellationToken);
        }
        catch (OperationCanceledException ex)
        {
            throw new RunStoppedException($"{Stopped()}; resume with --resume {OutPath}", ex);
        }
#pragma warning disable CA1031 // any failure: say what was kept and how to continue, rather than a stack trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new RunStoppedException($"error: {ex.Message}{Environment.NewLine}{Stopped()}; the finished ones are kept: resume with --resume {OutPath}", ex);
        }

        try
        {
            return WriteOutputs(observer, checkpoint, simulated, sensitivity, stopwatch);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Every scenario is in the checkpoint: a resume only writes the outputs again.
            throw new RunStoppedException(
                $"error: writing the outputs of {OutPath} failed: {ex.Message}{Environment.NewLine}"
                + $"All {scenarioIds.Count} scenarios are simulated and kept in {_runDirectory.StagingPath}: free space (or fix the permissions), then finish with --resume {OutPath} (nothing is simulated again).",
                ex);
        }
    }

    /// <summary>Assembles the results from the checkpoint and writes the derived results, manifest and reports; commits the directory.</summary>
    private RunOutcome WriteOutputs(IRunObserver observer, RunCheckpoint checkpoint, List<ScenarioRunner.Outcome> simulated, SensitivityTally sensitivity, Stopwatch stopwatch)
    {
        var scenarioIds = _plan.Scenarios;
        // What an earlier attempt wrote before it failed (e.g. a full disk) is written again.
        _runDirectory.ClearExcept(Path.GetFileName(checkpoint.Directory));
        var resultsDirectory = Path.Combine(_runDirectory.StagingPath, "results");
        IReadOnlyList<string> resultFiles = ComputesSensitivity ? [.. ResultsWriter.RunFileNames, SensitivityWriter.FileName] : ResultsWriter.RunFileNames;
        checkpoint.Assemble(resultsDirectory, scenarioIds, resultFiles);

        // Reports and derived results read the assembled results of every scenario: after a
        // resume the in-memory result holds only the scenarios simulated by this process.
        var complete = ResultsReader.Read(resultsDirectory, Settings);
        var sensitivityIndices = ComputesSensitivity ? SensitivityReader.ReadIfPresent(resultsDirectory) : null;
        List<string> outputs = ["manifest.json", .. resultFiles.Select(f => "results/" + f)];
        // Results derived from `complete` (every scenario) are written here into resultsDirectory,
        // each writer returning the files it wrote for the manifest's outputs.
        var runManifest = RunManifestFactory.Create(Settings, Request.CommandLine, scenarioIds, _plan.Sites, _plan.InputSha256, outputs, StartedUtc) with
        {
            Inputs = RunInputs.Of(Inputs),
            WorkingDirectory = Directory.GetCurrentDirectory(),
            TargetRse = Request.TargetRse,
            MaxPaths = _plan.MaxPaths,
            Convergence = scenarioIds.Select(checkpoint.Convergence).ToArray(),
            ResumedScenarios = [.. ResumedScenarios],
            ReplayOf = Request.ReplayOf,
            Sensitivity = ComputesSensitivity,
        };

        // The report writers return what they wrote and the manifest records exactly that.
        var written = new List<string>(ReportBuilder.Write(ReportData.Create(complete, runManifest, Model, _reportSources, sensitivityIndices), _runDirectory.StagingPath));
        if (Request.PrintPdf)
        {
            observer.Line("Printing board-pack.pdf with headless Chromium (--no-pdf skips it)…");
            var problem = BoardPackPrinter.Print(_runDirectory.File(ReportBuilder.BoardPackFile), _runDirectory.File(BoardPackPrinter.PdfFile));
            if (problem is null)
            {
                written.Add(BoardPackPrinter.PdfFile);
            }
            else
            {
                observer.Line(problem);
            }
        }

        runManifest = runManifest with { Outputs = [.. outputs, .. written] };
        runManifest.Write(_runDirectory.File("manifest.json"));
        checkpoint.Remove();
        try
        {
            _runDirectory.Commit();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The checkpoint is gone by now, so --resume cannot help: the run is complete in staging.
            throw new RunStoppedException($"error: moving the finished run into {OutPath} failed: {ex.Message}{Environment.NewLine}The complete run is in {_runDirectory.StagingPath}: move it there by hand: mv '{_runDirectory.StagingPath}' '{OutPath}'.", ex);
        }

        return new RunOutcome
        {
            OutPath = OutPath,
            Manifest = runManifest,
            Simulated = Merge(simulated, Settings),
            Elapsed = stopwatch.Elapsed,
            Sensitivity = ComputesSensitivity ? sensitivity.Summary() : null,
            SensitivityIndices = sensitivityIndices,
        };
    }

    /// <inheritdoc/>
    public void Dispose() => _runDirectory.Dispose();

    /// <summary>Simulates every scenario the checkpoint does not hold yet, saving each as soon as it is done.</summary>
    private void SimulateScenarios(IRunObserver observer, RunCheckpoint checkpoint, List<ScenarioRunner.Outcome> simulated, SensitivityTally sensitivity, CancellationToken cancellationToken)
    {
        var total = Model.Scenarios.Count * Settings.YearCount;
        observer.Track("Simulating", progress =>
        {
            for (var k = 0; k < Model.Scenarios.Count; k++)
            {
                var scenario = Model.Scenarios[k];
                if (checkpoint.IsDone(scenario.Id))
                {
                    continue;
                }

                // Progress over the whole run: this scenario's years after those of the scenarios before it.
                var offset = k * Settings.YearCount;
                var scenarioProgress = new CallbackProgress<SimulationProgress>(p => progress.Report(p with { Done = offset + p.Done, Total = total }));
                var clock = Stopwatch.StartNew();
                var outcome = ScenarioRunner.Run(Model, scenario, Settings, Request.TargetRse, Request.MaxPaths, Request.FixedPaths?.GetValueOrDefault(scenario.Id), scenarioProgress, cancellationToken);
                var simulationSeconds = clock.Elapsed.TotalSeconds;
                clock.Restart();

                // Sobol indices on the scenario's final path count (docs/model.md, "Sensitivity").
                IReadOnlyList<SensitivityIndex> indices = [];
                var rows = SensitivityAnalysis.BaseRowsFor(outcome.Convergence.Paths);
                if (ComputesSensitivity && rows >= SensitivityAnalysis.MinimumBaseRows)
                {
                    indices = SensitivityAnalysis.Run(Model with { Scenarios = [scenario] }, Settings with { Paths = outcome.Convergence.Paths }, rows, cancellationToken).Indices;
                }

                sensitivity.Add(simulationSeconds, ComputesSensitivity ? clock.Elapsed.TotalSeconds : 0, indices.Count > 0 ? rows : 0);
                checkpoint.Save(scenario.Id, outcome.Convergence, directory =>
                {
                    ResultsWriter.Write(outcome.Result, directory);
                    ResultsWriter.CreateFile(Path.Combine(directory, ResultsWriter.ConvergenceFileName), w => ResultsWriter.WriteConvergence(outcome.Headlines, Request.TargetRse, w));
                    if (ComputesSensitivity)
                    {
                        // Every scenario writes the file (header only when it had too few paths), so the fragments assemble.
                        SensitivityWriter.Write(indices, directory);
                    }
                });
                simulated.Add(outcome);
            }

            return simulated;
        });
    }

    /// <summary>The scenarios simulated by this process as one result; null when all were resumed.</summary>
    private static SimulationResult? Merge(List<ScenarioRunner.Outcome> outcomes, SimulationSettings settings) => outcomes.Count == 0 ? null : new SimulationResult
    {
        Settings = settings,
        ScenarioIds = outcomes.SelectMany(o => o.Result.ScenarioIds).ToArray(),
        SiteIds = outcomes[0].Result.SiteIds,
        Cells = outcomes.SelectMany(o => o.Result.Cells).ToArray(),
        Npv = outcomes.SelectMany(o => o.Result.Npv).ToArray(),
        Exceedance = outcomes.SelectMany(o => o.Result.Exceedance).ToArray(),
    };

    private void WriteHeader(IRunObserver observer)
    {
        var target = Request.TargetRse is { } t
            ? string.Create(CultureInfo.InvariantCulture, $", doubled until every headline RSE ≤ {t} (at most {Request.MaxPaths:N0} paths)")
            : string.Empty;
        observer.Line($"ClimateRisk run: {Model.Sites.Count} sites × {Model.Scenarios.Count} scenarios × {Settings.YearCount} years ({Settings.FirstYear}–{Settings.LastYear}) × {Settings.Paths:N0} paths, seed {Settings.Seed}{target}");
        foreach (var dropped in _checkpoint?.Dropped ?? [])
        {
            observer.Line(dropped);
        }

        if (ResumedScenarios.Count > 0)
        {
            observer.Line($"Resuming: {ResumedScenarios.Count} of {Model.Scenarios.Count} scenarios already finished ({string.Join(", ", ResumedScenarios)})");
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the error about the checkpoint is the one to show.
        }
    }

    /// <summary>A replay must simulate exactly the sites and scenarios the manifest records, in its order.</summary>
    private static void CheckReplayedIds(string manifestPath, ModelInputs model)
    {
        var manifest = RunManifest.Read(manifestPath);
        var sites = model.Sites.Select(x => x.Id).ToArray();
        var scenarios = model.Scenarios.Select(x => x.Id).ToArray();
        if (!sites.SequenceEqual(manifest.Sites))
        {
            throw new RunRefusedException($"error: cannot replay {manifestPath}: it records sites {string.Join(", ", manifest.Sites)}, the inputs give {string.Join(", ", sites)}.");
        }

        if (!scenarios.SequenceEqual(manifest.Scenarios))
        {
            throw new RunRefusedException($"error: cannot replay {manifestPath}: it records scenarios {string.Join(", ", manifest.Scenarios)}, the inputs give {string.Join(", ", scenarios)}.");
        }
    }

    private static void CheckConvergenceOptions(RunRequest request)
    {
        if (request.TargetRse is { } target && !(target > 0 && target < 1))
        {
            throw new RunRefusedException(string.Create(CultureInfo.InvariantCulture, $"error: --target-rse '{target}': expected a relative standard error between 0 and 1, e.g. 0.01"));
        }

        if (request.TargetRse is not null && request.MaxPaths < request.Paths)
        {
            throw new RunRefusedException(string.Create(CultureInfo.InvariantCulture, $"error: --max-paths '{request.MaxPaths}': expected at least --paths ({request.Paths})"));
        }
    }

    /// <summary>Time spent simulating and on the sensitivity design, and the base rows, over the scenarios this process simulated.</summary>
    private sealed class SensitivityTally
    {
        private double _simulationSeconds;
        private double _sensitivitySeconds;
        private readonly List<int> _rows = [];

        public void Add(double simulationSeconds, double sensitivitySeconds, int rows)
        {
            _simulationSeconds += simulationSeconds;
            _sensitivitySeconds += sensitivitySeconds;
            _rows.Add(rows);
        }

        public SensitivitySummary Summary() => new()
        {
            SimulationSeconds = _simulationSeconds,
            SensitivitySeconds = _sensitivitySeconds,
            BaseRows = _rows.Count == 0 ? 0 : _rows.Min(),
            MaxBaseRows = _rows.Count == 0 ? 0 : _rows.Max(),
            Scenarios = _rows.Count,
        };
    }
}
