using System.CommandLine;
using System.Text.Json;
using ClimateRisk.Cli.Internal;
using ClimateRisk.IO;
using ClimateRisk.Pipeline;
using ClimateRisk.Reporting;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>climaterisk report RUN_DIR</c>: redraws a run's charts, risk register and board pack from
/// its saved results (results/*.csv and manifest.json) without simulating. Names, PUE targets
/// and limits, thresholds and controls come from the inputs the manifest records (the run's own
/// --data, --sites, --scenarios and --pue-response), or from the input options when any is
/// given; a warning names each file whose SHA-256 differs from the one the run recorded.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = new InputOptions();
        var runDirectory = new Argument<string>("run-dir") { Description = "A run directory written by 'climaterisk run' (with manifest.json and results/)." };
        var command = new Command("report", "Redraw charts, risk register and board pack of a run from its saved results, without simulating.");
        command.Arguments.Add(runDirectory);
        inputs.AddTo(command);
        command.SetAction(parse => Execute(parse.GetValue(runDirectory) ?? ".", parse.GetValue(inputs.Data), parse.GetValue(inputs.Sites), parse.GetValue(inputs.Scenarios) ?? [], output, error, parse.GetValue(inputs.PueResponse)));
        return command;
    }

    public static int Execute(string runDirectory, string? data, string? sites, IReadOnlyList<string> scenarios, TextWriter output, TextWriter error, string? pueResponse = null)
    {
        var manifestPath = Path.Combine(runDirectory, "manifest.json");
        if (!File.Exists(manifestPath))
        {
            error.WriteLine($"error: {runDirectory}: no manifest.json; expected a run directory written by 'climaterisk run'.");
            return ExitCodes.BadInput;
        }

        ReportData report;
        try
        {
            var manifest = RunManifest.Read(manifestPath);
            var result = ResultsReader.Read(Path.Combine(runDirectory, "results"), manifest);
            var optionsGiven = data is not null || sites is not null || scenarios.Count > 0 || pueResponse is not null;
            var paths = (optionsGiven ? null : InputResolver.FromManifest(manifest)) ?? InputResolver.Resolve(data, sites, scenarios, pueResponse);
            var model = InputLoader.Load(paths);
            var sources = ReportSources.Load(paths, model.Sites);
            var changed = ChangedInputs(manifest, paths);
            if (changed.Count > 0)
            {
                error.WriteLine($"warning: these inputs differ from the ones the run used (SHA-256 of manifest.json): {string.Join(", ", changed)}; "
                    + "names, PUE targets and limits, thresholds and controls are taken from the current files.");
            }

            report = ReportData.Create(result, manifest, model, sources, SensitivityReader.ReadIfPresent(Path.Combine(runDirectory, "results")));
        }
        catch (InputException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (JsonException ex)
        {
            error.WriteLine($"error: {manifestPath}: not a run manifest ({ex.Message})");
            return ExitCodes.BadInput;
        }

        var staging = Path.Combine(runDirectory, $".report-partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var moved = 0;
        try
        {
            var files = ReportBuilder.Write(report, staging);
            foreach (var file in files)
            {
                var target = Path.Combine(runDirectory, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(Path.Combine(staging, file), target, overwrite: true);
                moved++;
            }

            output.WriteLine($"Report redrawn from {Path.Combine(runDirectory, "results")}: {files.Count(f => f.StartsWith("charts/", StringComparison.Ordinal))} charts, "
                + $"register/risk_register.{{csv,xlsx,md}}, {Path.Combine(runDirectory, ReportBuilder.BoardPackFile)}");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Everything is drawn in a staging folder first: the run's files are replaced only once
            // it is complete, so only a failure among the moves leaves old and new files mixed.
            var state = moved == 0
                ? "its earlier report files are unchanged"
                : $"{moved} of its report files were replaced before the failure, the others are from the earlier report";
            error.WriteLine($"error: writing the report of {runDirectory} failed: {ex.Message}; {state}: free space, then run 'climaterisk report {runDirectory}' again.");
            return ExitCodes.Failure;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Input files used now whose SHA-256 differs from the one the manifest records for the same
    /// input: the same file, or the file in the same role (the portfolio, a scenario file by
    /// name, the learned PUE response, a table by its path under the data directory). The
    /// manifest lists inputs only, so the run's own outputs are never compared.
    /// </summary>
    private static List<string> ChangedInputs(RunManifest manifest, InputPaths paths)
    {
        var recorded = InputResolver.FromManifest(manifest);
        var byRole = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in paths.HashedFiles().Where(File.Exists))
        {
            byRole.TryAdd(Role(paths, file), file);
        }

        var changed = new List<string>();
        foreach (var (file, hash) in manifest.InputSha256)
        {
            var role = recorded is null ? Role(paths, file) : Role(recorded, InputResolver.Recorded(manifest, file));
            if (byRole.TryGetValue(role, out var current) && RunManifest.Sha256(current) != hash)
            {
                changed.Add(current);
            }
        }

        return changed;
    }

    /// <summary>What an input file is to the run: its role when <paramref name="inputs"/> names it, else the last two segments of its path (e.g. climate/gsat.csv).</summary>
    private static string Role(InputPaths inputs, string file)
    {
        static string Normal(string path) => Path.GetFullPath(path).Replace('\\', '/');
        var full = Normal(file);
        if (full == Normal(inputs.SitesFile))
        {
            return "sites";
        }

        if (inputs.PueResponseFile is { } response && full == Normal(response))
        {
            return "pue-response";
        }

        if (inputs.ScenarioFiles.Any(s => Normal(s) == full))
        {
            return "scenario:" + Path.GetFileName(full);
        }

        var data = Normal(inputs.DataDirectory).TrimEnd('/') + "/";
        if (full.StartsWith(data, StringComparison.Ordinal))
        {
            return "data:" + full[data.Length..];
        }

        var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return "tail:" + string.Join('/', parts.Skip(Math.Max(0, parts.Length - 2)));
    }
}
