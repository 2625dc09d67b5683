using System.Text.RegularExpressions;
using ClimateRisk.IO;
using ClimateRisk.Reporting.Register;
using ClimateRisk.Reporting.Tests.TestSupport;

namespace ClimateRisk.Reporting.Tests;

public sealed partial class ControlsTests
{
    private static readonly string ControlsFile = Path.Combine(Repo.Data, ControlsLoader.RelativePath);

    private static IReadOnlyList<Core.Model.Site> BundledSites() => InputLoader.Load(new InputPaths
    {
        DataDirectory = Repo.Data,
        SitesFile = Path.Combine(Repo.Data, "sites.csv"),
        ScenarioFiles = [Path.Combine(Repo.Scenarios, "ngfs-net-zero-2050.yaml")],
    }).Sites;

    private static string[] Risks => RegisterRisk.All.Select(r => r.Key).ToArray();

    [Fact]
    public void Bundled_controls_load_for_the_bundled_portfolio()
    {
        var controls = ControlsLoader.Load(ControlsFile, BundledSites(), Risks);
        controls.Should().HaveCountGreaterThan(40);
        controls.Select(c => c.Operator).Distinct().Should().BeEquivalentTo("Kingsoft Cloud", "Kuaishou");
        controls.Should().OnlyContain(c => SourcePattern().IsMatch(c.Source) && c.Quote.Length > 0 && c.English.Length > 0);
        foreach (var risk in RegisterRisk.All.Where(r => r.Key != "coastal_flood"))
        {
            controls.Where(c => c.Risk == risk.Key).Select(c => c.Operator).Distinct().Should().HaveCount(2, $"both operators disclose controls for {risk.Key}");
        }
    }

    [SeedsFact]
    public void Every_quote_is_in_the_seed_lines_it_cites()
    {
        var seeds = Directory.GetFiles(Repo.SeedsDirectory!, "*.txt").ToDictionary(
            f => File.ReadLines(f).Take(200).Any(l => l.Contains("金山雲", StringComparison.Ordinal)) ? "kingsoft" : "kuaishou",
            f => File.ReadAllLines(f));
        seeds.Keys.Should().BeEquivalentTo("kingsoft", "kuaishou");
        foreach (var control in ControlsLoader.Load(ControlsFile, BundledSites(), Risks))
        {
            var match = SourcePattern().Match(control.Source);
            var first = int.Parse(match.Groups["first"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var last = match.Groups["last"].Success ? int.Parse(match.Groups["last"].Value, System.Globalization.CultureInfo.InvariantCulture) : first;
            var cited = string.Concat(seeds[match.Groups["seed"].Value][(first - 1)..last]);
            foreach (var part in control.Quote.Split('…').Select(p => p.Trim()).Where(p => p.Length > 0))
            {
                cited.Should().Contain(part, $"{control.Source} quotes it");
            }
        }
    }

    [Fact]
    public void Problems_are_reported_with_file_line_field_value_and_expectation()
    {
        var path = Path.Combine(Path.GetTempPath(), $"controls-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join('\n',
            "operator,site_id,risk,control,control_en,source",
            "Kingsoft Cloud,,flod,某控制,A control,seed:kingsoft l.1",
            "Kuaishou,ksc-beijing-yizhuang,flood,某控制,A control,seed:kuaishou l.2",
            "Kuaishou,,flood,某控制,,seed:kuaishou l.3",
            "Kuaishou,Bad Id,flood,某控制,A control,seed:kuaishou l.4",
            string.Empty));
        try
        {
            var act = () => ControlsLoader.Load(path, BundledSites(), Risks);
            var errors = act.Should().Throw<InputException>().Which.Errors;
            errors.Should().Contain(e => e.File == path && e.Line == 2 && e.Field == "risk" && e.Value == "flod" && e.Expected.Contains("did you mean 'flood'", StringComparison.Ordinal));
            errors.Should().Contain(e => e.Line == 3 && e.Field == "site_id" && e.Expected.Contains("operated by Kuaishou", StringComparison.Ordinal));
            errors.Should().Contain(e => e.Line == 4 && e.Field == "control_en" && e.Expected == "a value");
            errors.Should().Contain(e => e.Line == 5 && e.Field == "site_id" && e.Value == "Bad Id");
            errors.Should().HaveCount(4);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Rows_outside_the_portfolio_are_left_out_and_a_missing_file_means_none()
    {
        var ulanqab = BundledSites().Where(s => s.Id == "ks-ulanqab").ToArray();
        var controls = ControlsLoader.Load(ControlsFile, ulanqab, Risks);
        controls.Should().NotBeEmpty().And.OnlyContain(c => c.Operator == "Kuaishou" && (c.SiteId.Length == 0 || c.SiteId == "ks-ulanqab"));
        ControlsLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-controls.csv"), ulanqab, Risks).Should().BeEmpty();
    }

    [GeneratedRegex(@"^seed:(?<seed>kingsoft|kuaishou) l\.(?<first>\d+)(-(?<last>\d+))?$")]
    private static partial Regex SourcePattern();
}
