using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Finance;

/// <summary>MODEL §15: recoveries, retained loss and the statement effects, per path and in the means.</summary>
public class FinancialEffectsTests
{
    private static readonly SimulationSettings Settings = new() { Paths = 4_001, FirstYear = 2029, LastYear = 2036, Horizons = [2030, 2036], Seed = 7 };

    private static readonly InsuranceTerms Cover = new()
    {
        PropertyDeductibleCny = 2e6,
        PropertyAggregateLimitCny = 150e6,
        Coinsurance = 0.1,
        BiWaitingDays = 3,
        BiLimitCny = 30e6,
        PremiumCny = 1e6,
        PremiumLoading = 0.3,
        PremiumLagYears = 1,
    };

    private static ModelInputs Inputs(InsuranceTerms? cover)
    {
        var wind = new WindExposure { GumbelLocationMs = 30, GumbelScaleMs = 5, VHalfMs = 90, VBiMs = 33, BiHours = 12 };
        Site[] sites =
        [
            SyntheticInputs.Site("a", 39.8, 116.5) with { Flood = SyntheticInputs.Flood(protectionRp: 5), Climate = SyntheticInputs.Climate(0.6) },
            SyntheticInputs.Site("b", 31.2, 121.5) with { Wind = wind, Climate = SyntheticInputs.Climate(0.6), Heat = SyntheticInputs.Site().Heat with { TCritC = 36 } },
        ];
        var inputs = SyntheticInputs.Inputs(sites, [SyntheticInputs.Scenario("warm", "WARM") with { CarbonPriceSigma = 0.3 }, SyntheticInputs.Scenario("flat")]);
        var baselines = new Dictionary<string, SiteBaseline>
        {
            ["a"] = new() { RevenueCny = 1.2e9, EbitdaMargin = 0.2 },
            ["b"] = new() { RevenueCny = 0.8e9, EbitdaMargin = 0.25 },
        };
        var insurance = new Dictionary<string, InsuranceTerms>();
        if (cover is not null)
        {
            insurance["a"] = cover;
            insurance["b"] = cover with { PropertyDeductibleCny = 0.5e6 };
        }

        return inputs with { Finance = new FinanceTerms { Insurance = insurance, Baselines = baselines } };
    }

    [Fact]
    public void Per_path_recoveries_plus_retained_equal_the_physical_loss_and_EBITDA_is_OpEx_plus_revenue()
    {
        var inputs = Inputs(Cover);
        var anyRecovery = false;
        KernelHarness.ForEachScenarioYear(inputs, Settings, [2030, 2036], (_, _, b) =>
        {
            var v = new double[b.Paths];
            var opex = new double[b.Paths];
            var revenue = new double[b.Paths];
            var capex = new double[b.Paths];
            for (var e = 0; e < b.Entities; e++)
            {
                var physical = b.Cell(Metric.PhysicalLossCny, e);
                var property = b.Cell(Metric.InsuredPropertyCny, e);
                var bi = b.Cell(Metric.InsuredBiCny, e);
                var retained = b.Cell(Metric.RetainedLossCny, e);
                for (var p = 0; p < b.Paths; p++)
                {
                    (property[p] + bi[p] + retained[p]).Should().BeApproximately(physical[p], 1e-9 * (1 + physical[p]));
                    (b.Cell(Metric.InsuredFloodCny, e)[p] + b.Cell(Metric.InsuredSurgeCny, e)[p] + b.Cell(Metric.InsuredWindCny, e)[p])
                        .Should().BeApproximately(property[p] + bi[p], 1e-9 * (1 + physical[p]));
                    property[p].Should().BeInRange(0, b.Cell(Metric.FloodDirectCny, e)[p] + b.Cell(Metric.SurgeDirectCny, e)[p] + b.Cell(Metric.WindDirectCny, e)[p]);
                    bi[p].Should().BeGreaterThanOrEqualTo(0);
                    anyRecovery |= property[p] > 0 && bi[p] > 0;
                }

                foreach (var basis in FinancialEffects.Bases)
                {
                    FinancialSeries.Fill(b, e, FinancialItem.Ebitda, basis, v);
                    FinancialSeries.Fill(b, e, FinancialItem.Opex, basis, opex);
                    FinancialSeries.Fill(b, e, FinancialItem.Revenue, basis, revenue);
                    FinancialSeries.Fill(b, e, FinancialItem.Capex, basis, capex);
                    var total = b.Cell(Metric.TotalClimateCostCny, e);
                    for (var p = 0; p < b.Paths; p++)
                    {
                        v[p].Should().Be(opex[p] + revenue[p]);
                        if (basis == FinancialBasis.Gross)
                        {
                            // Nothing lost in the mapping: OpEx + revenue + CapEx is the total climate cost.
                            (opex[p] + revenue[p] + capex[p]).Should().BeApproximately(total[p], 1e-9 * (1 + Math.Abs(total[p])));
                        }
                    }
                }
            }
        });
        anyRecovery.Should().BeTrue("the test must exercise both covers");
    }

