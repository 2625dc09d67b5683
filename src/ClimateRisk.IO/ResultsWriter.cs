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
        foreach (var cell in result.Cells.Where(c => c.EntityId != SimulationResult.PortfolioId))
        {
            writer.Write($"{CsvText.Field(cell.ScenarioId)},{CsvText.Field(cell.EntityId)},{CsvText.Integer(cell.Year)},{cell.Metric.Name()},{Statistics(cell.Statistics)}\n");
        }
    }

    /// <summary>portfolio_year.csv: scenario, year, metric, statistics.</summary>
    public static void WritePortfolioYear(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("scenario,year,metric," + StatisticsHeader + "\n");
        foreach (var cell in result.Cells.Where(c => c.EntityId == SimulationResult.PortfolioId))
        {
            writer.Write($"{CsvText.Field(cell.ScenarioId)},{CsvText.Integer(cell.Year)},{cell.Metric.Name()},{Statistics(cell.Statistics)}\n");
        }
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
        foreach (var scenario in result.ScenarioIds)
        {
            foreach (var cell in horizonCells[scenario])
            {
                writer.Write($"{CsvText.Field(scenario)},{CsvText.Field(cell.EntityId)},{CsvText.Integer(cell.Year)},{cell.Metric.Name()},{Statistics(cell.Statistics)}\n");
            }

            foreach (var npv in npvs[scenario])
            {
                writer.Write($"{CsvText.Field(scenario)},{CsvText.Field(npv.EntityId)},{npvLabel},{Metric.TotalClimateCostCny.Name()},{Statistics(npv.Statistics)}\n");
            }
        }
    }

    /// <summary>exceedance.csv: scenario, site, year, curve (AEP/OEP), return period, annual exceedance probability, loss.</summary>
    public static void WriteExceedance(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("scenario,site,year,curve,return_period_y,exceedance_prob,loss_cny\n");
        foreach (var p in result.Exceedance)
        {
            writer.Write($"{CsvText.Field(p.ScenarioId)},{CsvText.Field(p.EntityId)},{CsvText.Integer(p.Year)},{p.Curve},{CsvText.Number(p.ReturnPeriodY)},{CsvText.Number(1 / p.ReturnPeriodY)},{CsvText.Number(p.LossCny)}\n");
        }
    }

    private static string Statistics(CellStatistics s)
        => string.Join(',', CsvText.Number(s.Mean), CsvText.Number(s.StandardError), CsvText.Number(s.StandardDeviation), CsvText.Number(s.P5), CsvText.Number(s.P25), CsvText.Number(s.P50), CsvText.Number(s.P75),
            CsvText.Number(s.P95), CsvText.Number(s.P99), CsvText.Number(s.TVaR99), CsvText.Number(s.PExceed));
}
