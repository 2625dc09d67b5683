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
    /// Reads the controls in <paramref name="path"/>. Operators must be those of
    /// <paramref name="sites"/>, a site id (optional) one of its sites of that operator, and the
    /// risk one of <paramref name="risks"/>. A missing file is no error: it means no controls are
    /// disclosed, and an empty list is returned.
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
        var operators = sites.Select(s => s.Operator).Distinct().ToArray();
        var controls = new List<DisclosedControl>();
        foreach (var row in table.Rows)
        {
            var op = table.Key(row, "operator", operators, "operator of the sites file");
            var siteId = table.Text(row, "site_id");
            if (siteId.Length > 0)
            {
                var site = sites.FirstOrDefault(s => s.Id == siteId);
                if (site is null)
                {
                    table.Error(row.Line, "site_id", siteId, $"empty (all sites of the operator) or a site id of the sites file: {NameSuggester.ExpectedOneOf(siteId, sites.Select(s => s.Id).ToArray())}");
                }
                else if (op.Length > 0 && site.Operator != op)
                {
                    table.Error(row.Line, "site_id", siteId, $"a site operated by {op} (this one is {site.Operator}'s)");
                }
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
            controls.Add(control);
        }

        if (table.Errors.Count > 0)
        {
            throw new InputException(table.Errors);
        }

        return controls;
    }
}
