using System.Globalization;
using System.Xml.Linq;
using ClimateRisk.IO;
using ClimateRisk.Reporting.BoardPack;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Register;
using ClimateRisk.Reporting.Tests.TestSupport;
using static ClimateRisk.Reporting.Tests.TestSupport.SvgFile;

namespace ClimateRisk.Reporting.Tests;

/// <summary>What the board pack says (numbers and sentences), before markup: the wording bugs of issue 12 as tests.</summary>
[Collection(SmallRunGroup.Name)]
public sealed class BoardPackModelTests(SmallRun run)
{
    [Fact]
    public void A_scenario_spread_close_to_the_sampling_spread_does_not_say_which_future_matters_more()
    {
        // The case of issue 12: 89.0 m between scenarios against 88.6 m within one (ratio 1.005).
        var close = BoardPackModel.ResilienceSentence(2050, 89.0e6, 88.6e6);
        close.Should().NotContain("matters more than the luck").And.NotContain("plan for the upper whisker, not the median");
        close.Should().Contain("similar size").And.Contain("1.5 times");

        // Only past the stated ratio (1.5) in either direction does one spread "matter more".
        BoardPackModel.ResilienceSentence(2050, 1.5 * 88.6e6, 88.6e6).Should().Contain("which future unfolds matters more than the luck within it");
        BoardPackModel.ResilienceSentence(2050, 1.49 * 88.6e6, 88.6e6).Should().Contain("similar size");
        BoardPackModel.ResilienceSentence(2050, 40e6, 59.9e6).Should().Contain("similar size");
        BoardPackModel.ResilienceSentence(2050, 40e6, 60.1e6).Should().Contain("plan for the upper whisker, not the median");
    }

    [Theory]
    [InlineData("physical_loss_cny 2040", "physical loss in 2040")]
    [InlineData("total_climate_cost_cny npv_2025_2050", "NPV of total climate cost 2025–2050")]
    [InlineData("carbon_cost_cny", "carbon cost")]
    [InlineData("flood_direct_cny 2030", "flood direct in 2030")]
    public void Metric_names_are_said_in_words(string raw, string human)
        => BoardPackModel.HumanMetric(raw).Should().Be(human);

    [Fact]
    public void The_convergence_note_names_a_shared_metric_once_in_words()
    {
        var six = Enumerable.Range(0, 6).Select(i => new ScenarioConvergence { Scenario = "s" + i.ToString(CultureInfo.InvariantCulture), Paths = 2000, WorstRse = 0.10 + (i * 0.01), WorstMetric = "physical_loss_cny 2030" }).ToArray();
        var note = BoardPackModel.ConvergenceSentence(run.Data, six, null)!;
        note.Should().NotContain("_cny").And.NotContain("physical_loss");
        CountOf(note, "physical loss").Should().Be(1, note);
        note.Should().Contain("every scenario").And.Contain("10–15 %").And.Contain("2,000 paths each");
        note.Should().Contain("6 of 6 scenarios are above the 5.0 % target", "an RSE of 10–15 % against the register's 5 % is not converged");

        var mixed = six.Select((c, i) => c with { WorstRse = 0.004, WorstMetric = i < 4 ? "physical_loss_cny 2030" : "total_climate_cost_cny npv_2025_2050", Converged = true }).ToArray();
        var ok = BoardPackModel.ConvergenceSentence(run.Data, mixed, 0.01)!;
        CountOf(ok, "physical loss").Should().Be(1, ok);
        CountOf(ok, "NPV of total climate cost").Should().Be(1, ok);
        ok.Should().Contain("all 6 scenarios are within the 1.0 % target");
        BoardPackModel.ConvergenceSentence(run.Data, null, null).Should().BeNull();
    }

    [Fact]
    public void The_pue_headline_counts_sites_expected_above_their_limit_and_says_which_limits_are_assumed()
    {
        var model = BoardPackModel.Build(run.Data, RiskRegister.Build(run.Data));
        var pue = model.KeyFigures[4];
        pue.Question.Should().Be($"How many sites are expected above their {model.ShortYear.ToString(CultureInfo.InvariantCulture)} PUE limit?");
        pue.Question.Should().NotContain("meet", "a count of breaches must not read as a count of sites meeting the limit");

        // Independent count from the results CSVs: a site counts when P(PUE > limit) ≥ 50 % in some scenario in the short horizon.
        var expected = run.Data.Sites.Count(site => run.Result.ScenarioIds.Any(s => run.Results.Cell("site_year", s, site.Id, model.ShortYear, "pue", "p_exceed") >= 0.5));
        pue.Value.Should().Be($"{expected} of {run.Data.Sites.Count} sites");

        // pue_rules.csv: Beijing's 1.35 is published (source starts "Beijing existing data-centre plan"); Shanghai's limits start "assumption:".
        var beijing = model.Pue.Single(p => p.Site.Id == "ksc-beijing-yizhuang");
        var shanghai = model.Pue.Single(p => p.Site.Id == "ksc-shanghai-guanghuan");
        beijing.Years.Should().OnlyContain(y => y.Limit == null || !y.LimitAssumed);
        shanghai.Years.Should().OnlyContain(y => y.Limit != null && y.LimitAssumed);
        var html = File.ReadAllText(run.File("board-pack.html"));
        html.Should().Contain("* Assumed limit").And.Contain("from 2030, assumed");
        XDocument.Load(run.File("charts/pue_ksc-shanghai-guanghuan.svg")).Descendants(Ns + "text").Select(t => t.Value).Should().Contain(t => t == "Limit, assumed" || t == "Limit, partly assumed", "the 2030 limit is assumed");
        XDocument.Load(run.File("charts/pue_ksc-beijing-yizhuang.svg")).Descendants(Ns + "text").Select(t => t.Value).Should().Contain("Regulatory limit");
    }

