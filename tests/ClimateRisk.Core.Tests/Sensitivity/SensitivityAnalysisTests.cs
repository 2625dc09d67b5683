using ClimateRisk.Core.Model;
using ClimateRisk.Core.Sensitivity;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Tests.Properties;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Sensitivity;

/// <summary>The pick-freeze design on the real model (the bundled portfolio and scenarios).</summary>
public class SensitivityAnalysisTests
{
    private const int Rows = 384; // N_s at the default 20,000 paths

    private static readonly Lazy<(ModelInputs Inputs, SensitivityResult Result)> Bundled = new(() =>
    {
        var bundled = RandomPortfolio.Bundled;
        var inputs = bundled with { Scenarios = bundled.Scenarios.Where(s => s.Id is "ngfs-current-policies" or "ngfs-net-zero-2050").ToArray() };
        return (inputs, SensitivityAnalysis.Run(inputs, new SimulationSettings { Paths = 20_000 }, Rows));
    });

    [Fact]
    public void Base_rows_are_sized_to_a_quarter_of_the_run()
    {
        SensitivityAnalysis.EvaluationsPerRow.Should().Be(13);
        SensitivityAnalysis.BaseRowsFor(20_000).Should().Be(384);
        SensitivityAnalysis.BaseRowsFor(2_000).Should().Be(38);
        (13.0 * SensitivityAnalysis.BaseRowsFor(1_000_000) / 1_000_000).Should().BeLessThanOrEqualTo(0.25);
    }

    [Fact]
    public void Every_scenario_entity_headline_and_driver_has_a_row()
    {
        var (inputs, result) = Bundled.Value;
        result.BaseRows.Should().Be(Rows);
        var headlines = SensitivityHeadline.Of(new SimulationSettings());
        headlines.Select(h => $"{h.Metric.Name()}@{h.Horizon}").Should().Equal(
            "total_climate_cost_cny@2030", "total_climate_cost_cny@2040", "total_climate_cost_cny@2050", "total_climate_cost_cny@npv",
            "physical_loss_cny@2050", "pue@2030", "pue@2050");
        result.Indices.Should().HaveCount(inputs.Scenarios.Count * (inputs.Sites.Count + 1) * headlines.Count * SensitivityDrivers.Count);
        result.Indices.Select(i => i.EntityId).Distinct().Should().Equal(inputs.Sites.Select(s => s.Id).Append("portfolio"));
    }

    [Fact]
    public void A_driver_a_site_is_not_exposed_to_has_index_zero()
    {
        // An inland site draws nothing from the surge or sea-level streams: its values are the
        // same bits under A and AB_surge, so both estimators give exactly 0.
        var (inputs, result) = Bundled.Value;
        var checkedRows = 0;
        foreach (var site in inputs.Sites)
        {
            var absent = new List<SensitivityDriver>();
            if (site.Surge is null)
            {
                absent.AddRange([SensitivityDriver.Surge, SensitivityDriver.SeaLevel]);
            }

            if (site.Wind is null)
            {
                absent.Add(SensitivityDriver.Wind);
            }

            if (site.Flood is null)
            {
                absent.Add(SensitivityDriver.Flood);
            }

            if (site.Flood is null && site.Surge is null)
            {
                absent.Add(SensitivityDriver.DamageUncertainty);
            }

            foreach (var index in result.Indices.Where(i => i.EntityId == site.Id && absent.Contains(i.Driver) && !double.IsNaN(i.Estimate.FirstOrder)))
            {
                index.Estimate.Should().Be(new SobolEstimate(0, 0, 0, 0), $"{index.ScenarioId} {site.Id} {index.Metric}@{index.Horizon} {index.Driver}");
                checkedRows++;
            }
        }

        result.Indices.Should().Contain(i => i.EntityId == "ksc-beijing-yizhuang" && i.Driver == SensitivityDriver.Surge && i.Metric == "total_climate_cost_cny" && i.Horizon == "npv" && i.Estimate.Total == 0);
        checkedRows.Should().BeGreaterThan(100);
    }

    [Fact]
    public void Pue_depends_on_warming_and_heat_only_and_they_explain_all_of_it()
    {
        var (_, result) = Bundled.Value;
        foreach (var group in result.Indices.Where(i => i.Metric == "pue" && i.EntityId != "portfolio").GroupBy(i => (i.ScenarioId, i.EntityId, i.Horizon)))
        {
            foreach (var index in group.Where(i => i.Driver is not (SensitivityDriver.Warming or SensitivityDriver.Heat)))
            {
                index.Estimate.Should().Be(new SobolEstimate(0, 0, 0, 0), $"{group.Key} {index.Driver}");
            }

            // With two inputs, S_T,warming + S_T,heat ≥ 1 (equality without interaction).
            var warming = group.Single(i => i.Driver == SensitivityDriver.Warming).Estimate;
            var heat = group.Single(i => i.Driver == SensitivityDriver.Heat).Estimate;
            var se = Math.Sqrt((warming.TotalSe * warming.TotalSe) + (heat.TotalSe * heat.TotalSe));
            (warming.Total + heat.Total).Should().BeGreaterThan(1 - (4 * se), $"{group.Key}");
        }
    }

