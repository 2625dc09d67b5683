using System.Globalization;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// Reads the results CSVs written by <see cref="ResultsWriter"/> back into a
/// <see cref="SimulationResult"/>, so charts, register and board pack can be redrawn from a saved
/// run without simulating again. The files carry every statistic except the path count, which
/// comes from the settings (or the run's manifest). Write → read gives back equal records.
/// Problems are collected and thrown together as one <see cref="InputException"/>.
/// </summary>
public static class ResultsReader
{
    private static readonly string[] StatisticsColumns = ResultsWriter.StatisticsHeader.Split(',');

    /// <summary>Reads the results in <paramref name="resultsDirectory"/> with the path count, seed and years of <paramref name="manifest"/>.</summary>
    /// <exception cref="InputException">With every problem found.</exception>
    public static SimulationResult Read(string resultsDirectory, RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var settings = new SimulationSettings
        {
            Paths = manifest.Paths,
            Seed = manifest.Seed,
            FirstYear = manifest.FirstYear,
            LastYear = manifest.LastYear,
            Workers = manifest.Workers,
        };
        return Read(resultsDirectory, settings);
    }

    /// <summary>
    /// Reads the results in <paramref name="resultsDirectory"/>. <paramref name="settings"/> gives
    /// the path count, seed and workers; horizons and return periods are taken from the files, and
    /// the simulated years must match the settings'.
    /// </summary>
    /// <exception cref="InputException">With every problem found.</exception>
    public static SimulationResult Read(string resultsDirectory, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<InputError>();
        var sitePath = Path.Combine(resultsDirectory, ResultsWriter.SiteYearFileName);
        var portfolioPath = Path.Combine(resultsDirectory, ResultsWriter.PortfolioYearFileName);
        var siteCells = ReadCells(sitePath, hasSite: true, settings.Paths, errors);
        var portfolioCells = ReadCells(portfolioPath, hasSite: false, settings.Paths, errors);
        var (npv, horizons) = ReadHorizons(Path.Combine(resultsDirectory, ResultsWriter.HorizonsFileName), settings, errors);
        var (exceedance, returnPeriods) = ReadExceedance(Path.Combine(resultsDirectory, ResultsWriter.ExceedanceFileName), errors);
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        var scenarios = siteCells.Select(c => c.ScenarioId).Distinct().ToArray();
        var sites = siteCells.Select(c => c.EntityId).Distinct().ToArray();
        var years = siteCells.Select(c => c.Year).Distinct().Order().ToArray();
        if (years.Length > 0 && (years[0] != settings.FirstYear || years[^1] != settings.LastYear))
        {
            errors.Add(new InputError(sitePath, 0, "year", $"{years[0]}..{years[^1]}", $"the years of the run, {settings.FirstYear}..{settings.LastYear}"));
        }

        var cells = new List<CellResult>(siteCells.Count + portfolioCells.Count);
        var siteByScenario = siteCells.ToLookup(c => c.ScenarioId);
        var portfolioByScenario = portfolioCells.ToLookup(c => c.ScenarioId);
        var expected = settings.YearCount * MetricNames.Count;
        foreach (var scenario in scenarios)
        {
            var own = siteByScenario[scenario].ToList();
            var portfolio = portfolioByScenario[scenario].ToList();
            if (own.Count != expected * sites.Length)
            {
                errors.Add(new InputError(sitePath, 0, "scenario", scenario, $"a row for every site, year and metric ({expected * sites.Length}), found {own.Count}"));
            }

            if (portfolio.Count != expected)
            {
                errors.Add(new InputError(portfolioPath, 0, "scenario", scenario, $"a row for every year and metric ({expected}), found {portfolio.Count}"));
            }

            cells.AddRange(own);
            cells.AddRange(portfolio);
        }

        foreach (var scenario in portfolioCells.Select(c => c.ScenarioId).Distinct().Where(s => !scenarios.Contains(s)))
        {
            errors.Add(new InputError(portfolioPath, 0, "scenario", scenario, "a scenario that also has site rows"));
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        return new SimulationResult
        {
            Settings = settings with
            {
                Horizons = horizons.Count > 0 ? horizons : settings.Horizons,
                ReturnPeriodsY = returnPeriods.Count > 0 ? returnPeriods : settings.ReturnPeriodsY,
            },
            ScenarioIds = scenarios,
            SiteIds = sites,
            Cells = cells,
            Npv = npv,
            Exceedance = exceedance,
        };
    }

    private static List<CellResult> ReadCells(string path, bool hasSite, long paths, List<InputError> errors)
    {
        string[] keys = hasSite ? ["scenario", "site", "year", "metric"] : ["scenario", "year", "metric"];
        var table = CsvTable.Read(path, [.. keys, .. StatisticsColumns]);
        var cells = new List<CellResult>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var scenario = table.Required(row, "scenario");
            var entity = hasSite ? table.Required(row, "site") : SimulationResult.PortfolioId;
            var year = table.Integer(row, "year", 1900, 2200);
            var metric = ParseMetric(table, row, "metric");
            cells.Add(new CellResult(scenario, entity, year, metric, Statistics(table, row, paths)));
        }

        errors.AddRange(table.Errors);
        return cells;
    }

