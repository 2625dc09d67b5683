using System.Globalization;
using ClimateRisk.Core.Model;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// Reads a building-management (BMS/DCIM) telemetry export for <c>climaterisk calibrate</c>:
/// columns <c>site_id, timestamp, outdoor_temp_c, it_kw, facility_kw</c>, ISO 8601 timestamps,
/// hourly or finer, several sites in one file, gaps allowed. Every problem is reported with
/// file, line, field, value and what was expected, all at once, like <see cref="InputLoader"/>.
/// </summary>
public static class TelemetryLoader
{
    /// <summary>Least span of a site's readings: 6 months, so that leave-one-month-out has folds and more than one season is seen.</summary>
    public const int MinMonths = 6;

    /// <summary>Least span, days, that <see cref="MinMonths"/> stands for.</summary>
    public const double MinSpanDays = 182;

    /// <summary>Least outdoor temperature range of a site's readings, °C: a slope cannot be learned from one temperature.</summary>
    public const double MinTemperatureSpanC = 5;

    /// <summary>Per column, the rows shown before the rest are counted (a unit mistake affects every row).</summary>
    private const int ShownPerColumn = 5;

    /// <summary>The columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["site_id", "timestamp", "outdoor_temp_c", "it_kw", "facility_kw"];

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>
    /// Reads <paramref name="path"/>. With <paramref name="portfolio"/> given, every site must be
    /// one of its sites and an <c>it_kw</c> that matches the site's IT load in MW is reported as
    /// the wrong unit.
    /// </summary>
    /// <exception cref="InputException">With every problem found.</exception>
    public static IReadOnlyList<TelemetrySeries> Load(string path, IReadOnlyCollection<Site>? portfolio = null)
    {
        var table = CsvTable.Read(path, Columns);
        var bySite = new Dictionary<string, SiteRows>(StringComparer.Ordinal);
        var inv = CultureInfo.InvariantCulture;
        foreach (var row in table.Rows)
        {
            var siteId = table.Required(row, "site_id");
            var stampText = table.Required(row, "timestamp");
            var temperature = table.Number(row, "outdoor_temp_c", -60, 60, "an outdoor temperature in °C from -60 to 60");
            var it = table.Number(row, "it_kw", double.Epsilon, double.PositiveInfinity, "an IT power in kW, > 0");
            var facility = table.Number(row, "facility_kw", double.Epsilon, double.PositiveInfinity, "a facility power in kW, > 0");
            DateTimeOffset stamp = default;
            var stampOk = stampText.Length > 0 && DateTimeOffset.TryParseExact(stampText, TimestampFormats, inv, DateTimeStyles.AssumeUniversal, out stamp);
            if (stampText.Length > 0 && !stampOk)
            {
                table.Error(row.Line, "timestamp", stampText, "an ISO 8601 date and time, e.g. 2025-07-01T14:00 or 2025-07-01T14:00:00+08:00");
            }

            if (double.IsFinite(it) && double.IsFinite(facility))
            {
                var pue = facility / it;
                if (pue >= 20)
                {
                    table.Error(row.Line, "it_kw", table.Text(row, "it_kw"),
                        string.Create(inv, $"an IT power in kW: facility_kw / it_kw = {pue:0} is no PUE; it_kw looks to be in MW (multiply by 1000)"));
                }
                else if (pue < 1)
                {
                    table.Error(row.Line, "facility_kw", table.Text(row, "facility_kw"),
                        string.Create(inv, $"at least it_kw ({table.Text(row, "it_kw")}): facility power below IT power gives PUE {pue:0.000} < 1"));
                }
            }

            if (siteId.Length == 0)
            {
                continue;
            }

            if (!bySite.TryGetValue(siteId, out var rows))
            {
                rows = new SiteRows(row.Line);
                bySite.Add(siteId, rows);
            }

            if (stampOk)
            {
                if (rows.LastLine > 0 && stamp <= rows.LastStamp)
                {
                    var why = stamp == rows.LastStamp ? "each time once" : "the rows of a site in time order";
                    table.Error(row.Line, "timestamp", stampText,
                        string.Create(inv, $"a time after {rows.LastText} (line {rows.LastLine}, same site): {why}"));
                    continue;
                }

                (rows.LastStamp, rows.LastText, rows.LastLine) = (stamp, stampText, row.Line);
            }

            if (stampOk && double.IsFinite(temperature) && double.IsFinite(it) && double.IsFinite(facility))
            {
                rows.Add(stamp, temperature, it, facility);
            }
        }

        var errors = Capped(table.Errors);
        var known = portfolio?.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var series = new List<TelemetrySeries>();
        foreach (var (siteId, rows) in bySite)
        {
            if (known is not null && !known.ContainsKey(siteId))
            {
                errors.Add(new InputError(path, rows.FirstLine, "site_id", siteId, "a site of the portfolio: " + NameSuggester.ExpectedOneOf(siteId, known.Keys)));
                continue;
            }

            if (errors.Count > 0)
            {
                // Span and unit checks on rows that are themselves wrong would only add noise.
                continue;
            }

            CheckSite(path, siteId, rows, known?.GetValueOrDefault(siteId), errors);
            series.Add(rows.ToSeries(siteId));
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors.OrderBy(e => e.Line).ToArray());
        }

