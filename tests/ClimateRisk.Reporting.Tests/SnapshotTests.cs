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
            // The cell type as written in the file (t="n", "inlineStr"): OpenXml 3's CellValues is a struct without a readable ToString.
            return part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => $"{c.CellReference}|{c.DataType?.InnerText}|{c.StyleIndex?.Value}|{c.InnerText}").ToArray()).ToArray();
        }

        var invariant = InCulture(CultureInfo.InvariantCulture, Cells);
        var russian = InCulture(CultureInfo.GetCultureInfo("ru-RU"), Cells);
        russian.Should().BeEquivalentTo(invariant, o => o.WithStrictOrdering());
        invariant.SelectMany(r => r).Should().Contain(c => c.Contains('.', StringComparison.Ordinal) && c.Contains("|n|", StringComparison.Ordinal));
    }

    [Fact]
    public void Key_figures_answer_the_five_board_questions()
    {
        var data = Synthetic.Data();
        var figures = KeyFigures.Compute(data, RiskRegister.Build(data));
        figures.Should().HaveCount(5);
        figures.Select(f => f.Question).Should().OnlyHaveUniqueItems().And.OnlyContain(q => q.EndsWith('?'));

        // Derived from Synthetic's formulas (entities alpha-dc e=0, beta-dc e=1, portfolio e=2; calm k=0, stormy k=1;
        // horizons 2030, 2040, 2050; mean = base × 1.0512345).
        // [0] Portfolio total climate cost in the long horizon 2050 (t = 25), Metric.TotalClimateCostCny = 23:
        //     123456.789 × (23 + 1) × (1 + 0.05 × 25) × (k + 1) × (2 + 1) × 1.0512345 = 21.02 m (calm), 42.05 m (stormy).
        figures[0].Question.Should().Be("What does climate change cost us a year by 2050?");
        figures[0].Value.Should().Be("CNY 21–42 m");
        // [1] Portfolio NPV: 2.3456789e8 × (k + 1) × 3 × 1.0512345 = 739.8 m (calm), 1,479.5 m (stormy).
        figures[1].Question.Should().Be("What is it worth over 2025–2050?");
        figures[1].Value.Should().Be("CNY 0.7–1.5 bn");
        // [2] Portfolio AEP loss at the 100-year return period in 2050, worst scenario (stormy, k = 1):
        //     1.234567e6 × ln(100 / 9) × 2 × 3 × (1 + (2050 − 2030) × 0.01) = 21.40 m.
        figures[2].Question.Should().Be("How bad is a 1-in-100-year?");
        figures[2].Value.Should().Be("CNY 21 m");
        // [4] Short horizon 2030: both sites have a limit in force (limit-a from 2026, limit-b from 2030).
        //     P(PUE above the limit) at alpha-dc = min(1, 0.013 × (2030 − 2025) × (k + 1)) = 6.5 % (calm), 13 % (stormy);
        //     beta-dc has none (NaN → 0). Neither reaches 50 %, so 0 of 2 and the highest is alpha-dc at 13 %.
        figures[4].Question.Should().Be("How many sites are expected above their 2030 PUE limit?");
        figures[4].Value.Should().Be("0 of 2 sites");
        figures[4].Detail.Should().Be("None is likely above its limit (P < 50 % in every scenario); highest probability: Alpha data centre (Beijing-like), 13 % (limit 1.35).");
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

        using (var html = new StringWriter(CultureInfo.InvariantCulture))
        {
            SourcesWriter.Write(data, BoardPackModel.Build(data, register), html);
            outputs["sources.html"] = html.ToString();
        }

        foreach (var stem in new[] { "cost_components", "cost_distribution", "exceedance_alpha-dc_2050", "loss_by_peril_portfolio", "transition_portfolio", "pue_alpha-dc", "heatmap_stormy" })
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
