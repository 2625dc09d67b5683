using System.Globalization;

namespace ClimateRisk.Core.Tests.Distributions;

/// <summary>
/// Reads the SciPy reference tables written by tests/reference/make_distribution_references.py
/// (copied to the test output directory under Reference/distributions).
/// </summary>
internal static class ReferenceCsv
{
    public static IReadOnlyList<Dictionary<string, double>> Read(string fileName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "distributions", fileName);
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        string[] header = lines[0].Split(',');
        var rows = new List<Dictionary<string, double>>(lines.Count - 1);
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            var row = new Dictionary<string, double>(header.Length, StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
            {
                row[header[i]] = double.Parse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        rows.Should().NotBeEmpty($"{fileName} must contain reference rows");
        return rows;
    }

    /// <summary>|actual − expected| / max(|expected|, floor): relative error, absolute near 0.</summary>
    public static double RelErr(double actual, double expected, double floor = 1e-300)
    {
        if (actual == expected)
        {
            return 0.0;
        }

        return Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), floor);
    }

    public static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