        return series;
    }

    private static void CheckSite(string path, string siteId, SiteRows rows, Site? site, List<InputError> errors)
    {
        var inv = CultureInfo.InvariantCulture;
        var first = rows.Stamps[0];
        var last = rows.Stamps[^1];
        var spanDays = (last - first).TotalDays;
        var months = rows.Stamps.Select(s => (s.Year, s.Month)).Distinct().Count();
        if (months < MinMonths || spanDays < MinSpanDays)
        {
            errors.Add(new InputError(path, rows.FirstLine, "timestamp",
                string.Create(inv, $"{siteId}: {first:yyyy-MM-dd} to {last:yyyy-MM-dd}, {spanDays:0} days in {months} calendar month(s)"),
                string.Create(inv, $"at least {MinMonths} months of readings per site ({MinMonths} calendar months spanning ≥ {MinSpanDays:0} days), so that leave-one-month-out validation has folds and more than one season is seen")));
        }
        else
        {
            var steps = new double[rows.Stamps.Count - 1];
            for (var i = 1; i < rows.Stamps.Count; i++)
            {
                steps[i - 1] = (rows.Stamps[i] - rows.Stamps[i - 1]).TotalHours;
            }

            Array.Sort(steps);
            var median = steps[steps.Length / 2];
            if (median > 1.0 + 1e-9)
            {
                errors.Add(new InputError(path, rows.FirstLine, "timestamp", string.Create(inv, $"{siteId}: median step {median:0.##} h"),
                    "hourly or finer readings (median step ≤ 1 h): daily or monthly means hide the hours that drive cooling load"));
            }
        }

        var low = rows.TemperatureC.Min();
        var high = rows.TemperatureC.Max();
        if (high - low < MinTemperatureSpanC)
        {
            errors.Add(new InputError(path, rows.FirstLine, "outdoor_temp_c", string.Create(inv, $"{siteId}: {low:0.0} to {high:0.0} °C"),
                string.Create(inv, $"an outdoor temperature range of at least {MinTemperatureSpanC:0} °C per site: a temperature response cannot be learned from one temperature")));
        }

        if (site is not null)
        {
            var sorted = rows.ItKw.Order().ToArray();
            var median = sorted[sorted.Length / 2];
            var mw = site.ItLoadMw;
            if (median > mw / 5 && median < mw * 5 && mw > 0)
            {
                errors.Add(new InputError(path, rows.FirstLine, "it_kw", string.Create(inv, $"{siteId}: median {median:0.###}"),
                    string.Create(inv, $"IT power in kW: the portfolio gives {siteId} an IT load of {mw:0.###} MW = {mw * 1000:0} kW, so the column looks to be in MW (multiply by 1000)")));
            }
        }
    }

    /// <summary>The first few problems of each column and a count of the rest: a unit mistake would otherwise list every row.</summary>
    private static List<InputError> Capped(List<InputError> errors)
    {
        var kept = new List<InputError>();
        foreach (var group in errors.GroupBy(e => e.Field))
        {
            kept.AddRange(group.Take(ShownPerColumn));
            var more = group.Count() - ShownPerColumn;
            if (more > 0)
            {
                var last = group.Last();
                kept.Add(new InputError(last.File, last.Line, group.Key, string.Create(CultureInfo.InvariantCulture, $"(and {more} more rows up to this line)"), "the same fix as the rows above"));
            }
        }

        return kept;
    }

    private sealed class SiteRows(int firstLine)
    {
        public int FirstLine { get; } = firstLine;

        public int LastLine { get; set; }

        public DateTimeOffset LastStamp { get; set; }

        public string LastText { get; set; } = string.Empty;

        public List<DateTimeOffset> Stamps { get; } = [];

        public List<double> TemperatureC { get; } = [];

        public List<double> ItKw { get; } = [];

        public List<double> FacilityKw { get; } = [];

        public void Add(DateTimeOffset stamp, double temperature, double it, double facility)
        {
            Stamps.Add(stamp);
            TemperatureC.Add(temperature);
            ItKw.Add(it);
            FacilityKw.Add(facility);
        }

        public TelemetrySeries ToSeries(string siteId) => new()
        {
            SiteId = siteId,
            Timestamps = Stamps.ToArray(),
            OutdoorTempC = TemperatureC.ToArray(),
            ItKw = ItKw.ToArray(),
            FacilityKw = FacilityKw.ToArray(),
        };
    }
}
