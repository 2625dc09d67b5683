using ClimateRisk.Core.Model;
using ClimateRisk.Core.Planning;
using ClimateRisk.Core.Planning.Internal;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Statistics;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Planning;

public class CandidateComparisonTests
{
    private static readonly SimulationSettings Settings = new() { Paths = 4_000, FirstYear = 2025, LastYear = 2050, Horizons = [] };

    private static Scenario Warm => SyntheticInputs.Scenario("warm", "WARM") with { CarbonPriceSigma = 0.3, GridSigma = 0.1, ElectricitySigma = 0.1 };

    private static Site Candidate(string id, double lat = 39.8, double lon = 116.5) => SyntheticInputs.Site(id, lat, lon) with
    {
        Flood = SyntheticInputs.Flood(protectionRp: 20),
        Climate = SyntheticInputs.Climate(0.6),
        Heat = new HeatShortfall { TCritC = 36, ShortfallProbability = 0.15, ThrottleFraction = 0.25, ThrottleHours = 6 },
    };

    [Fact]
    public void Identical_candidates_tie_exactly()
    {
        var inputs = SyntheticInputs.Inputs([Candidate("a"), Candidate("b", 31.2, 121.5)], [Warm]);
        var results = CandidateComparison.Compare(inputs, Settings);
        var a = results.Single(r => r.SiteId == "a");
        var b = results.Single(r => r.SiteId == "b");
        // Different ids and coordinates, same parameters: the site is not in the key, so every draw is the same.
        b.Npv.Should().Be(a.Npv);
        b.ComponentNpv.Should().Equal(a.ComponentNpv);
        new[] { a.DifferenceToBest, b.DifferenceToBest }.Should().Equal(0, 0);
        b.DifferenceStandardError.Should().Be(0);
    }

    [Fact]
    public void Paired_standard_error_of_a_difference_is_smaller_than_the_unpaired_one()
    {
        var similar = Candidate("b") with { AssetValueCny = 550e6, Climate = SyntheticInputs.Climate(0.6) with { MonthlyMeanC = [-2, 1, 8, 16, 22, 26, 28, 27, 22, 14, 5, 0] } };
        var results = CandidateComparison.Compare(SyntheticInputs.Inputs([Candidate("a"), similar], [Warm]), Settings);
        var worse = results.Single(r => r.Rank == 2);
        worse.DifferenceToBest.Should().BeGreaterThan(0);
        worse.DifferenceStandardError.Should().BeGreaterThan(0);
        worse.DifferenceStandardError.Should().BeLessThan(worse.UnpairedStandardError / 3, "common random numbers cancel most of the sampling noise");
    }

    [Fact]
    public void A_candidate_with_higher_flood_protection_is_never_worse_on_any_path()
    {
        var low = Candidate("low");
        var high = Candidate("high") with { Flood = SyntheticInputs.Flood(protectionRp: 200) };
        var tables = SyntheticInputs.Inputs([low], [Warm]);
        var lowNpv = SiteEvaluation.Run(tables, low, null, int.MaxValue, Warm, Settings, CandidateComparison.SharedSiteKey, default).Npv;
        var highNpv = SiteEvaluation.Run(tables, high, null, int.MaxValue, Warm, Settings, CandidateComparison.SharedSiteKey, default).Npv;
        highNpv.Zip(lowNpv).Should().AllSatisfy(pair => pair.First.Should().BeLessThanOrEqualTo(pair.Second));
        highNpv.Sum().Should().BeLessThan(lowNpv.Sum(), "the test must exercise the defence");

        var ranked = CandidateComparison.Compare(SyntheticInputs.Inputs([low, high], [Warm]), Settings);
        ranked.Single(r => r.SiteId == "high").Rank.Should().Be(1);
        ranked.Single(r => r.SiteId == "high").ComponentNpv["flood"].Should().BeLessThan(ranked.Single(r => r.SiteId == "low").ComponentNpv["flood"]);
    }

    [Fact]
    public void Candidate_npv_matches_the_simulators_npv_for_a_single_site()
    {
        // Same site, same key: SiteEvaluation's per-path NPV must reproduce the main simulator's NPV statistics exactly.
        var site = Candidate("a");
        var inputs = SyntheticInputs.Inputs([site], [Warm]);
        var main = Simulator.Run(inputs, Settings).Npv.Single(n => n.EntityId == "a").Statistics;
        var evaluation = SiteEvaluation.Run(inputs, site, null, int.MaxValue, Warm, Settings, null, default);
        SampleSummary.Summarize(evaluation.Npv, double.NaN, new double[Settings.Paths]).Should().Be(main);
    }

