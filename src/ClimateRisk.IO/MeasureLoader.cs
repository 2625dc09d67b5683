using System.Globalization;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Planning;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// Reads <c>data/measures.csv</c>: <c>measure_id, name, site_id, year_in_force, capex_cny,
/// opex_cny_per_yr, changes, source</c>, where <c>changes</c> is a <c>;</c>-separated list of
/// <c>key=value</c> (docs/data.md).
/// </summary>
public static class MeasureLoader
{
    /// <summary>The keys allowed in <c>changes</c>.</summary>
    public static IReadOnlyList<string> ChangeKeys { get; } =
    [
        "protection_rp_y", "floor_height_m", "hardening", "defence_crest_m", "cooling_type", "pue", "t_crit_c",
        "water_storage_h", "renewable_share", "failover", "wue_l_per_kwh",
    ];

    /// <summary>Loads the measures, checking them against the portfolio and the cooling types.</summary>
    /// <exception cref="InputException">With every problem of the file.</exception>
    public static IReadOnlyList<AdaptationMeasure> Load(string path, IReadOnlyCollection<string> siteIds, IReadOnlyDictionary<string, CoolingType> coolingTypes)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        ArgumentNullException.ThrowIfNull(coolingTypes);
        var table = CsvTable.Read(path, ["measure_id", "name", "site_id", "year_in_force", "capex_cny", "opex_cny_per_yr", "changes", "source"]);
        var measures = new List<AdaptationMeasure>();
        foreach (var row in table.Rows)
        {
            var id = table.Required(row, "measure_id");
            if (measures.Any(m => m.Id == id))
            {
                table.Error(row.Line, "measure_id", id, "a unique id (this one is already used above)");
            }

            var siteId = table.Key(row, "site_id", siteIds, "site of the portfolio");
            var change = ParseChanges(table, row, coolingTypes);
            table.Required(row, "source");
            measures.Add(new AdaptationMeasure
            {
                Id = id,
                Name = table.Required(row, "name"),
                SiteId = siteId,
                YearInForce = table.Integer(row, "year_in_force", 2000, 2100),
                CapexCny = table.Number(row, "capex_cny", 0),
                OpexCnyPerYear = table.Number(row, "opex_cny_per_yr", 0),
                Change = change,
            });
        }

        if (table.Errors.Count > 0)
        {
            throw new InputException(table.Errors);
        }

        return measures;
    }

    private static SiteChange ParseChanges(CsvTable table, CsvRow row, IReadOnlyDictionary<string, CoolingType> coolingTypes)
    {
        var change = new SiteChange();
        var pueGiven = false;
        var text = table.Text(row, "changes");
        foreach (var item in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            var key = parts[0];
            if (parts.Length != 2 || !ChangeKeys.Contains(key))
            {
                table.Error(row.Line, "changes", item, $"key=value with a key {NameSuggester.ExpectedOneOf(key, [.. ChangeKeys])}");
                continue;
            }

            // An invalid pue= is reported on its own; it must not also read as "pue missing".
            pueGiven |= key == "pue";
            if (key == "cooling_type")
            {
                if (coolingTypes.TryGetValue(parts[1], out var cooling))
                {
                    change = change with { Cooling = cooling };
                }
                else
                {
                    table.Error(row.Line, "changes", item, $"a cooling type of cooling_types.csv: {NameSuggester.ExpectedOneOf(parts[1], [.. coolingTypes.Keys])}");
                }

                continue;
            }

            var (min, max) = key switch
            {
                "hardening" or "renewable_share" or "failover" => (0.0, 1.0),
                "pue" => (1.0, 5.0),
                "t_crit_c" => (20.0, 70.0),
                "defence_crest_m" => (-20.0, 500.0),
                _ => (0.0, 100_000.0),
            };
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
            {
                table.Error(row.Line, "changes", item, string.Create(CultureInfo.InvariantCulture, $"{key} = a number from {min} to {max}"));
                continue;
            }

            change = key switch
            {
                "protection_rp_y" => change with { ProtectionRpY = value },
                "floor_height_m" => change with { FloorHeightM = value },
                "hardening" => change with { Hardening = value },
                "defence_crest_m" => change with { DefenceCrestM = value },
                "pue" => change with { Pue = value },
                "t_crit_c" => change with { TCritC = value },
                "water_storage_h" => change with { WaterStorageH = value },
                "renewable_share" => change with { RenewableShare = value },
                "failover" => change with { Failover = value },
                _ => change with { WueLPerKwh = value },
            };
        }

        if (change.Cooling is not null && !pueGiven)
        {
            table.Error(row.Line, "changes", text, "pue=… with cooling_type: the new plant's annual PUE at today's climate");
        }

        return change;
    }
}
