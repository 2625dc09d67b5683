using System.Globalization;
using System.Text;
using ClimateRisk.Reporting.BoardPack;
using ClimateRisk.Reporting.Register;
using ClimateRisk.Reporting.Tests.TestSupport;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ClimateRisk.Reporting.Tests;

/// <summary>
/// The writers' output for made-up data, compared with the files in Snapshots/, produced under
/// the invariant culture and under ru-RU (comma decimals): the output must be identical. To
/// accept a deliberate change, run the tests with UPDATE_SNAPSHOTS=1 and review the diff.
/// </summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> Outputs() => new(Render().Keys);

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Output_is_the_snapshot_under_invariant_and_russian_cultures(string name)
    {
        1.5.ToString(CultureInfo.GetCultureInfo("ru-RU")).Should().Be("1,5", "ru-RU must really use comma decimals here, or this test proves nothing");
        var invariant = InCulture(CultureInfo.InvariantCulture, () => Render()[name]);
        var russian = InCulture(CultureInfo.GetCultureInfo("ru-RU"), () => Render()[name]);
        russian.Should().Be(invariant, "the output must not depend on the machine's culture");

        var path = Path.Combine(Repo.Snapshots, name);
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Repo.Snapshots);
            File.WriteAllText(path, invariant, new UTF8Encoding(false));
        }

        File.Exists(path).Should().BeTrue($"the snapshot {name} exists (create it with UPDATE_SNAPSHOTS=1)");
        var expected = File.ReadAllText(path, Encoding.UTF8);
        if (expected != invariant)
        {
            File.WriteAllText(path + ".received", invariant, new UTF8Encoding(false));
        }

        invariant.Should().Be(expected, $"{name} matches its snapshot (the output is in {path}.received)");
    }

    [Fact]
    public void Xlsx_cells_are_the_same_under_invariant_and_russian_cultures()
    {
        string[][] Cells()
        {
            using var stream = new MemoryStream();
            RegisterXlsxWriter.Write(RiskRegister.Build(Synthetic.Data()), stream);
            stream.Position = 0;
            using var document = SpreadsheetDocument.Open(stream, false);
            var part = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
            return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => $"{c.CellReference}|{c.DataType?.Value}|{c.StyleIndex?.Value}|{c.InnerText}").ToArray()).ToArray();
        }

        var invariant = InCulture(CultureInfo.InvariantCulture, Cells);
        var russian = InCulture(CultureInfo.GetCultureInfo("ru-RU"), Cells);
        russian.Should().BeEquivalentTo(invariant, o => o.WithStrictOrdering());
        invariant.SelectMany(r => r).Should().Contain(c => c.Contains('.', StringComparison.Ordinal) && c.Contains("|Number|", StringComparison.Ordinal));
    }

    [Fact]
    public void Key_figures_answer_the_five_board_questions()
    {
        var data = Synthetic.Data();
        var figures = KeyFigures.Compute(data, RiskRegister.Build(data));
        figures.Should().HaveCount(5);
        figures.Select(f => f.Question).Should().OnlyHaveUniqueItems().And.OnlyContain(q => q.EndsWith('?'));
        figures[0].Value.Should().StartWith("CNY ");
        figures[4].Value.Should().MatchRegex("^[0-9]+ of 2 sites$");
    }

    private static Dictionary<string, string> Render()
    {
        var data = Synthetic.Data();
        var register = RiskRegister.Build(data);
        var charts = ReportBuilder.Charts(data, register);
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var csv = new StringWriter(CultureInfo.InvariantCulture))
        {
            RegisterCsvWriter.Write(register, csv);
            outputs["risk_register.csv"] = csv.ToString();
        }

        using (var md = new StringWriter(CultureInfo.InvariantCulture))
        {
            RegisterMarkdownWriter.Write(register, data.ScenarioName, md);
            outputs["risk_register.md"] = md.ToString();
        }

        using (var html = new StringWriter(CultureInfo.InvariantCulture))
        {
            BoardPackWriter.Write(data, register, charts, html);
            outputs["board-pack.html"] = html.ToString();
        }

        foreach (var stem in new[] { "cost_distribution", "exceedance_alpha-dc_2050", "loss_by_peril_portfolio", "transition_portfolio", "pue_alpha-dc", "heatmap_stormy" })
        {
            outputs[stem + ".svg"] = charts[stem].ToSvg();
        }

        return outputs;
    }

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }
}