    [Fact]
    public void A_higher_deductible_never_lowers_the_retained_loss_of_any_path()
    {
        var low = KernelHarness.PathValues(Inputs(Cover), Settings, 2036, Metric.RetainedLossCny, 0);
        var high = KernelHarness.PathValues(Inputs(Cover with { PropertyDeductibleCny = 20e6 }), Settings, 2036, Metric.RetainedLossCny, 0);
        var none = KernelHarness.PathValues(Inputs(null), Settings, 2036, Metric.RetainedLossCny, 0);
        var raised = 0;
        for (var p = 0; p < low.Length; p++)
        {
            high[p].Should().BeGreaterThanOrEqualTo(low[p]);
            none[p].Should().BeGreaterThanOrEqualTo(high[p]);
            raised += high[p] > low[p] ? 1 : 0;
        }

        raised.Should().BePositive("some paths must have a loss between the two deductibles");
    }

    [Fact]
    public void Without_insurance_net_equals_gross_everywhere()
    {
        var result = Simulator.Run(Inputs(null), Settings);
        result.Financial.Should().HaveCount(2 * 3 * 3 * 4 * 2);
        foreach (var net in result.Financial.Where(f => f.Basis == FinancialBasis.Net))
        {
            var gross = result.Financial.Single(f => f.ScenarioId == net.ScenarioId && f.EntityId == net.EntityId && f.Year == net.Year && f.Item == net.Item && f.Basis == FinancialBasis.Gross);
            net.Statistics.Should().Be(gross.Statistics);
        }

        result.Cells.Where(c => c.Metric is Metric.InsuredPropertyCny or Metric.InsuredBiCny).Should().OnlyContain(c => c.Statistics.Mean == 0 && c.Statistics.P99 == 0);
    }

    [Fact]
    public void EBITDA_mean_is_OpEx_plus_revenue_and_net_OpEx_carries_the_hand_computed_premium_change()
    {
        var result = Simulator.Run(Inputs(Cover), Settings);
        FinancialEffect Row(string scenario, string entity, int? year, FinancialItem item, FinancialBasis basis)
            => result.Financial.Single(f => f.ScenarioId == scenario && f.EntityId == entity && f.Year == year && f.Item == item && f.Basis == basis);
        double Mean(string scenario, string entity, int year, Metric metric)
            => result.Cells.Single(c => c.ScenarioId == scenario && c.EntityId == entity && c.Year == year && c.Metric == metric).Statistics.Mean;
        double Eil(string scenario, string site, int year) => Mean(scenario, site, year, Metric.InsuredPropertyCny) + Mean(scenario, site, year, Metric.InsuredBiCny);

        foreach (var scenario in result.ScenarioIds)
        {
            // ΔP(t) = 1.3 · (mean EIL over [t − 5, t − 1] − mean EIL over [2029, 2033]) once t − 5 ≥ 2029, by site; the portfolio's is the sum.
            double Window(string site, int last) => Enumerable.Range(last - 4, 5).Average(y => Eil(scenario, site, y));
            double Change(string site, int year) => year - 5 < 2029 ? 0 : 1.3 * (Window(site, year - 1) - Window(site, 2033));
            var npvChange = new[] { "a", "b" }.Sum(site => Enumerable.Range(2029, 8).Sum(y => Change(site, y) * Math.Pow(1.06, -(y - 2029))));

            foreach (var entity in new[] { "a", "b", SimulationResult.PortfolioId })
            {
                foreach (int? year in new int?[] { 2030, 2036, null })
                {
                    foreach (var basis in FinancialEffects.Bases)
                    {
                        var ebitda = Row(scenario, entity, year, FinancialItem.Ebitda, basis).Statistics.Mean;
                        var sum = Row(scenario, entity, year, FinancialItem.Opex, basis).Statistics.Mean + Row(scenario, entity, year, FinancialItem.Revenue, basis).Statistics.Mean;
                        ebitda.Should().BeApproximately(sum, 1e-9 * Math.Abs(sum));
                    }

                    var expected = entity == SimulationResult.PortfolioId
                        ? (year is { } y ? Change("a", y) + Change("b", y) : npvChange)
                        : (year is { } t ? Change(entity, t) : Enumerable.Range(2029, 8).Sum(z => Change(entity, z) * Math.Pow(1.06, -(z - 2029))));
                    var netOpex = Row(scenario, entity, year, FinancialItem.Opex, FinancialBasis.Net).Statistics;
                    var grossOpex = Row(scenario, entity, year, FinancialItem.Opex, FinancialBasis.Gross).Statistics;
                    (netOpex.Mean - grossOpex.Mean).Should().BeApproximately(expected, 1e-6 * (1 + Math.Abs(expected)));
                    (netOpex.P95 - grossOpex.P95).Should().BeApproximately(expected, 1e-6 * (1 + Math.Abs(expected)));
                    netOpex.StandardError.Should().Be(grossOpex.StandardError);

                    // Insurance lowers the net revenue and CapEx effects, never raises them.
                    Row(scenario, entity, year, FinancialItem.Revenue, FinancialBasis.Net).Statistics.Mean.Should().BeLessThanOrEqualTo(Row(scenario, entity, year, FinancialItem.Revenue, FinancialBasis.Gross).Statistics.Mean);
                    Row(scenario, entity, year, FinancialItem.Capex, FinancialBasis.Net).Statistics.Mean.Should().BeLessThan(Row(scenario, entity, year, FinancialItem.Capex, FinancialBasis.Gross).Statistics.Mean);
                }
            }

            Change("a", 2036).Should().NotBe(0, "the lagged premium change must be exercised");
        }
    }