    [Fact]
    public void Indices_lie_in_zero_one_and_first_order_does_not_exceed_total_within_four_standard_errors()
    {
        var (_, result) = Bundled.Value;
        var defined = result.Indices.Where(i => !double.IsNaN(i.Estimate.FirstOrder)).ToArray();
        defined.Length.Should().BeGreaterThan(result.Indices.Count / 2);
        foreach (var index in defined)
        {
            var e = index.Estimate;
            var what = $"{index.ScenarioId} {index.EntityId} {index.Metric}@{index.Horizon} {index.Driver}: S = {e.FirstOrder} ± {e.FirstOrderSe}, ST = {e.Total} ± {e.TotalSe}";
            e.FirstOrder.Should().BeInRange(-4 * e.FirstOrderSe, 1 + (4 * e.FirstOrderSe), what);
            e.Total.Should().BeInRange(-4 * e.TotalSe, 1 + (4 * e.TotalSe), what);
            e.Total.Should().BeGreaterThanOrEqualTo(0, "Jansen's estimator is a mean of squares");
            (e.FirstOrder - e.Total).Should().BeLessThanOrEqualTo(4 * Math.Sqrt((e.FirstOrderSe * e.FirstOrderSe) + (e.TotalSe * e.TotalSe)), what);
        }
    }

    [Fact]
    public void The_a_sample_is_the_runs_own_first_paths()
    {
        var (inputs, _) = Bundled.Value;
        var settings = new SimulationSettings { Paths = 300, FirstYear = 2048, LastYear = 2050 };
        var one = inputs with { Scenarios = [inputs.Scenarios[0]] };
        var (_, sample) = SensitivityAnalysis.Sample(one, settings, 300).Single();
        var headlines = SensitivityHeadline.Of(settings);
        var h = headlines.ToList().FindIndex(x => x.Metric == Metric.TotalClimateCostCny && x.Year == 2050);
        for (var e = 0; e <= inputs.Sites.Count; e++)
        {
            var own = KernelHarness.PathValues(one, settings, 2050, Metric.TotalClimateCostCny, e);
            sample.Values(h, e, 0).ToArray().Should().Equal(own);
            sample.Values(h, e, 1).ToArray().Should().NotEqual(own);
        }
    }

    [Fact]
    public void Indices_do_not_depend_on_the_number_of_workers()
    {
        var (inputs, _) = Bundled.Value;
        var one = inputs with { Scenarios = [inputs.Scenarios[0]] };
        SensitivityResult Run(int workers) => SensitivityAnalysis.Run(one, new SimulationSettings { FirstYear = 2028, LastYear = 2031, Horizons = [2030], Workers = workers }, 600);
        var single = Run(1);
        Run(2).Indices.Should().Equal(single.Indices);
        Run(5).Indices.Should().Equal(single.Indices);
    }

    [Fact]
    public void Chunked_designs_give_the_numbers_of_one_chunk()
    {
        // More base rows than one chunk (1,024): the NPV must be carried per chunk.
        var (inputs, _) = Bundled.Value;
        var one = inputs with { Scenarios = [inputs.Scenarios[0]] };
        var settings = new SimulationSettings { FirstYear = 2029, LastYear = 2030, Horizons = [2030] };
        var (_, sample) = SensitivityAnalysis.Sample(one, settings, 1_100).Single();
        var npv = SensitivityHeadline.Of(settings).ToList().FindIndex(x => x.Year is null);
        var expected = new double[1_100];
        for (var t = 0; t < 2; t++)
        {
            var year = 2029 + t;
            var total = KernelHarness.PathValues(one, settings with { Paths = 1_100 }, year, Metric.TotalClimateCostCny, one.Sites.Count);
            var discount = Math.Pow(1 + one.Scenarios[0].DiscountRate, -t);
            for (var p = 0; p < expected.Length; p++)
            {
                expected[p] += total[p] * discount;
            }
        }

        var actual = sample.Values(npv, one.Sites.Count, 0).ToArray();
        for (var p = 0; p < expected.Length; p++)
        {
            actual[p].Should().BeApproximately(expected[p], 1e-9 * Math.Abs(expected[p]), $"path {p}");
        }
    }

    [Fact]
    public void Too_few_base_rows_are_refused()
    {
        var act = () => SensitivityAnalysis.Run(RandomPortfolio.Bundled, new SimulationSettings(), SensitivityAnalysis.MinimumBaseRows - 1);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
