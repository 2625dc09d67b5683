using System.Globalization;
using ClimateRisk.Core.Climate;
using ClimateRisk.Core.Model;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// Reads a learned PUE response (<c>pue_response.csv</c> from <c>climaterisk calibrate</c>:
/// <c>site_id, temperature_c, pue</c>, each site's rows in increasing temperature) and gives
/// the sites in it their learned curve (MODEL §4). Problems are reported with file, line, field,
/// value and what was expected, all at once.
/// </summary>
public static class PueResponseLoader
{
    /// <summary>The columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["site_id", "temperature_c", "pue"];

    /// <summary>
    /// Each site's hourly PUE against outdoor temperature (linear between rows, flat outside), for
    /// the sites of <paramref name="siteIds"/>. Like the per-site tables, the file may describe
    /// more sites than the portfolio: their rows are checked, then left out (a run says which
    /// sites use a learned curve).
    /// </summary>
    /// <exception cref="InputException">With every problem found.</exception>
    public static IReadOnlyDictionary<string, PiecewiseLinear> Load(string path, IReadOnlyCollection<string> siteIds) => Load(path, siteIds, known: null);

    /// <summary>
    /// <see cref="Load(string, IReadOnlyCollection{string})"/>, and with <paramref name="known"/>
    /// a site id that is in neither the portfolio nor the data directory's sites.csv and
    /// candidates.csv is an error ("did you mean"): a mistyped id would otherwise leave that site
    /// on the default curve without a word.
    /// </summary>
    internal static IReadOnlyDictionary<string, PiecewiseLinear> Load(string path, IReadOnlyCollection<string> siteIds, KnownSites? known)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        var table = CsvTable.Read(path, Columns);
        var points = new Dictionary<string, (int FirstLine, List<double> T, List<double> Pue)>(StringComparer.Ordinal);
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var row in table.Rows)
        {
            var siteId = table.Required(row, "site_id");
            var t = table.Number(row, "temperature_c", -60, 60);
            var pue = table.Number(row, "pue", 1, 5, "an hourly PUE from 1 to 5");
            if (siteId.Length == 0)
            {
                continue;
            }

            if (!points.TryGetValue(siteId, out var site))
            {
                if (!Slug.IsValidOrEmpty(siteId))
                {
                    table.Error(row.Line, "site_id", siteId, Slug.Expected);
                }
                else if (known is { CheckRows: true } && !known.All.Contains(siteId))
                {
                    table.Error(row.Line, "site_id", siteId, known.Describe(siteId, FileIds(table)));
                    unknown.Add(siteId);
                }

                site = (row.Line, [], []);
                points.Add(siteId, site);
            }
            else if (siteId != current && !unknown.Contains(siteId))
            {
                table.Error(row.Line, "site_id", siteId, $"the rows of site {siteId} together (its rows start on line {site.FirstLine}, then another site's follow)");
            }

            if (unknown.Contains(siteId))
            {
                // Reported once; its rows are no site's curve, and no follow-on "rows together" noise.
                continue;
            }

            current = siteId;
            if (!double.IsFinite(t) || !double.IsFinite(pue))
            {
                continue;
            }

            if (site.T.Count > 0 && !(t > site.T[^1]))
            {
                table.Error(row.Line, "temperature_c", table.Text(row, "temperature_c"),
                    string.Create(CultureInfo.InvariantCulture, $"a temperature above the site's previous row ({CsvText.RoundTrip(site.T[^1])} °C): rows of a site in increasing temperature"));
                continue;
            }

            site.T.Add(t);
            site.Pue.Add(pue);
        }

        // Only on an otherwise clean file: a site whose other rows were refused would be counted short.
        foreach (var (siteId, site) in table.Errors.Count > 0 ? [] : points.Where(p => p.Value.T.Count == 1))
        {
            table.Error(site.FirstLine, "site_id", siteId, "at least 2 rows per site (a curve needs two temperatures)");
        }

        if (table.Errors.Count > 0)
        {
            throw new InputException(table.Errors);
        }

        return points.Where(p => siteIds.Contains(p.Key)).ToDictionary(p => p.Key, p => new PiecewiseLinear(p.Value.T, p.Value.Pue), StringComparer.Ordinal);
    }

    /// <summary>
    /// <paramref name="inputs"/> with every site in the file given its learned curve; checks, like
    /// <see cref="InputLoader"/> does for the default curve, that the annual PUE stays ≥ 1.
    /// </summary>
    /// <exception cref="InputException">With every problem found.</exception>
    public static ModelInputs Apply(ModelInputs inputs, string path) => Apply(inputs, path, known: null);

    /// <summary><see cref="Apply(ModelInputs, string)"/> with unknown site ids refused (<see cref="Load(string, IReadOnlyCollection{string}, KnownSites?)"/>).</summary>
    internal static ModelInputs Apply(ModelInputs inputs, string path, KnownSites? known)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var curves = Load(path, inputs.Sites.Select(s => s.Id).ToArray(), known);
        var errors = new List<InputError>();
        var sites = inputs.Sites.Select(site =>
        {
            if (!curves.TryGetValue(site.Id, out var curve))
            {
                return site;
            }

            var learned = site with { LearnedPueResponse = curve };
            var lowest = PueCurve.FromResponse(curve, site.Cooling, site.Climate, site.ReportedPue).LowestTabulated
                + Math.Min(0, Math.Min(site.PlannedPueChange.At(2030), site.PlannedPueChange.At(2050)));
            if (lowest < 1)
            {
                errors.Add(new InputError(path, 0, "pue", site.Id, string.Create(CultureInfo.InvariantCulture,
                    $"a response whose annual PUE stays ≥ 1: shifted to the reported PUE {CsvText.RoundTrip(site.ReportedPue)}, with this climate and the planned change a cool year would give PUE {lowest:0.000}")));
            }

            return learned;
        }).ToArray();
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        return inputs with { Sites = sites };
    }

    /// <summary>Every site id the file names (the nearest id suggested is one still without rows).</summary>
    private static IEnumerable<string> FileIds(CsvTable table) => table.Rows.Select(r => table.Text(r, "site_id").Trim());
}
