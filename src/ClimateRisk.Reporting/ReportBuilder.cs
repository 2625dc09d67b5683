using ClimateRisk.Core.Sensitivity;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.Reporting.BoardPack;
using ClimateRisk.Reporting.Charts;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Register;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting;

/// <summary>
/// Draws a run's report into its directory: <c>charts/*.svg</c>, <c>register/risk_register.{csv,xlsx,md}</c>,
/// <c>board-pack.html</c> and <c>sources.html</c> (ARCHITECTURE.md, "Outputs of run"). Used by <c>run</c> (into the
/// staging directory) and by <c>report</c> (from saved results).
/// </summary>
public static class ReportBuilder
{
    /// <summary>The board pack's file name.</summary>
    public const string BoardPackFile = "board-pack.html";

    /// <summary>The register's files, relative to the run directory.</summary>
    public static IReadOnlyList<string> RegisterFiles { get; } = ["register/risk_register.csv", "register/risk_register.xlsx", "register/risk_register.md"];

    /// <summary>The scenarios of <paramref name="result"/> with portfolio NPV rows in <paramref name="sensitivity"/>: those that get a tornado chart.</summary>
    internal static IEnumerable<string> SensitivityScenarios(SimulationResult result, IReadOnlyList<SensitivityIndex>? sensitivity)
    {
        if (sensitivity is null || sensitivity.Count == 0)
        {
            return [];
        }

        var withNpv = sensitivity.Where(i => i.EntityId == SimulationResult.PortfolioId && i.Horizon == "npv").Select(i => i.ScenarioId).ToHashSet(StringComparer.Ordinal);
        return result.ScenarioIds.Where(withNpv.Contains);
    }

    /// <summary>Every chart of a report, by file stem, in board-pack order of kinds.</summary>
    public static IReadOnlyDictionary<string, ChartDocument> Charts(ReportData data, RiskRegister register)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(register);
        var palette = ScenarioPalette.For(data.Result.ScenarioIds);
        var index = data.Index;
        var charts = new List<ChartDocument> { CostComponentsChart.Create(data), CostDistributionChart.Create(data, palette) };
        foreach (var entity in index.Entities)
        {
            foreach (var year in index.Horizons)
            {
                charts.Add(ExceedanceChart.Create(data, entity, year, palette));
            }

            charts.Add(PerilLossChart.Create(data, entity, palette));
            charts.Add(TransitionChart.Create(data, entity, palette));
        }

        charts.AddRange(data.Sites.Select(site => PueFanChart.Create(data, site, palette)));
        charts.AddRange(data.Result.ScenarioIds.Select(s => RiskHeatMap.Create(data, register, s)));
        var npvLabel = $"NPV {Format.Int(data.Result.Settings.FirstYear)}–{Format.Int(data.Result.Settings.LastYear)}";
        // Each scenario's base rows follow from its own final path count (--target-rse may differ by scenario).
        int BaseRows(string scenario) => SensitivityAnalysis.BaseRowsFor(data.Manifest.Convergence?.FirstOrDefault(c => c.Scenario == scenario)?.Paths ?? data.Result.Settings.Paths);
        charts.AddRange(SensitivityScenarios(data.Result, data.Sensitivity).Select(s => TornadoChart.Create(s, data.ScenarioName(s), data.Sensitivity!, npvLabel, BaseRows(s))));
        return charts.ToDictionary(c => c.FileStem, StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes charts, register and board pack under <paramref name="directory"/> (a run directory
    /// or its staging copy); existing files of the same names are replaced. Returns the files
    /// written, relative to <paramref name="directory"/> — the one list the run's manifest records
    /// (nothing predicts it separately).
    /// </summary>
    public static IReadOnlyList<string> Write(ReportData data, string directory)
    {
        ArgumentNullException.ThrowIfNull(data);
        var register = RiskRegister.Build(data);
        var charts = Charts(data, register);
        var written = new List<string>();
        Directory.CreateDirectory(Path.Combine(directory, "charts"));
        Directory.CreateDirectory(Path.Combine(directory, "register"));
        foreach (var chart in charts.Values)
        {
            var relative = "charts/" + chart.FileName;
            WriteText(Path.Combine(directory, relative), chart.ToSvg());
            written.Add(relative);
        }

        using (var csv = new StringWriter(System.Globalization.CultureInfo.InvariantCulture))
        {
            RegisterCsvWriter.Write(register, csv);
            WriteText(Path.Combine(directory, RegisterFiles[0]), csv.ToString());
        }

        RegisterXlsxWriter.Write(register, Path.Combine(directory, RegisterFiles[1]));
        using (var md = new StringWriter(System.Globalization.CultureInfo.InvariantCulture))
        {
            RegisterMarkdownWriter.Write(register, data.ScenarioName, md);
            WriteText(Path.Combine(directory, RegisterFiles[2]), md.ToString());
        }

        written.AddRange(RegisterFiles);
        var model = BoardPackModel.Build(data, register);
        using (var html = new StringWriter(System.Globalization.CultureInfo.InvariantCulture))
        {
            BoardPackWriter.Write(data, register, model, charts, html);
            WriteText(Path.Combine(directory, BoardPackFile), html.ToString());
        }

        using (var html = new StringWriter(System.Globalization.CultureInfo.InvariantCulture))
        {
            SourcesWriter.Write(data, model, html);
            WriteText(Path.Combine(directory, SourcesWriter.FileName), html.ToString());
        }

        written.Add(BoardPackFile);
        written.Add(SourcesWriter.FileName);
        return written;
    }

    /// <summary>Writes UTF-8 without BOM through a temporary name, so a reader never sees half a file.</summary>
    private static void WriteText(string path, string text)
    {
        var temp = path + ".tmp";
        OutputFile.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
