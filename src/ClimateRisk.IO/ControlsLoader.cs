using ClimateRisk.Core.Model;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// Reads <c>data/register/controls.csv</c> (docs/data.md): <c>operator, site_id, risk, control,
/// control_en, source</c>, one disclosed control per row. Every problem is reported with file,
/// line, field, value and what was expected, all at once, like <see cref="InputLoader"/>.
/// </summary>
public static class ControlsLoader
{
    /// <summary>The file's path relative to the data directory.</summary>
    public const string RelativePath = "register/controls.csv";

    /// <summary>The columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["operator", "site_id", "risk", "control", "control_en", "source"];

    /// <summary>
    /// Reads the controls in <paramref name="path"/> that apply to the portfolio
    /// <paramref name="sites"/>. Every row is checked (risk one of <paramref name="risks"/>, quote,
    /// gloss and source present, a site id given belongs to the operator named); rows of other
    /// operators or of sites outside the portfolio are then left out, as the per-site tables'
    /// rows are. A missing file is no error: no controls are disclosed, an empty list is returned.
    /// </summary>
    /// <exception cref="InputException">With every problem found.</exception>
    public static IReadOnlyList<DisclosedControl> Load(string path, IReadOnlyCollection<Site> sites, IReadOnlyCollection<string> risks)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(risks);
        if (!File.Exists(path))
        {
            return [];
        }

        var table = CsvTable.Read(path, Columns);
        var operators = sites.Select(s => s.Operator).ToHashSet();
        var controls = new List<DisclosedControl>();
        foreach (var row in table.Rows)
        {
            var op = table.Required(row, "operator");
            var siteId = table.Text(row, "site_id");
            if (!Slug.IsValidOrEmpty(siteId))
            {
                table.Error(row.Line, "site_id", siteId, "empty (all sites of the operator) or a site id: " + Slug.Expected);
            }

            var site = sites.FirstOrDefault(s => s.Id == siteId);
            if (site is not null && op.Length > 0 && site.Operator != op)
            {
                table.Error(row.Line, "site_id", siteId, $"a site operated by {op} (this one is {site.Operator}'s)");
            }

            var risk = table.Key(row, "risk", risks, "register risk");
            var control = new DisclosedControl
            {
                Operator = op,
                SiteId = siteId,
                Risk = risk,
                Quote = table.Required(row, "control"),
                English = table.Required(row, "control_en"),
                Source = table.Required(row, "source"),
            };

            // Like the per-site tables, the file may describe more than this portfolio: rows of
            // other operators or of sites not in the portfolio are checked, then left out.
            if (operators.Contains(op) && (siteId.Length == 0 || site is not null))
            {
                controls.Add(control);
            }
        }

        if (table.Errors.Count > 0)
        {
            throw new InputException(table.Errors);
        }

        return controls;
    }
}
