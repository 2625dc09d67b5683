using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

public class DeterminismTests
{
    private static ModelInputs Portfolio(params Scenario[] scenarios)
    {
        var wind = new WindExposure { GumbelLocationMs = 30, GumbelScaleMs = 5, VHalfMs = 90, VBiMs = 33, BiHours = 12 };
        var surge = new SurgeExposure { GevLocationM = 2.0, GevScaleM = 0.35, GevShape = 0.1, GroundElevationM = 2.5, DefenceCrestM = 3.0, SubsidenceMPerYear = 0.01 };
        Site[] sites =
        [
            SyntheticInputs.Site("beijing", 39.8, 116.5) with { Flood = SyntheticInputs.Flood(protectionRp: 20), Climate = SyntheticInputs.Climate(0.6) },
            SyntheticInputs.Site("tianjin", 39.4, 117.0) with { Flood = SyntheticInputs.Flood(), Climate = SyntheticInputs.Climate(0.6) },
            SyntheticInputs.Site("shanghai", 31.2, 121.5) with { Surge = surge, Wind = wind, Climate = SyntheticInputs.Climate(0.6), WueLPerKwh = 1.8, Drought = new DroughtExposure { RestrictionDaysPerYear = 3, DryPuePenalty = 0.15 } },
            SyntheticInputs.Site("ulanqab", 41.0, 113.1) with { Climate = SyntheticInputs.Climate(0.6), Heat = new HeatShortfall { TCritC = 33, ShortfallProbability = 0.15, ThrottleFraction = 0.25, ThrottleHours = 6 } },
        ];
        return SyntheticInputs.Inputs(sites, scenarios);
    }

    private static Scenario Warm(string id) => SyntheticInputs.Scenario(id, "WARM") with { CarbonPriceSigma = 0.3, GridSigma = 0.1, ElectricitySigma = 0.1 };

    [Theory]
    [InlineData(2030)]
    [InlineData(2030, 2031)] // the last year a horizon: its items, curves and the NPVs in one phase
    public void Results_do_not_depend_on_the_number_of_workers(params int[] horizons)
    {
        var inputs = Portfolio(Warm("warm"));
        SimulationResult Run(int workers) => Simulator.Run(inputs, new SimulationSettings { Paths = 3_000, FirstYear = 2029, LastYear = 2031, Workers = workers, Horizons = horizons });
        var one = Run(1);
        foreach (var workers in new[] { 2, 8 })
        {
            var other = Run(workers);
            other.Cells.Should().Equal(one.Cells);
            other.Npv.Should().Equal(one.Npv);
            other.Exceedance.Should().Equal(one.Exceedance);
            other.Financial.Should().Equal(one.Financial);
        }
    }

    [Fact]
    public void Each_scenario_run_alone_gives_exactly_the_numbers_of_the_joint_run()
    {
        // run simulates (and --resume saves) scenario by scenario: that must not change a number.
        var cool = SyntheticInputs.Scenario("cool") with { CarbonPriceSigma = 0.3, GridSigma = 0.1, ElectricitySigma = 0.1 };
        var inputs = Portfolio(Warm("warm"), cool, Warm("hot") with { Ssp = "HOT", DiscountRate = 0.03 });
        var settings = new SimulationSettings { Paths = 1_500, FirstYear = 2029, LastYear = 2031, Horizons = [2030], Workers = 2 };

        var joint = Simulator.Run(inputs, settings);
        var alone = inputs.Scenarios.Select(s => Simulator.Run(inputs with { Scenarios = [s] }, settings)).ToArray();

        alone.SelectMany(r => r.Cells).Should().Equal(joint.Cells);
        alone.SelectMany(r => r.Npv).Should().Equal(joint.Npv);
        alone.SelectMany(r => r.Exceedance).Should().Equal(joint.Exceedance);
    }

    [Fact]
    public void Two_scenario_files_with_identical_content_give_identical_numbers()
    {
        var result = Simulator.Run(Portfolio(Warm("first"), Warm("second")), new SimulationSettings { Paths = 2_000, FirstYear = 2030, LastYear = 2032, Horizons = [2030] });
        var first = result.Cells.Where(c => c.ScenarioId == "first").Select(c => (c.EntityId, c.Year, c.Metric, c.Statistics)).ToArray();
        var second = result.Cells.Where(c => c.ScenarioId == "second").Select(c => (c.EntityId, c.Year, c.Metric, c.Statistics)).ToArray();
        second.Should().Equal(first);
        result.Npv.Where(n => n.ScenarioId == "second").Select(n => n.Statistics).Should().Equal(result.Npv.Where(n => n.ScenarioId == "first").Select(n => n.Statistics));
    }

    [Fact]
    public void Raising_a_sites_flood_protection_never_raises_any_paths_flood_loss()
    {
        var settings = new SimulationSettings { Paths = 20_000, FirstYear = 2040, LastYear = 2040, Horizons = [] };
        double[] Loss(double protection)
        {
            var inputs = Portfolio(Warm("warm"));
            var sites = inputs.Sites.Select(s => s.Id == "tianjin" ? s with { Flood = SyntheticInputs.Flood(protectionRp: protection) } : s).ToArray();
            var changed = inputs with { Sites = sites };
            var direct = KernelHarness.PathValues(changed, settings, 2040, Metric.FloodDirectCny, 1);
            var bi = KernelHarness.PathValues(changed, settings, 2040, Metric.FloodBiCny, 1);
            return direct.Zip(bi, (a, b) => a + b).ToArray();
        }

        var none = Loss(0);
        var fifty = Loss(50);
        var twoHundred = Loss(200);
        none.Count(v => v > 0).Should().BeGreaterThan(fifty.Count(v => v > 0), "the test must exercise the defence");
        for (var p = 0; p < none.Length; p++)
        {
            fifty[p].Should().BeLessThanOrEqualTo(none[p]);
            twoHundred[p].Should().BeLessThanOrEqualTo(fifty[p]);
        }
    }

    [Fact]
    public void More_warming_never_lowers_expected_pue_drift_on_common_random_numbers()
    {
        var inputs = Portfolio(Warm("warm"), Warm("hot") with { Ssp = "HOT" });
        var result = Simulator.Run(inputs, new SimulationSettings { Paths = 2_000, FirstYear = 2030, LastYear = 2050, Horizons = [] });
        foreach (var cell in result.Cells.Where(c => c.ScenarioId == "warm" && c.Metric == Metric.PueDrift))
        {
            var hot = result.Cells.Single(c => c.ScenarioId == "hot" && c.EntityId == cell.EntityId && c.Year == cell.Year && c.Metric == Metric.PueDrift);
            hot.Statistics.Mean.Should().BeGreaterThanOrEqualTo(cell.Statistics.Mean);
        }
    }
}
