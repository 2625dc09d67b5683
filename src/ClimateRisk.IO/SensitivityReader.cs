using System.Globalization;
using ClimateRisk.Core.Sensitivity;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// Reads results/sensitivity.csv back (<see cref="SensitivityWriter"/>), so <c>report</c> can
/// redraw the tornado charts from a saved run. Write → read gives back equal records; every
/// problem is collected into one <see cref="InputException"/>.
/// </summary>
public static class SensitivityReader
{
    /// <summary>The indices in <paramref name="resultsDirectory"/>, or null when the run wrote none.</summary>
    /// <exception cref="InputException">With every problem found.</exception>
    public static IReadOnlyList<SensitivityIndex>? ReadIfPresent(string resultsDirectory)
    {
        var path = Path.Combine(resultsDirectory, SensitivityWriter.FileName);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>The indices in the file <paramref name="path"/>.</summary>
    /// <exception cref="InputException">With every problem found.</exception>
    public static IReadOnlyList<SensitivityIndex> Read(string path)
    {
        var table = CsvTable.Read(path, SensitivityWriter.Header.Split(','), allowEmpty: true);
        var indices = new List<SensitivityIndex>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var metric = table.Required(row, "metric");
            if (!MetricNames.TryParse(metric, out _))
            {
                table.Error(row.Line, "metric", metric, NameSuggester.ExpectedOneOf(metric, MetricNames.All.Select(m => m.Name()).ToArray()));
            }

            var horizon = table.Required(row, "horizon");
            if (horizon != "npv" && !int.TryParse(horizon, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                table.Error(row.Line, "horizon", horizon, "a year or npv");
            }

            var driverName = table.Required(row, "driver");
            if (!SensitivityDrivers.TryParse(driverName, out var driver))
            {
                table.Error(row.Line, "driver", driverName, NameSuggester.ExpectedOneOf(driverName, SensitivityDrivers.All.Select(d => d.Name()).ToArray()));
            }

            var estimate = new SobolEstimate(
                Value(table, row, "first_order"),
                Value(table, row, "first_order_se"),
                Value(table, row, "total"),
                Value(table, row, "total_se"));
            indices.Add(new SensitivityIndex(table.Required(row, "scenario"), table.Required(row, "entity"), metric, horizon, driver, estimate));
        }

        if (table.Errors.Count > 0)
        {
            throw new InputException(table.Errors);
        }

        return indices;
    }

    /// <summary>A number as written by the writer: empty for NaN, otherwise invariant round-trip text.</summary>
    private static double Value(CsvTable table, CsvRow row, string column)
    {
        var text = table.Text(row, column);
        if (text.Length == 0)
        {
            return double.NaN;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            table.Error(row.Line, column, text, "a number with '.' as the decimal separator, or empty");
            return double.NaN;
        }

        return value;
    }
}