    [Fact]
    public void The_heat_maps_have_a_key_to_their_codes_beside_them()
    {
        var model = BoardPackModel.Build(run.Data, RiskRegister.Build(run.Data));
        foreach (var risk in RegisterRisk.All)
        {
            model.HeatMapKey.Should().Contain($"{risk.Code} {risk.ShortName.ToLowerInvariant()}");
        }

        model.HeatMapKey.Should().Contain("S1 " + run.Data.Sites[0].Name).And.Contain("S3 " + run.Data.Sites[2].Name).And.Contain("+N more");
        var html = File.ReadAllText(run.File("board-pack.html"));
        var maps = html.IndexOf("id=\"risk-management\"", StringComparison.Ordinal);
        var key = html.IndexOf("class=\"note key\"", StringComparison.Ordinal);
        key.Should().BeGreaterThan(maps).And.BeLessThan(html.IndexOf("id=\"risk-register\"", StringComparison.Ordinal), "the key is on the heat maps' page");
    }

    [Fact]
    public void Page_one_chart_stacks_the_2050_components_as_in_portfolio_year_csv_with_p95_marks()
    {
        var svg = XDocument.Load(run.File("charts/cost_components.svg"));
        var html = File.ReadAllText(run.File("board-pack.html"));
        var summary = html[html.IndexOf("id=\"summary\"", StringComparison.Ordinal)..html.IndexOf("id=\"strategy\"", StringComparison.Ordinal)];
        summary.Should().Contain("id=\"cost_components-chart\"", "the headline chart is on page 1");

        string[] components = ["physical_loss_cny", "climate_energy_cost_cny", "carbon_cost_cny", "pue_surcharge_cny", "renewable_premium_cny"];
        var bars = svg.Descendants(Ns + "rect").Where(r => HasClass(r, "bar")).ToArray();
        foreach (var scenario in run.Result.ScenarioIds)
        {
            var cumulative = 0.0;
            foreach (var metric in components)
            {
                var csv = run.Results.Cell("portfolio_year", scenario, "portfolio", 2050, metric, "mean");
                var bar = bars.SingleOrDefault(b => (string?)b.Attribute("data-scenario") == scenario && (string?)b.Attribute("data-metric") == metric);
                if (csv == 0)
                {
                    bar.Should().BeNull($"{scenario} {metric} is 0: no segment");
                    continue;
                }

                bar.Should().NotBeNull($"{scenario} {metric}");
                Number(bar!, "data-value").Should().BeApproximately(csv, 0.006, $"{scenario} {metric} equals portfolio_year.csv");
                Number(bar!, "data-from").Should().BeApproximately(cumulative, 0.03, $"{scenario} {metric} is stacked on the components before it");
                cumulative += csv;
            }

            var total = run.Results.Cell("portfolio_year", scenario, "portfolio", 2050, "total_climate_cost_cny", "mean");
            cumulative.Should().BeApproximately(total, Math.Max(1, 1e-9 * total), "the components add up to the total (MODEL §11)");
            var mark = svg.Descendants(Ns + "line").Single(l => HasClass(l, "p95") && (string?)l.Attribute("data-scenario") == scenario);
            Number(mark, "data-value").Should().BeApproximately(run.Results.Cell("portfolio_year", scenario, "portfolio", 2050, "total_climate_cost_cny", "p95"), 0.006);
        }
    }

    [Fact]
    public void Sources_page_lists_only_the_inputs_this_run_used()
    {
        var sources = File.ReadAllText(run.File("sources.html"));
        run.Written.Should().Contain("sources.html");
        sources.Should().NotContain("cand-", "candidate sites are not in the run's portfolio");
        var others = run.Inputs.Sites.Select(s => s.Id).ToHashSet();
        foreach (var id in InputLoader.Load(run.Paths).Sites.Select(s => s.Id).Where(id => !others.Contains(id)))
        {
            sources.Should().NotContain(">" + id, $"{id} is not one of the run's sites");
        }

        foreach (var id in run.Result.SiteIds)
        {
            sources.Should().Contain(id);
        }

        sources.Should().Contain("ksc-beijing-yizhuang").And.Contain("SHA-256");
        File.ReadAllText(run.File("board-pack.html")).Should().NotContain("id=\"appendix-data\"", "the data-source appendix moved to sources.html");
    }

