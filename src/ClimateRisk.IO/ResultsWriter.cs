using System.Runtime.CompilerServices;
using System.Text;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// Writes the results CSVs of ARCHITECTURE.md "Outputs of run": site_year.csv,
/// portfolio_year.csv, horizons.csv, exceedance.csv and financial_effects.csv (<see cref="FinancialEffectsWriter"/>). UTF-8 without BOM, LF, invariant
/// culture, shortest round-trip numbers (so the files reproduce the doubles exactly).
/// </summary>
public static class ResultsWriter
{
    /// <summary>The statistics columns shared by the cell files.</summary>
    public const string StatisticsHeader = "mean,se,sd,p5,p25,p50,p75,p95,p99,tvar99,p_exceed";

    internal const string SiteYearFileName = "site_year.csv";
    internal const string PortfolioYearFileName = "portfolio_year.csv";
    internal const string HorizonsFileName = "horizons.csv";
    internal const string ExceedanceFileName = "exceedance.csv";

    /// <summary>The five files of <see cref="Write"/> with their writers, in the order written.</summary>
    private static readonly (string Name, Action<SimulationResult, TextWriter> Write)[] Files =
    [
        (SiteYearFileName, WriteSiteYear),
        (PortfolioYearFileName, WritePortfolioYear),
        (HorizonsFileName, WriteHorizons),
        (ExceedanceFileName, WriteExceedance),
        (FinancialEffectsWriter.FileName, FinancialEffectsWriter.Write),
    ];

    /// <summary>File names, in the order written.</summary>
    public static IReadOnlyList<string> FileNames { get; } = Files.Select(f => f.Name).ToArray();

    /// <summary>The convergence table (<see cref="WriteConvergence"/>), written beside the four files by <c>run</c>.</summary>
    public const string ConvergenceFileName = "convergence.csv";

    /// <summary>Every results file of <c>run</c>: the five of <see cref="FileNames"/> and convergence.csv.</summary>
    public static IReadOnlyList<string> RunFileNames { get; } = [.. FileNames, ConvergenceFileName];

    /// <summary>
    /// convergence.csv: per scenario the headline numbers (portfolio total climate cost and
    /// physical loss at the horizons, NPV) with their paths, mean, s.e. and RSE, and — with a
    /// target — whether the RSE reached it. The board pack reads <c>converged</c> to flag a
    /// number that is not converged.
    /// </summary>
    public static void WriteConvergence(IEnumerable<HeadlineEstimate> estimates, double? target, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("scenario,metric,horizon,paths,mean,se,rse,target,converged\n");
        foreach (var e in estimates)
        {
            var rse = e.RelativeStandardError;
            var converged = target is { } t ? (rse <= t ? "true" : "false") : string.Empty;
            writer.Write($"{CsvText.Field(e.ScenarioId)},{e.Metric},{e.Horizon},{CsvText.Integer(e.Paths)},{CsvText.Number(e.Mean)},{CsvText.Number(e.StandardError)},"
                + $"{CsvText.Number(rse)},{(target is { } value ? CsvText.Number(value) : string.Empty)},{converged}\n");
        }
    }

    /// <summary>Writes <paramref name="write"/>'s text to a new file: UTF-8 without BOM, never over an existing file.</summary>
    public static void CreateFile(string path, Action<TextWriter> write) => TextFile.CreateNew(path, write);

