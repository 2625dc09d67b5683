using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ClimateRisk.Cli.Internal;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Planning;
using ClimateRisk.IO;
using ClimateRisk.Reporting.Compare;
using Spectre.Console;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>climaterisk compare</c>: ranks candidate sites by the NPV of their total climate cost and
/// evaluates adaptation measures (cost–benefit), both on common random numbers. Without
/// <c>--candidates</c> and <c>--measures</c> it uses the bundled data/candidates.csv and
/// data/measures.csv.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var inputs = new InputOptions();
        var simulation = new SimulationOptions(defaultPaths: CompareRequest.DefaultPaths);
        var candidates = new Option<string?>("--candidates") { Description = "Candidate sites (the columns of sites.csv; their hazard rows in the data tables)." };
        var measures = new Option<string?>("--measures") { Description = "Adaptation measures for sites of the portfolio (--sites)." };
        var command = new Command("compare", "Rank candidate sites and evaluate adaptation measures on common random numbers.");
        inputs.AddTo(command);
        simulation.AddTo(command);
        command.Options.Add(candidates);
        command.Options.Add(measures);
        command.SetAction(parse => Execute(
            simulation.Read(parse, inputs, new CompareRequest
            {
                Candidates = parse.GetValue(candidates),
                Measures = parse.GetValue(measures),
            }),
            console,
            output,
            error,
            stop));
        return command;
    }

    public static int Execute(CompareRequest request, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (SimulationOptions.TryCreate(request.Paths, request.Seed, request.Years, request.Workers, error) is not { } settings)
        {
            return ExitCodes.BadInput;
        }

        var started = DateTimeOffset.UtcNow;
        var candidatesFile = request.Candidates;
        var measuresFile = request.Measures;
        ModelInputs? candidateInputs = null;
        ModelInputs? portfolio = null;
        IReadOnlyList<AdaptationMeasure> measures = [];
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var bundled = InputResolver.Resolve(request.Data, request.Sites, request.Scenarios);
            if (candidatesFile is null && measuresFile is null)
            {
                candidatesFile = Path.Combine(bundled.DataDirectory, "candidates.csv");
                measuresFile = Path.Combine(bundled.DataDirectory, "measures.csv");
            }

            if (candidatesFile is not null)
            {
                var paths = bundled with { SitesFile = candidatesFile };
                candidateInputs = InputLoader.Load(paths);
                foreach (var (file, hash) in RunManifest.HashInputs(paths))
                {
                    hashes[file] = hash;
                }
            }

            if (measuresFile is not null)
            {
                portfolio = InputLoader.Load(bundled);
                measures = MeasureLoader.Load(measuresFile, portfolio.Sites.Select(s => s.Id).ToArray(), portfolio.CoolingTypes);
                foreach (var (file, hash) in RunManifest.HashInputs(bundled))
                {
                    hashes[file] = hash;
                }

                hashes[measuresFile.Replace('\\', '/')] = RunManifest.Sha256(measuresFile);
            }
        }
        catch (InputException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        var outPath = request.Out ?? Path.Combine("out", "compare-" + started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
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
            var stopwatch = Stopwatch.StartNew();
            IReadOnlyList<CandidateResult> ranking = [];
            IReadOnlyList<MeasureResult> benefits = [];
            var outputs = new List<string> { "manifest.json" };
            try
            {
                if (candidateInputs is not null)
                {
                    output.WriteLine($"Comparing {candidateInputs.Sites.Count} candidates × {candidateInputs.Scenarios.Count} scenarios × {settings.YearCount} years × {settings.Paths:N0} paths on common random numbers");
                    ranking = ProgressDisplay.Run(console, output, "Candidates", progress => CandidateComparison.Compare(candidateInputs, settings, progress, cancellationToken));
                    CompareWriter.WriteFile(runDirectory.File("compare/candidates.csv"), w => CompareWriter.WriteCandidates(ranking, w));
                    outputs.Add("compare/candidates.csv");
                }

                if (portfolio is not null)
                {
                    output.WriteLine($"Evaluating {measures.Count} measures × {portfolio.Scenarios.Count} scenarios × {settings.Paths:N0} paths");
                    benefits = ProgressDisplay.Run(console, output, "Measures", progress => CandidateComparison.EvaluateMeasures(portfolio, measures, settings, progress, cancellationToken));
                    CompareWriter.WriteFile(runDirectory.File("compare/measures.csv"), w => CompareWriter.WriteMeasures(benefits, w));
                    outputs.Add("compare/measures.csv");
                }
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("Stopped: nothing was written.");
                return ExitCodes.Failure;
            }

            var sites = (candidateInputs?.Sites ?? []).Concat(portfolio?.Sites ?? []).GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().Name);
            var scenarioNames = (candidateInputs ?? portfolio)!.Scenarios.ToDictionary(x => x.Id, x => x.Name);
            var report = new CompareReport(ranking, benefits, sites, measures.ToDictionary(m => m.Id, m => m.Name), scenarioNames);
            outputs.AddRange(report.Write(runDirectory.StagingPath));

            new RunManifest
            {
                Tool = ToolVersion.Text,
                CommandLine = request.CommandLine,
                Seed = settings.Seed,
                Paths = settings.Paths,
                FirstYear = settings.FirstYear,
                LastYear = settings.LastYear,
                Workers = settings.EffectiveWorkers,
                Scenarios = (candidateInputs ?? portfolio)!.Scenarios.Select(s => s.Id).ToArray(),
                Sites = (candidateInputs?.Sites ?? []).Concat(portfolio?.Sites ?? []).Select(s => s.Id).ToArray(),
                InputSha256 = hashes,
                Outputs = outputs,
                StartedUtc = started,
                FinishedUtc = DateTimeOffset.UtcNow,
            }.Write(runDirectory.File("manifest.json"));
            runDirectory.Commit();
            output.WriteLine($"Done in {stopwatch.Elapsed.TotalSeconds:F1} s; results in {outPath}");
            CompareSummary.Write(ranking, benefits, output);
        }

        return ExitCodes.Ok;
    }
}
