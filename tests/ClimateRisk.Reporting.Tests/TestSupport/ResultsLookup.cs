namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>The results CSVs of a run directory, looked up the way charts name their sources in data-* attributes.</summary>
public sealed class ResultsLookup
{
    private readonly CsvFile _site;
    private readonly CsvFile _portfolio;
    private readonly CsvFile _horizons;
    private readonly CsvFile _exceedance;
    private readonly Dictionary<string, string[]> _siteIndex;
    private readonly Dictionary<string, string[]> _portfolioIndex;

    public ResultsLookup(string runDirectory)
    {
        _site = CsvFile.Read(Path.Combine(runDirectory, "results", "site_year.csv"));
        _portfolio = CsvFile.Read(Path.Combine(runDirectory, "results", "portfolio_year.csv"));
        _horizons = CsvFile.Read(Path.Combine(runDirectory, "results", "horizons.csv"));
        _exceedance = CsvFile.Read(Path.Combine(runDirectory, "results", "exceedance.csv"));
        _siteIndex = _site.Rows.ToDictionary(r => $"{r[0]}|{r[1]}|{r[2]}|{r[3]}");
        _portfolioIndex = _portfolio.Rows.ToDictionary(r => $"{r[0]}|{r[1]}|{r[2]}");
    }

    /// <summary>A statistic of a year cell; <paramref name="metric"/> may be a '+'-joined sum.</summary>
    public double Cell(string source, string scenario, string entity, int year, string metric, string stat)
        => metric.Split('+').Sum(m => source == "site_year"
            ? _site.Number(_siteIndex[$"{scenario}|{entity}|{year}|{m}"], stat)
            : _portfolio.Number(_portfolioIndex[$"{scenario}|{year}|{m}"], stat));

    public double Horizon(string scenario, string entity, string horizon, string metric, string stat)
        => _horizons.Number(_horizons.Where(("scenario", scenario), ("site", entity), ("horizon", horizon), ("metric", metric)).Single(), stat);

    public IReadOnlyList<(double ReturnPeriod, double Loss)> Curve(string scenario, string entity, int year, string curve)
        => _exceedance.Where(("scenario", scenario), ("site", entity), ("year", year.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("curve", curve))
            .Select(r => (_exceedance.Number(r, "return_period_y"), _exceedance.Number(r, "loss_cny")))
            .OrderBy(p => p.Item1)
            .ToArray();
}