    private static double Number(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [Fact]
    public void A_site_page_lists_the_register_rows_rated_two_or_more_and_names_the_others()
    {
        var register = RiskRegister.Build(run.Data);
        var model = BoardPackModel.Build(run.Data, register);
        model.Sites.Select(p => p.Site.Id).Should().Equal(run.Data.Sites.Select(s => s.Id));
        foreach (var page in model.Sites)
        {
            // Independently of the model's rule: the site's exposed rows, rated ≥ 2 in some scenario, or a likely PUE breach.
            var rows = register.Rows.Where(r => r.EntityId == page.Site.Id && r.Exposed).ToArray();
            bool Likely(RegisterRow r) => run.Result.ScenarioIds.Any(s => run.Results.Cell("site_year", s, page.Site.Id, r.HorizonYear, "pue", "p_exceed") >= 0.5);
            var listed = rows.Where(r => r.Scores.Any(s => s.Rating >= 2) || (r.Risk.Key == "efficiency_regulation" && Likely(r))).ToArray();
            page.Risks.Should().HaveCount(Math.Min(listed.Length, BoardPackModel.SiteRisksShown));
            page.Risks.Select(r => r.MaxRating).Should().BeInDescendingOrder();
            page.Risks.Should().OnlyContain(r => listed.Contains(r));
            foreach (var row in rows.Except(page.Risks))
            {
                page.LowNote.Should().Contain(row.RiskId, "every register row of the site not in the table is named under it");
            }

            page.ScenarioKey.Should().StartWith("Scenarios: A = " + run.Data.ScenarioName(run.Result.ScenarioIds[0]));
        }
    }

    [Fact]
    public void A_site_page_states_the_sites_1_in_100_year_loss_of_its_worst_scenario_from_exceedance_csv()
    {
        var model = BoardPackModel.Build(run.Data, RiskRegister.Build(run.Data));
        var year = model.LongYear;
        foreach (var page in model.Sites)
        {
            var worst = run.Result.ScenarioIds
                .Select(s => (Scenario: s, Loss: run.Results.Curve(s, page.Site.Id, year, "AEP").Single(p => p.ReturnPeriod == 100).Loss))
                .OrderByDescending(x => x.Loss)
                .First();
            var fact = page.Facts.Single(f => f.Label == $"1-in-100-year loss {year}");
            fact.Value.Should().Be($"{Format.MoneyShort(worst.Loss)} a year, {run.Data.ScenarioName(worst.Scenario)}");
        }
    }

    [Fact]
    public void The_emissions_table_and_the_financial_effects_sentence_carry_the_numbers_of_the_results()
    {
        var model = BoardPackModel.Build(run.Data, RiskRegister.Build(run.Data));
        model.Emissions.Select(e => e.Scenario).Should().Equal(run.Result.ScenarioIds);
        foreach (var row in model.Emissions)
        {
            for (var i = 0; i < model.Horizons.Count; i++)
            {
                row.Scope2MarketT[i].Should().BeApproximately(run.Results.Cell("portfolio_year", row.Scenario, "portfolio", model.Horizons[i], "scope2_market_t", "mean"), 1e-6 * Math.Max(1, row.Scope2MarketT[i]));
                row.CarbonCostCny[i].Should().BeApproximately(run.Results.Cell("portfolio_year", row.Scenario, "portfolio", model.Horizons[i], "carbon_cost_cny", "mean"), 1e-6 * Math.Max(1, row.CarbonCostCny[i]));
            }
        }

        // The insured count, independently: the run's sites with a row in data/finance/insurance.csv.
        var insurance = CsvFile.Read(Path.Combine(Repo.Data, "finance", "insurance.csv"));
        var insured = run.Data.Sites.Count(s => insurance.Rows.Any(r => insurance.Text(r, "site_id") == s.Id));
        var financial = model.FinancialEffects!;
        financial.Explanation.Should().Contain($"{insured} of {run.Data.Sites.Count} sites are insured");
        financial.Rows.Should().HaveCount(run.Result.ScenarioIds.Count * run.Data.Index.ReportingYears.Count);
        financial.Rows.Select(r => r.Term).Take(run.Data.Index.ReportingYears.Count).Should().Equal("short", "medium", "long");
        var fin = CsvFile.Read(run.File("results/financial_effects.csv"));
        foreach (var row in financial.Rows)
        {
            var csv = fin.Where(("scenario", row.Scenario), ("entity", "portfolio"), ("horizon", row.Year.ToString(CultureInfo.InvariantCulture)), ("item", "ebitda"), ("basis", "net")).Single();
            row.EbitdaNet!.Statistics.Mean.Should().BeApproximately(fin.Number(csv, "mean"), 1e-6 * Math.Max(1, Math.Abs(fin.Number(csv, "mean"))));
        }

        model.Drivers.Should().BeNull("the small run has no sensitivity indices");
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
