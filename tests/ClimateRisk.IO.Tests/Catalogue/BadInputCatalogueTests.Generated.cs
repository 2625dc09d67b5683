using System.Globalization;
using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.IO.Tests.Catalogue;

/// <summary>
/// The structural part of the catalogue (issue "Trust v2", class 2), the same damage applied to
/// every CSV file the loader reads: a NUL byte in a number, another control character, a file
/// cut off inside a quoted field, a stray quote. The expected message is built from the file's
/// own text by an independent reader (<see cref="CsvLine"/>), never from the loader's output.
/// </summary>
public sealed partial class BadInputCatalogueTests
{
    private const string Damaged = "the file looks damaged; export it again";

    private static string[] CsvFiles => ["data/sites.csv", .. InputPaths.DataTables.Select(t => "data/" + t)];

    private static IEnumerable<BadInputCase> Generated()
    {
        foreach (var file in CsvFiles)
        {
            var path = Path.Combine(TestInputs.RepoRoot, file);
            var lines = File.ReadAllText(path).Split('\n');
            var header = CsvLine.Split(lines[0]);
            var row = CsvLine.Split(lines[1]);

            // A NUL after a number: .NET's parser would read "0.5\0" as 0.5.
            var numeric = Enumerable.Range(1, header.Length - 1).First(i => double.TryParse(row[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            yield return new BadInputCase(file, $"NUL byte after {header[numeric]} of row 2", _ => 2, (p, _) => TestInputs.SetCell(p, 2, header[numeric], row[numeric] + "\0"),
                $"{file}:2: {header[numeric]} '{row[numeric]}\\0': expected text without control characters (found a NUL byte: {Damaged})");

            yield return new BadInputCase(file, $"NUL bytes in place of {header[numeric]} of row 2", _ => 2, (p, _) => TestInputs.SetCell(p, 2, header[numeric], "\0\0\0"),
                $"{file}:2: {header[numeric]} '\\0\\0\\0': expected text without control characters (found a NUL byte: {Damaged})");

            yield return new BadInputCase(file, "a bell character (U+0007) in the key of row 2", _ => 2, (p, _) => TestInputs.SetCell(p, 2, header[0], row[0] + "\a"),
                $"{file}:2: {header[0]} '{row[0]}\\u0007': expected text without control characters (found control character U+0007: {Damaged})");

            yield return new BadInputCase(file, "a lone carriage return inside row 2", _ => 2, (p, _) => TestInputs.SetCell(p, 2, header[numeric], row[numeric] + "\r0"),
                $"{file}:2: {header[numeric]} '{row[numeric]}\\r0': expected text without control characters (found a carriage return without a line feed: {Damaged})");

            yield return new BadInputCase(file, "a byte-order mark inside row 2 (two files joined)", _ => 2, (p, _) => TestInputs.SetCell(p, 2, header[numeric], "\uFEFF" + row[numeric]),
                $"{file}:2: {header[numeric]} '\\uFEFF{row[numeric]}': expected text without control characters (found a byte-order mark inside the file (two files joined?): {Damaged})");

            // A stray quote after a number: read literally, refused at its line (once: the number check is not repeated).
            yield return new BadInputCase(file, $"a stray '\"' after {header[numeric]} of row 2", _ => 2, (p, _) => TestInputs.SetCell(p, 2, header[numeric], row[numeric] + "\""),
                $"{file}:2: {header[numeric]} '{row[numeric]}\"': expected '\"' only around a whole field (put the field in double quotes and double each '\"' inside it)");

            yield return new BadInputCase(file, $"text after the closing quote of {header[0]} in row 2", _ => 2, (p, _) => TestInputs.SetCell(p, 2, header[0], $"\"{row[0]}\"x"),
                $"{file}:2: {header[0]} '{row[0]}x': expected a ',' or a line end after a closing '\"' (put the whole field in double quotes and double each '\"' inside it)");

            // An interrupted copy: the file ends 8 characters into the last quoted field.
            var last = Array.FindLastIndex(lines, l => l.Contains('"', StringComparison.Ordinal));
            var open = lines[last].IndexOf('"', StringComparison.Ordinal);
            var column = header[CsvLine.Spans(lines[last]).FindIndex(span => span.Start == open)];
            var shown = lines[last].Substring(open, 9);
            yield return new BadInputCase(file, $"cut off inside the quoted field of line {last + 1}", _ => last + 1, (p, _) => CutAfter(p, last, open + 9),
                $"{file}:{last + 1}: {column} '{shown}': expected a closing '\"' for the quoted field opened on this line (the file ends inside it: it looks cut off, e.g. by an interrupted copy)"
                + CutFollowOn(file));
        }
    }

    /// <summary>What a numeric column expects, as the loader words it (docs/data.md ranges).</summary>
    private static string NumberExpected(string file, string column) => (file, column) switch
    {
        ("data/climate/gsat.csv", "year") or ("data/climate/slr.csv", "year") => "a whole number from 1990 to 2200",
        ("data/transition/grid_factors.csv", "year") or ("data/transition/pue_rules.csv", "from_year") => "a whole number from 2000 to 2100",
        _ => "a number, " + RangeOf(file, column),
    };

    private static string RangeOf(string file, string column) => (file, column) switch
    {
        ("data/sites.csv", "lat") => "from -90 to 90",
        ("data/cooling_types.csv", "beta_pue_per_c") => "from 0 to 1",
        ("data/climate/site_climate.csv", "t_jan_c") => "from -60 to 50",
        ("data/climate/extreme_multipliers.csv", "warming_c") => "from 0 to 10",
        ("data/hazard/flood_depth.csv", "protection_rp_y") => "a return period in years ≥ 0 (0 = no defence)",
        ("data/hazard/surge_gev.csv", "gev_mu_m") => "from -20 to 50",
        ("data/hazard/wind_gumbel.csv", "gumbel_mu_ms") => "from 0 to 150",
        ("data/hazard/heat_shortfall.csv", "t_crit_c") => "from 20 to 70",
        ("data/hazard/drought.csv", "restriction_days_per_yr") => "from 0 to 365",
        ("data/vulnerability/jrc_flood.csv", "depth_m") => "from 0 to 100",
        ("data/register/thresholds.csv", "materiality") => "≥ 0",
        _ => $"(no range listed for {file} {column})",
    };

    /// <summary>What losing the cut-off last row causes elsewhere (nothing, for most files).</summary>
    private static string CutFollowOn(string file) => file switch
    {
        _ => string.Empty,
    };

    private static void CutAfter(string path, int lineIndex, int column)
    {
        var lines = File.ReadAllText(path).Split('\n');
        File.WriteAllText(path, string.Join('\n', lines.Take(lineIndex)) + "\n" + lines[lineIndex][..column]);
    }
}
