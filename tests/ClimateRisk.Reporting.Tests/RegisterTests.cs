using System.Globalization;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.Register;
using ClimateRisk.Reporting.Tests.TestSupport;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace ClimateRisk.Reporting.Tests;

[Collection(SmallRunGroup.Name)]
public sealed class RegisterTests(SmallRun run)
{
    private static readonly CsvFile Thresholds = CsvFile.Read(Path.Combine(Repo.Data, "register", "thresholds.csv"));

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.0099, 1)]
    [InlineData(0.01, 2)]
    [InlineData(0.0499, 2)]
    [InlineData(0.05, 3)]
    [InlineData(0.1999, 3)]
    [InlineData(0.2, 4)]
    [InlineData(0.4999, 4)]
    [InlineData(0.5, 5)]
    [InlineData(1.0, 5)]
    public void Likelihood_bands_follow_model_section_13(double probability, int score)
        => RiskScoring.Likelihood(probability).Should().Be(score);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4_999_999, 1)]
    [InlineData(5_000_000, 2)]
    [InlineData(20_000_000, 3)]
    [InlineData(69_999_999, 3)]
    [InlineData(70_000_000, 4)]
    [InlineData(350_000_000, 5)]
    public void Impact_bands_follow_the_thresholds(double p95, int score)
        => RiskScoring.Impact(p95, [5e6, 2e7, 7e7, 3.5e8]).Should().Be(score);

    [Theory]
    [InlineData(1, "low", "#ffffb2", "#222222")]
    [InlineData(4, "low", "#ffffb2", "#222222")]
    [InlineData(5, "moderate", "#fecc5c", "#222222")]
    [InlineData(9, "moderate", "#fecc5c", "#222222")]
    [InlineData(10, "high", "#fd8d3c", "#222222")]
    [InlineData(16, "high", "#fd8d3c", "#222222")]
    [InlineData(20, "very high", "#e31a1c", "#ffffff")]
    [InlineData(25, "very high", "#e31a1c", "#ffffff")]
    public void Rating_bands_follow_model_section_13(int rating, string band, string fill, string text)
    {
        RiskScoring.Band(rating).Should().Be(band);
        RiskScoring.BandColour(rating).Should().Be(fill);
        RiskScoring.BandTextColour(rating).Should().Be(text);
    }

    [Fact]
    public void One_row_per_site_or_portfolio_and_risk_scored_from_the_results()
    {
        var register = RiskRegister.Build(run.Data);
        register.Rows.Should().HaveCount((run.Result.SiteIds.Count + 1) * RegisterRisk.All.Count);
        register.Rows.Select(r => r.RiskId).Should().OnlyHaveUniqueItems();
        foreach (var row in register.Rows)
        {
            foreach (var score in row.Scores)
            {
                var cells = row.Risk.Metrics.Select(m => run.Result.Cells.Single(c => c.ScenarioId == score.ScenarioId && c.EntityId == row.EntityId && c.Year == row.HorizonYear && c.Metric == m).Statistics).ToArray();
                score.MeanCny.Should().Be(cells.Sum(c => c.Mean), "the same cells summed in the same order");
                score.P95Cny.Should().Be(cells.Sum(c => c.P95), "the same cells summed in the same order");
                score.ProbabilityMaterial.Should().Be(cells.Select(c => c.PExceed).Where(p => !double.IsNaN(p)).DefaultIfEmpty(0).Max());
                score.Likelihood.Should().Be(RiskScoring.Likelihood(score.ProbabilityMaterial));
                score.Impact.Should().Be(RiskScoring.Impact(score.P95Cny, ImpactBounds(row.Risk.Metrics[0], row.EntityId == SimulationResult.PortfolioId)));
                score.Rating.Should().Be(score.Likelihood * score.Impact);
            }

            // The horizon is the first at which the highest rating of any scenario is reached.
            var best = run.Result.Settings.Horizons.Max(h => MaxRating(row, h));
            row.HorizonYear.Should().Be(run.Result.Settings.Horizons.First(h => MaxRating(row, h) == best));
        }
    }

    [Fact]
    public void Rows_carry_the_disclosed_controls_and_exposure()
    {
        var register = RiskRegister.Build(run.Data);
        var yizhuangPue = register.Rows.Single(r => r.EntityId == "ksc-beijing-yizhuang" && r.Risk.Key == "chronic_heat_pue");
        yizhuangPue.Controls.Should().Contain(c => c.SiteId == "ksc-beijing-yizhuang" && c.Source == "seed:kingsoft l.1262");
        yizhuangPue.Controls.Should().NotContain(c => c.Operator == "Kuaishou");
        register.Rows.Single(r => r.EntityId == "ks-ulanqab" && r.Risk.Key == "coastal_flood").Exposed.Should().BeFalse();
        register.Rows.Single(r => r.EntityId == "ksc-shanghai-guanghuan" && r.Risk.Key == "coastal_flood").Exposed.Should().BeTrue();
        var portfolioFlood = register.Rows.Single(r => r.EntityId == SimulationResult.PortfolioId && r.Risk.Key == "flood");
        portfolioFlood.Controls.Select(c => c.Operator).Distinct().Should().BeEquivalentTo("Kingsoft Cloud", "Kuaishou");
        var regulation = register.Rows.Single(r => r.EntityId == "ksc-beijing-yizhuang" && r.Risk.Key == "efficiency_regulation");
        regulation.Note.Should().Contain("P(PUE > 1.35").And.Contain("surcharge 0.20 CNY/kWh").And.NotContain("assumed");
    }

    [Fact]
    public void An_assumed_pue_limit_is_marked_in_the_register_note()
    {
        // Shanghai's 2030 limit of 1.3 is an assumption (pue_rules.csv basis = assumed); every horizon is ≥ 2030.
        var register = RiskRegister.Build(run.Data);
        var regulation = register.Rows.Single(r => r.EntityId == "ksc-shanghai-guanghuan" && r.Risk.Key == "efficiency_regulation");
        run.Inputs.PueRules["shanghai"].Single(r => r.FromYear == 2030).IsAssumed.Should().BeTrue();
        regulation.Note.Should().Contain("P(PUE > 1.30, the shanghai limit from 2030 — an assumed limit, not a published rule)");
    }

    [Fact]
    public void Xlsx_passes_the_open_xml_validator()
    {
        using var document = SpreadsheetDocument.Open(run.File("register/risk_register.xlsx"), false);
        var errors = new OpenXmlValidator().Validate(document).ToArray();
        errors.Should().BeEmpty(string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public void Xlsx_reads_back_the_csv_values_with_typed_cells_frozen_header_and_widths()
    {
        var csv = CsvFile.Read(run.File("register/risk_register.csv"));
        using var document = SpreadsheetDocument.Open(run.File("register/risk_register.xlsx"), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        sheet.Name!.Value.Should().Be("Register");
        var worksheet = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
        var rows = worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToArray();
        rows.Should().HaveCount(csv.Rows.Count + 1);

        string[] Values(Row row) => row.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? string.Empty).ToArray();
        Values(rows[0]).Should().Equal(csv.Header);
        for (var i = 0; i < csv.Rows.Count; i++)
        {
            Values(rows[i + 1]).Should().Equal(csv.Rows[i], $"row {i + 2}");
        }

        var types = rows[1].Elements<Cell>().Select(c => c.DataType!.Value).ToArray();
        foreach (var column in new[] { "horizon_year", "max_rating", $"{run.Result.ScenarioIds[0]}_likelihood", $"{run.Result.ScenarioIds[0]}_mean_cny", $"{run.Result.ScenarioIds[0]}_p_material" })
        {
            types[csv.Column(column)].Should().Be(CellValues.Number, column);
        }

        types[csv.Column("risk_id")].Should().Be(CellValues.InlineString);
        var pane = worksheet.Descendants<Pane>().Single();
        pane.State!.Value.Should().Be(PaneStateValues.Frozen);
        pane.TopLeftCell!.Value.Should().Be("B2");
        worksheet.Descendants<Column>().Should().HaveCount(csv.Header.Length).And.OnlyContain(c => c.Width! > 5);
        worksheet.Descendants<AutoFilter>().Should().ContainSingle();
    }

    [Fact]
    public void Ratings_are_filled_with_their_band_colour_in_the_xlsx()
    {
        var csv = CsvFile.Read(run.File("register/risk_register.csv"));
        using var document = SpreadsheetDocument.Open(run.File("register/risk_register.xlsx"), false);
        var workbook = document.WorkbookPart!;
        var stylesheet = workbook.WorkbookStylesPart!.Stylesheet;
        var formats = stylesheet.CellFormats!.Elements<CellFormat>().ToArray();
        var fills = stylesheet.Fills!.Elements<Fill>().ToArray();
        var worksheet = ((WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!)).Worksheet;
        var column = csv.Column("max_rating");
        foreach (var row in worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Skip(1))
        {
            var cell = row.Elements<Cell>().ElementAt(column);
            var rating = int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
            var fill = fills[(int)formats[(int)cell.StyleIndex!.Value].FillId!.Value];
            var rgb = fill.PatternFill!.ForegroundColor!.Rgb!.Value!;
            ("#" + rgb[2..].ToLowerInvariant()).Should().Be(RiskScoring.BandColour(rating));
        }
    }

    [Fact]
    public void Markdown_lists_every_row_and_quotes_the_controls()
    {
        var md = File.ReadAllText(run.File("register/risk_register.md"));
        var register = RiskRegister.Build(run.Data);
        foreach (var row in register.Rows)
        {
            md.Should().Contain($"| {row.RiskId} |");
        }

        md.Should().Contain("建立覆蓋數據中心及辦公區的極端天氣應急操作流程").And.Contain("seed:kingsoft l.1092");
    }

    /// <summary>Lower bounds of impact scores 2–5 of a metric at site or portfolio level, read from data/register/thresholds.csv (not through the inputs the report was drawn from).</summary>
    private static double[] ImpactBounds(Metric metric, bool portfolio)
    {
        var row = Thresholds.Where(("metric", metric.Name()), ("level", portfolio ? "portfolio" : "site")).Single();
        return [.. new[] { "impact2", "impact3", "impact4", "impact5" }.Select(c => Thresholds.Number(row, c))];
    }

    /// <summary>The highest rating of a row's risk across scenarios at <paramref name="horizon"/>, recomputed from the results.</summary>
    private int MaxRating(RegisterRow row, int horizon)
    {
        var bounds = ImpactBounds(row.Risk.Metrics[0], row.EntityId == SimulationResult.PortfolioId);
        return run.Result.ScenarioIds.Max(s =>
        {
            var cells = row.Risk.Metrics.Select(m => run.Result.Cells.Single(c => c.ScenarioId == s && c.EntityId == row.EntityId && c.Year == horizon && c.Metric == m).Statistics).ToArray();
            var likelihood = RiskScoring.Likelihood(cells.Select(c => c.PExceed).Where(p => !double.IsNaN(p)).DefaultIfEmpty(0).Max());
            return likelihood * RiskScoring.Impact(cells.Sum(c => c.P95), bounds);
        });
    }
}

public class RegisterConvergenceTests
{
    [Fact]
    public void A_row_is_not_converged_when_any_scenarios_mean_rse_exceeds_the_target()
    {
        var register = Register.RiskRegister.Build(TestSupport.Synthetic.Data());
        register.ConvergenceTarget.Should().Be(Register.RiskRegister.DefaultConvergenceTarget, "the synthetic run set no --target-rse");
        var row = register.Rows.First(r => r.Exposed);
        var loose = row with { Scores = row.Scores.Select((s, i) => i == 0 ? s with { MeanRse = 0.20 } : s with { MeanRse = 0.01 }).ToArray() };
        var tight = row with { Scores = row.Scores.Select(s => s with { MeanRse = 0.049 }).ToArray() };
        var infinite = row with { Scores = row.Scores.Select(s => s with { MeanRse = double.PositiveInfinity }).ToArray() };
        register.IsConverged(loose).Should().BeFalse();
        register.IsConverged(tight).Should().BeTrue();
        register.IsConverged(infinite).Should().BeFalse("a zero mean with a positive s.e. is not a settled number");
    }

    [Fact]
    public void The_rse_of_a_risk_is_the_summed_standard_error_over_the_absolute_mean()
    {
        var data = TestSupport.Synthetic.Data();
        var register = Register.RiskRegister.Build(data);
        var row = register.Rows.First(r => r.Exposed && r.Risk.Metrics.Count == 2);
        foreach (var score in row.Scores)
        {
            var cells = row.Risk.Metrics.Select(m => data.Result.Cells.Single(c => c.ScenarioId == score.ScenarioId && c.EntityId == row.EntityId && c.Year == row.HorizonYear && c.Metric == m).Statistics).ToArray();
            var expected = cells.Sum(c => c.StandardError) / Math.Abs(cells.Sum(c => c.Mean));
            score.MeanRse.Should().BeApproximately(expected, 1e-12);
        }
    }
}