    [Fact]
    public void A_reused_workspace_gives_the_evaluation_of_a_fresh_one()
    {
        // Workers reuse their path buffers from job to job: nothing of the previous evaluation may leak into the next.
        var first = Candidate("a");
        var second = Candidate("b") with { Flood = SyntheticInputs.Flood(protectionRp: 200) };
        var tables = SyntheticInputs.Inputs([first, second], [Warm]);
        var fresh = SiteEvaluation.Run(tables, second, null, int.MaxValue, Warm, Settings, null, default);
        var workspace = new EvaluationWorkspace(Settings.Paths);
        SiteEvaluation.Run(tables, new SitePlan(first, tables, Settings), null, int.MaxValue, Warm, Settings, workspace, default);

        var reused = SiteEvaluation.Run(tables, new SitePlan(second, tables, Settings), null, int.MaxValue, Warm, Settings, workspace, default);

        reused.Npv.Should().Equal(fresh.Npv);
        reused.ComponentNpv.Should().Equal(fresh.ComponentNpv);
        new[] { reused.DiscountedEnergyCostCny, reused.Pue2030, reused.Pue2050, reused.Breach2030, reused.Breach2050 }
            .Should().Equal(fresh.DiscountedEnergyCostCny, fresh.Pue2030, fresh.Pue2050, fresh.Breach2030, fresh.Breach2050);
    }

    [Fact]
    public void A_measure_with_no_cost_and_no_change_has_benefit_exactly_zero()
    {
        var site = Candidate("a");
        var noop = new AdaptationMeasure { Id = "noop", Name = "noop", SiteId = "a", YearInForce = 2030, CapexCny = 0, OpexCnyPerYear = 0, Change = new SiteChange() };
        var result = CandidateComparison.EvaluateMeasures(SyntheticInputs.Inputs([site], [Warm]), [noop], Settings).Single();
        result.Benefit.Should().BeEquivalentTo(result.Benefit with { Mean = 0, StandardError = 0, StandardDeviation = 0, P5 = 0, P25 = 0, P50 = 0, P75 = 0, P95 = 0, P99 = 0, TVaR99 = 0 });
        result.PresentCostCny.Should().Be(0);
        result.BenefitCostRatio.Should().Be(double.NaN);
    }

    [Fact]
    public void Raising_protection_pays_at_a_flood_exposed_site_and_does_nothing_where_there_is_no_flood()
    {
        var exposed = Candidate("exposed");
        var dry = SyntheticInputs.Site("dry") with { Climate = SyntheticInputs.Climate(0.6) };
        var raise = new SiteChange { ProtectionRpY = 500 };
        AdaptationMeasure Measure(string site) => new() { Id = "raise-" + site, Name = "raise", SiteId = site, YearInForce = 2027, CapexCny = 2e6, OpexCnyPerYear = 1e5, Change = raise };
        var results = CandidateComparison.EvaluateMeasures(SyntheticInputs.Inputs([exposed, dry], [Warm]), [Measure("exposed"), Measure("dry")], Settings);
        var atExposed = results.Single(r => r.SiteId == "exposed");
        var atDry = results.Single(r => r.SiteId == "dry");
        atExposed.Benefit.Mean.Should().BeGreaterThan(4 * atExposed.Benefit.StandardError);
        atExposed.Benefit.P5.Should().BeGreaterThanOrEqualTo(0, "a higher defence never costs a path anything");
        atDry.Benefit.Mean.Should().Be(0);
        atDry.Benefit.P99.Should().Be(0);
    }

    [Fact]
    public void Present_cost_discounts_capex_and_opex_to_the_first_year()
    {
        var measure = new AdaptationMeasure { Id = "m", Name = "m", SiteId = "a", YearInForce = 2027, CapexCny = 1000, OpexCnyPerYear = 10, Change = new SiteChange() };
        var settings = new SimulationSettings { FirstYear = 2025, LastYear = 2029 };
        var expected = (1000 / Math.Pow(1.06, 2)) + (10 / Math.Pow(1.06, 2)) + (10 / Math.Pow(1.06, 3)) + (10 / Math.Pow(1.06, 4));
        CandidateComparison.PresentCost(measure, 0.06, settings).Should().BeApproximately(expected, 1e-9);
    }
}
