using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.Reporting.Tests.TestSupport;

namespace ClimateRisk.Reporting.Tests;

[Collection(SmallRunGroup.Name)]
public sealed class ResultsReaderTests(SmallRun run)
{
    [Fact]
    public void Write_then_read_gives_back_equal_results()
    {
        var written = run.Simulated;
        var read = run.Result;

        read.ScenarioIds.Should().Equal(written.ScenarioIds);
        read.SiteIds.Should().Equal(written.SiteIds);
        read.Cells.Should().Equal(written.Cells);
        read.Npv.Should().Equal(written.Npv);
        read.Exceedance.Should().Equal(written.Exceedance);
        read.Settings.Paths.Should().Be(written.Settings.Paths);
        read.Settings.Seed.Should().Be(written.Settings.Seed);
        read.Settings.FirstYear.Should().Be(written.Settings.FirstYear);
        read.Settings.LastYear.Should().Be(written.Settings.LastYear);
        read.Settings.Horizons.Should().Equal(written.Settings.Horizons);
        read.Settings.ReturnPeriodsY.Should().Equal(written.Settings.ReturnPeriodsY);
    }

    [Fact]
    public void Read_results_are_written_to_identical_files()
    {
        var again = Path.Combine(run.Directory, "rewritten-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(again);
        try
        {
            ResultsWriter.Write(run.Result, again);
            foreach (var file in ResultsWriter.FileNames)
            {
                File.ReadAllBytes(Path.Combine(again, file)).Should().Equal(File.ReadAllBytes(run.File("results/" + file)), file);
            }
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    [Fact]
    public void Bad_values_are_reported_with_file_line_field_and_expectation()
    {
        var dir = Path.Combine(run.Directory, "broken-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var file in ResultsWriter.FileNames)
            {
                File.Copy(run.File("results/" + file), Path.Combine(dir, file));
            }

            var path = Path.Combine(dir, "site_year.csv");
            var lines = File.ReadAllLines(path);
            var fields = lines[2].Split(',');
            fields[4] = "1;5";
            fields[3] = "flood_damage_cny";
            lines[2] = string.Join(',', fields);
            File.WriteAllLines(path, lines);

            var act = () => ResultsReader.Read(dir, run.Manifest);

            var errors = act.Should().Throw<InputException>().Which.Errors;
            errors.Should().Contain(e => e.File == path && e.Line == 3 && e.Field == "mean" && e.Value == "1;5");
            errors.Should().Contain(e => e.File == path && e.Line == 3 && e.Field == "metric" && e.Value == "flood_damage_cny" && e.Expected.Contains("did you mean", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_missing_row_is_an_error_not_a_silent_gap()
    {
        var dir = Path.Combine(run.Directory, "gap-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var file in ResultsWriter.FileNames)
            {
                File.Copy(run.File("results/" + file), Path.Combine(dir, file));
            }

            var path = Path.Combine(dir, "portfolio_year.csv");
            var lines = File.ReadAllLines(path).ToList();
            lines.RemoveAt(5);
            File.WriteAllLines(path, lines);

            var act = () => ResultsReader.Read(dir, run.Manifest);

            act.Should().Throw<InputException>().Which.Errors.Should().Contain(e => e.File == path && e.Field == "scenario" && e.Expected.Contains("a row for every year and metric", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Portfolio_cells_follow_their_scenario_sites_as_the_simulator_orders_them()
    {
        var firstScenario = run.Result.ScenarioIds[0];
        var entities = run.Result.Cells.Where(c => c.ScenarioId == firstScenario).Select(c => c.EntityId).Distinct().ToArray();
        entities.Should().Equal([.. run.Result.SiteIds, SimulationResult.PortfolioId]);
    }
}