    /// <summary>Writes the five files into <paramref name="directory"/> (which must exist).</summary>
    public static void Write(SimulationResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var (name, write) in Files)
        {
            TextFile.CreateNew(Path.Combine(directory, name), w => write(result, w));
        }
    }

    /// <summary>site_year.csv: scenario, site, year, metric, statistics.</summary>
    public static void WriteSiteYear(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("scenario,site,year,metric," + StatisticsHeader + "\n");
        WriteLines(writer, result.Cells.Where(c => c.EntityId != SimulationResult.PortfolioId), AppendSiteYear);
    }

    /// <summary>portfolio_year.csv: scenario, year, metric, statistics.</summary>
    public static void WritePortfolioYear(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("scenario,year,metric," + StatisticsHeader + "\n");
        WriteLines(writer, result.Cells.Where(c => c.EntityId == SimulationResult.PortfolioId), AppendPortfolioYear);
    }

    /// <summary>
    /// horizons.csv: the horizon years (2030 / 2040 / 2050) of every site and the portfolio,
    /// then the NPV of total climate cost as horizon <c>npv_FIRST_LAST</c>.
    /// </summary>
    public static void WriteHorizons(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        var settings = result.Settings;
        var npvLabel = $"npv_{settings.FirstYear}_{settings.LastYear}";
        writer.Write("scenario,site,horizon,metric," + StatisticsHeader + "\n");
        // Each scenario's rows in the order of Cells and Npv, grouped in one pass each.
        var horizonCells = result.Cells.Where(c => settings.Horizons.Contains(c.Year)).ToLookup(c => c.ScenarioId);
        var npvs = result.Npv.ToLookup(n => n.ScenarioId);
        var line = new StringBuilder(256);
        foreach (var scenario in result.ScenarioIds)
        {
            foreach (var cell in horizonCells[scenario])
            {
                // A horizon cell's line is its site_year.csv line (the lookup's key is the cell's scenario).
                AppendSiteYear(line.Clear(), cell);
                writer.Write(line);
            }

            foreach (var npv in npvs[scenario])
            {
                line.Clear().Append(CsvText.Field(scenario)).Append(',').Append(CsvText.Field(npv.EntityId)).Append(',')
                    .Append(npvLabel).Append(',').Append(Metric.TotalClimateCostCny.Name()).Append(',');
                writer.Write(AppendStatistics(line, npv.Statistics).Append('\n'));
            }
        }
    }

    /// <summary>exceedance.csv: scenario, site, year, curve (AEP/OEP), return period, annual exceedance probability, loss.</summary>
    public static void WriteExceedance(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("scenario,site,year,curve,return_period_y,exceedance_prob,loss_cny\n");
        WriteLines(writer, result.Exceedance, AppendExceedance);
    }

    /// <summary>
    /// Each item's line, appended by <paramref name="appendLine"/> to one reused builder and
    /// written from there.
    /// </summary>
    /// <remarks>
    /// Why: formatting the numbers is nearly all of writing the results (site_year.csv of the
    /// standard workload is 38,688 rows of 11 numbers). Appended through the non-generic
    /// <c>TryFormat</c> (<see cref="CsvText.AppendNumber"/>), with the line formatters compiled
    /// optimised at once, the file took 62–63 ms where a string per number through interpolated
    /// strings took about 115 ms (`bench --paths 10000 --workers 1`): that route ran a generic
    /// method's unoptimised first code for the whole file, tiered compilation promoting it only
    /// after a pause in compiling. Formatting on two threads was tried and was slower than one
    /// here (docs/performance.md, twelfth session).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteLines<T>(TextWriter writer, IEnumerable<T> items, Action<StringBuilder, T> appendLine)
    {
        var line = new StringBuilder(256);
        foreach (var item in items)
        {
            appendLine(line.Clear(), item);
            writer.Write(line);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AppendSiteYear(StringBuilder line, CellResult cell)
    {
        line.Append(CsvText.Field(cell.ScenarioId)).Append(',').Append(CsvText.Field(cell.EntityId)).Append(',');
        CsvText.AppendInteger(line, cell.Year).Append(',').Append(cell.Metric.Name()).Append(',');
        AppendStatistics(line, cell.Statistics);
        line.Append('\n');
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AppendPortfolioYear(StringBuilder line, CellResult cell)
    {
        line.Append(CsvText.Field(cell.ScenarioId)).Append(',');
        CsvText.AppendInteger(line, cell.Year).Append(',').Append(cell.Metric.Name()).Append(',');
        AppendStatistics(line, cell.Statistics);
        line.Append('\n');
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AppendExceedance(StringBuilder line, ExceedancePoint p)
    {
        line.Append(CsvText.Field(p.ScenarioId)).Append(',').Append(CsvText.Field(p.EntityId)).Append(',');
        CsvText.AppendInteger(line, p.Year).Append(',').Append(p.Curve).Append(',');
        CsvText.AppendNumber(line, p.ReturnPeriodY).Append(',');
        CsvText.AppendNumber(line, 1 / p.ReturnPeriodY).Append(',');
        CsvText.AppendNumber(line, p.LossCny).Append('\n');
    }

    /// <summary>The <see cref="StatisticsHeader"/> columns of one cell appended to <paramref name="line"/>; returns it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static StringBuilder AppendStatistics(StringBuilder line, CellStatistics s)
    {
        return CsvText.AppendNumbers(line, s.Mean, s.StandardError, s.StandardDeviation, s.P5, s.P25, s.P50, s.P75, s.P95, s.P99, s.TVaR99, s.PExceed);
    }
}
