using System.Diagnostics;
using System.Globalization;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Planning;
using ClimateRisk.IO;
using ClimateRisk.Pipeline.Internal;
using ClimateRisk.Reporting.Compare;

namespace ClimateRisk.Pipeline;

/// <summary>
/// <c>climaterisk compare</c>: ranks candidate sites by the NPV of their total climate cost and
/// evaluates adaptation measures (cost–benefit), both on common random numbers, and writes
/// compare/*.csv, the comparison report and the manifest. Without candidates and measures it
/// uses the bundled data/candidates.csv and data/measures.csv.
/// </summary>
public static class ComparePipeline
{
    /// <summary>Runs <paramref name="request"/> and commits its output directory.</summary>
    /// <exception cref="InputException">An input file is missing or malformed.</exception>
    /// <exception cref="RunRefusedException">An option is out of range or the output directory is in the way.</exception>
    /// <exception cref="RunStoppedException">Cancelled; nothing was written.</exception>
    public static CompareOutcome Run(CompareRequest request, IRunObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);
        var settings = SettingsParser.Create(request);
        // Each candidate or measure is simulated on its own (one site and its portfolio row per
        // path buffer): checked before loading, as it needs nothing but the path count.
        Refuse(RunPreflight.CompareProblem(settings, "one site", 0, long.MaxValue));

        var started = DateTimeOffset.UtcNow;
        var candidatesFile = request.Candidates;
        var measuresFile = request.Measures;
        ModelInputs? candidateInputs = null;
        ModelInputs? portfolio = null;
        IReadOnlyList<AdaptationMeasure> measures = [];
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var bundled = InputResolver.Resolve(request.Data, request.Sites, request.Scenarios, request.PueResponse);
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

        // Memory needs the counts: every candidate's per-path NPV of one scenario is kept for the
        // paired differences, and every measure site's baseline per scenario plus one evaluation
        // per worker for the benefits.
        if (candidateInputs is not null)
        {
            Refuse(RunPreflight.CompareProblem(settings, $"{candidateInputs.Sites.Count} candidates", candidateInputs.Sites.Count, RunPreflight.AvailableBytes()));
        }

        if (portfolio is not null)
        {
            var measureSites = measures.Select(m => m.SiteId).Distinct().Count();
            Refuse(RunPreflight.CompareProblem(settings, $"{measures.Count} measures at {measureSites} sites", (measureSites * portfolio.Scenarios.Count) + settings.EffectiveWorkers, RunPreflight.AvailableBytes()));
        }

        var outPath = request.Out ?? Path.Combine("out", "compare-" + started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        RunDirectory runDirectory;
        try
        {
            runDirectory = RunDirectory.Create(outPath, request.Force);
        }
        catch (IOException ex)
        {
            throw new RunRefusedException($"error: {ex.Message}", ex);
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
                    observer.Line($"Comparing {candidateInputs.Sites.Count} candidates × {candidateInputs.Scenarios.Count} scenarios × {settings.YearCount} years × {settings.Paths:N0} paths on common random numbers");
                    ranking = observer.Track("Candidates", progress => CandidateComparison.Compare(candidateInputs, settings, progress, cancellationToken));
                    CompareWriter.WriteFile(runDirectory.File("compare/candidates.csv"), w => CompareWriter.WriteCandidates(ranking, w));
                    outputs.Add("compare/candidates.csv");
                }

                if (portfolio is not null)
                {
                    observer.Line($"Evaluating {measures.Count} measures × {portfolio.Scenarios.Count} scenarios × {settings.Paths:N0} paths");
                    benefits = observer.Track("Measures", progress => CandidateComparison.EvaluateMeasures(portfolio, measures, settings, progress, cancellationToken));
                    CompareWriter.WriteFile(runDirectory.File("compare/measures.csv"), w => CompareWriter.WriteMeasures(benefits, w));
                    outputs.Add("compare/measures.csv");
                }
            }
            catch (OperationCanceledException ex)
            {
                throw new RunStoppedException("Stopped: nothing was written.", ex);
            }

            var sites = (candidateInputs?.Sites ?? []).Concat(portfolio?.Sites ?? []).GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().Name);
            var scenarios = (candidateInputs ?? portfolio)!.Scenarios;
            var report = new CompareReport(ranking, benefits, sites, measures.ToDictionary(m => m.Id, m => m.Name), scenarios.ToDictionary(x => x.Id, x => x.Name));
            outputs.AddRange(report.Write(runDirectory.StagingPath));

            var manifest = RunManifestFactory.Create(
                settings,
                request.CommandLine,
                scenarios.Select(s => s.Id).ToArray(),
                (candidateInputs?.Sites ?? []).Concat(portfolio?.Sites ?? []).Select(s => s.Id).ToArray(),
                hashes,
                outputs,
                started);
            manifest.Write(runDirectory.File("manifest.json"));
            runDirectory.Commit();
            return new CompareOutcome { OutPath = outPath, Manifest = manifest, Ranking = ranking, Measures = benefits, Elapsed = stopwatch.Elapsed };
        }
    }

    private static void Refuse(string? problem)
    {
        if (problem is not null)
        {
            throw new RunRefusedException(problem);
        }
    }
}