    [Fact]
    public void Baselines_give_the_percentage_revenue_for_revenue_and_EBITDA_otherwise()
    {
        var result = Simulator.Run(Inputs(Cover), Settings);
        var revenue = result.Financial.First(f => f.EntityId == SimulationResult.PortfolioId && f.Year == 2030 && f.Item == FinancialItem.Revenue);
        revenue.BaselineCny.Should().Be(2.0e9);
        revenue.MeanPercentOfBaseline.Should().BeApproximately(100 * revenue.Statistics.Mean / 2.0e9, 1e-12);
        result.Financial.First(f => f.EntityId == "a" && f.Year == 2030 && f.Item == FinancialItem.Ebitda).BaselineCny.Should().BeApproximately(0.24e9, 1);
        var annuity = Enumerable.Range(0, 8).Sum(t => Math.Pow(1.06, -t));
        result.Financial.First(f => f.EntityId == "b" && f.Year is null && f.Item == FinancialItem.Opex).BaselineCny.Should().BeApproximately(0.2e9 * annuity, 1e-3);
    }

    [Fact]
    public void Shards_merged_give_the_financial_effects_of_one_run()
    {
        var exact = Simulator.Run(Inputs(Cover), Settings);
        var shards = Enumerable.Range(0, 3).Select(i =>
        {
            long first = (long)i * Settings.Paths / 3;
            long next = (long)(i + 1) * Settings.Paths / 3;
            return Simulator.RunShard(Inputs(Cover), Settings with { FirstPath = first, Paths = (int)(next - first) });
        }).ToArray();
        var merged = ShardResult.Merge(shards).ToResult();
        merged.Financial.Should().HaveCount(exact.Financial.Count);
        for (var i = 0; i < exact.Financial.Count; i++)
        {
            var a = exact.Financial[i];
            var b = merged.Financial[i];
            (b.ScenarioId, b.EntityId, b.Year, b.Item, b.Basis).Should().Be((a.ScenarioId, a.EntityId, a.Year, a.Item, a.Basis));
            b.Statistics.Mean.Should().BeApproximately(a.Statistics.Mean, 1e-9 * (1 + Math.Abs(a.Statistics.Mean)));
            b.Statistics.StandardError.Should().BeApproximately(a.Statistics.StandardError, 1e-9 * (1 + a.Statistics.StandardError));
            b.Statistics.P95.Should().BeApproximately(a.Statistics.P95, (0.011 * Math.Abs(a.Statistics.P95)) + 1);
        }
    }
}
