using ClimateRisk.Core.Model;
using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.IO.Tests;

/// <summary>
/// The transition inputs of issue 13: every field of pue_rules.csv (with its basis) and
/// carbon_pilots.csv against its CSV row, the pilot a site falls under, and the Delayed
/// Transition grid-factor index against its YAML.
/// </summary>
public sealed class TransitionInputsTests
{
    private static readonly Lazy<ModelInputs> Bundled = new(() => InputLoader.Load(TestInputs.Bundled()));

    private static string DataFile(string relative) => Path.Combine(TestInputs.BundledDataDirectory, relative);

    [Fact]
    public void Every_pue_rule_row_is_loaded_with_its_basis_and_source()
    {
        var rows = CsvLine.ReadTable(DataFile("transition/pue_rules.csv"));
        var rules = Bundled.Value.PueRules;
        foreach (var group in rows.GroupBy(r => r["jurisdiction"]))
        {
            rules[group.Key].Should().Equal(group.Select(r => new PueRule
            {
                Jurisdiction = r["jurisdiction"],
                FromYear = CsvLine.Integer(r["from_year"]),
                LimitPue = CsvLine.Number(r["limit_pue"]),
                SurchargeCnyPerKwh = CsvLine.Number(r["surcharge_cny_per_kwh"]),
                Tier2ExcessFraction = CsvLine.Number(r["tier2_excess_fraction"]),
                Tier2SurchargeCnyPerKwh = CsvLine.Number(r["tier2_surcharge_cny_per_kwh"]),
                IsAssumed = r["basis"] == "assumed",
                Source = r["source"],
            }));
        }

        rows.Select(r => r["basis"]).Should().OnlyContain(b => b == "published" || b == "assumed");
    }

    [Fact]
    public void Assumed_limits_are_exactly_the_2030_tightenings_and_the_western_hub_reading()
    {
        var assumed = Bundled.Value.PueRules.Values.SelectMany(r => r).Where(r => r.IsAssumed).Select(r => (r.Jurisdiction, r.FromYear));
        assumed.Should().BeEquivalentTo(new[]
        {
            ("tianjin", 2030), ("hebei", 2030), ("jiangsu", 2030), ("shanghai", 2030), ("qinghai", 2030), ("west_hub", 2022),
        });

        // An assumed row says so in its source; a published one cites a text (no 'assumption:' lead).
        foreach (var rule in Bundled.Value.PueRules.Values.SelectMany(r => r))
        {
            rule.Source.StartsWith("assumption:", StringComparison.Ordinal).Should().Be(rule.IsAssumed, $"{rule.Jurisdiction} {rule.FromYear}");
        }
    }

    [Fact]
    public void Every_carbon_pilot_row_is_loaded()
    {
        var rows = CsvLine.ReadTable(DataFile("transition/carbon_pilots.csv"));
        var pilots = Bundled.Value.CarbonPilots;
        pilots.Keys.Should().BeEquivalentTo(rows.Select(r => r["jurisdiction"]).Distinct());
        foreach (var group in rows.GroupBy(r => r["jurisdiction"]))
        {
            var pilot = pilots[group.Key];
            pilot.PriceCnyPerT.Points.Should().Equal(group.Select(r => (CsvLine.Integer(r["year"]), CsvLine.Number(r["price_cny_per_t"]))));
            pilot.Coverage.Points.Should().Equal(group.Select(r => (CsvLine.Integer(r["year"]), CsvLine.Number(r["coverage"]))));
            pilot.ThresholdT.Should().Be(CsvLine.Number(group.First()["threshold_t"]));
            pilot.Source.Should().Be(group.First()["source"]);
        }

        var beijing = pilots["beijing"];
        beijing.PriceCnyPerT.At(2030).Should().Be(102, "the 2024 ICAP average, held flat");
        beijing.Coverage.At(2030).Should().Be(0.05);
        beijing.ThresholdT.Should().Be(5000);
    }

    [Fact]
    public void A_site_falls_under_the_pilot_of_its_province()
    {
        var rows = CsvLine.ReadTable(DataFile("sites.csv")).ToDictionary(r => r["site_id"]);
        foreach (var site in Bundled.Value.Sites)
        {
            var key = InputLoader.ProvinceKey(rows[site.Id]["province"]);
            site.CarbonPilot.Should().Be(Bundled.Value.CarbonPilots.ContainsKey(key) ? key : null, site.Id);
        }

        var yizhuang = Bundled.Value.Sites.Single(s => s.Id == "ksc-beijing-yizhuang");
        yizhuang.CarbonPilot.Should().Be("beijing");
        // 3.44 MW · 8760 h · 1.362 · 0.6361 t/MWh (North China 2023) + 34.12 t Scope 1, no green power in 2023.
        CarbonPilot.BaseYearEmissionsT(yizhuang).Should().BeApproximately((3.44 * 8760 * 1.362 * 0.6361) + 34.12, 1e-6);
        Bundled.Value.CarbonPilots["beijing"].Covers(yizhuang).Should().BeTrue();
        Bundled.Value.Sites.Where(s => s.Id != yizhuang.Id).Should().OnlyContain(s => s.CarbonPilot == null);
    }

    [Theory]
    [InlineData("Beijing", "beijing")]
    [InlineData("Inner Mongolia", "inner_mongolia")]
    [InlineData("  Guangdong ", "guangdong")]
    [InlineData("Hong Kong (SAR)", "hong_kong_sar")]
    public void Province_key_is_the_lower_case_slug(string province, string key) => InputLoader.ProvinceKey(province).Should().Be(key);

    [Fact]
    public void Delayed_transition_grid_index_is_the_yaml_path_and_the_others_keep_a_constant_rate()
    {
        var scenarios = Bundled.Value.Scenarios.ToDictionary(s => s.Id);
        var delayed = scenarios["ngfs-delayed-transition"];
        delayed.GridDeclineRate.Should().BeNull();
        delayed.GridFactorIndex!.Keys.Should().Equal(Scenario.DefaultGridKey);
        delayed.GridFactorIndex[Scenario.DefaultGridKey].Points.Should().Equal((2023, 1.0), (2030, 0.862), (2035, 0.62), (2040, 0.42), (2050, 0.226));
        File.ReadAllText(TestInputs.Bundled().ScenarioFiles.Single(f => f.EndsWith("ngfs-delayed-transition.yaml", StringComparison.Ordinal)))
            .Should().Contain("default: {2023: 1.0, 2030: 0.862, 2035: 0.62, 2040: 0.42, 2050: 0.226}");

        var rates = new Dictionary<string, double>
        {
            ["ngfs-below-2c"] = 0.060, ["ngfs-current-policies"] = 0.021, ["ngfs-ndcs"] = 0.035, ["ngfs-net-zero-2050"] = 0.084, ["ssp5-85-physical-stress"] = 0.021,
        };
        foreach (var (id, rate) in rates)
        {
            scenarios[id].GridDeclineRate.Should().Be(rate, id);
            scenarios[id].GridFactorIndex.Should().BeNull(id);
        }
    }
}