    private static (List<NpvResult> Npv, List<int> Horizons) ReadHorizons(string path, SimulationSettings settings, List<InputError> errors)
    {
        var table = CsvTable.Read(path, ["scenario", "site", "horizon", "metric", .. StatisticsColumns]);
        var npvLabel = $"npv_{settings.FirstYear}_{settings.LastYear}";
        var npv = new List<NpvResult>();
        var horizons = new List<int>();
        foreach (var row in table.Rows)
        {
            var horizon = table.Required(row, "horizon");
            if (horizon.StartsWith("npv_", StringComparison.Ordinal))
            {
                if (horizon != npvLabel)
                {
                    table.Error(row.Line, "horizon", horizon, $"{npvLabel} (the NPV over the run's years) or a horizon year");
                }

                ParseMetric(table, row, "metric");
                npv.Add(new NpvResult(table.Required(row, "scenario"), table.Required(row, "site"), Statistics(table, row, settings.Paths)));
            }
            else if (int.TryParse(horizon, NumberStyles.Integer, CultureInfo.InvariantCulture, out var year))
            {
                if (!horizons.Contains(year))
                {
                    horizons.Add(year);
                }
            }
            else
            {
                table.Error(row.Line, "horizon", horizon, "a horizon year or npv_FIRST_LAST");
            }
        }

        errors.AddRange(table.Errors);
        return (npv, horizons);
    }

    private static (List<ExceedancePoint> Points, List<double> ReturnPeriods) ReadExceedance(string path, List<InputError> errors)
    {
        // A run whose years contain no horizon (e.g. 2025..2027) has no exceedance curves.
        var table = CsvTable.Read(path, ["scenario", "site", "year", "curve", "return_period_y", "exceedance_prob", "loss_cny"], allowEmpty: true);
        var points = new List<ExceedancePoint>(table.Rows.Count);
        var returnPeriods = new List<double>();
        foreach (var row in table.Rows)
        {
            var curve = table.Key(row, "curve", ["AEP", "OEP"], "curve");
            var returnPeriod = table.Number(row, "return_period_y", 1, double.PositiveInfinity, "a return period in years ≥ 1");
            if (!returnPeriods.Contains(returnPeriod) && !double.IsNaN(returnPeriod))
            {
                returnPeriods.Add(returnPeriod);
            }

            points.Add(new ExceedancePoint(
                table.Required(row, "scenario"),
                table.Required(row, "site"),
                table.Integer(row, "year", 1900, 2200),
                curve,
                returnPeriod,
                Value(table, row, "loss_cny")));
        }

        errors.AddRange(table.Errors);
        return (points, returnPeriods);
    }

    private static Metric ParseMetric(CsvTable table, CsvRow row, string column)
    {
        var name = table.Required(row, column);
        if (!MetricNames.TryParse(name, out var metric))
        {
            table.Error(row.Line, column, name, NameSuggester.ExpectedOneOf(name, MetricNames.All.Select(m => m.Name()).ToArray()));
        }

        return metric;
    }

    private static CellStatistics Statistics(CsvTable table, CsvRow row, long paths) => new()
    {
        Count = paths,
        Mean = Value(table, row, "mean"),
        StandardError = Value(table, row, "se"),
        StandardDeviation = Value(table, row, "sd"),
        P5 = Value(table, row, "p5"),
        P25 = Value(table, row, "p25"),
        P50 = Value(table, row, "p50"),
        P75 = Value(table, row, "p75"),
        P95 = Value(table, row, "p95"),
        P99 = Value(table, row, "p99"),
        TVaR99 = Value(table, row, "tvar99"),
        PExceed = Value(table, row, "p_exceed"),
    };

    /// <summary>A number as written by <see cref="CsvText.Number"/>: empty for NaN, otherwise invariant round-trip text.</summary>
    private static double Value(CsvTable table, CsvRow row, string column)
    {
        var text = table.Text(row, column);
        if (text.Length == 0)
        {
            return double.NaN;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            table.Error(row.Line, column, text, "a number with '.' as the decimal separator, or empty");
            return double.NaN;
        }

        return value;
    }
}
