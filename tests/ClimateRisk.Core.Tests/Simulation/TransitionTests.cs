using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// With a flat climate, no interannual anomaly and all transition σ = 0, every transition
/// quantity of MODEL §10 is deterministic: compare with a hand calculation.
/// </summary>
public class TransitionTests
{
    [Theory]
    [InlineData(2025)]
    [InlineData(2030)]
    [InlineData(2044)]
    public void Energy_emissions_carbon_cost_and_surcharge_equal_the_hand_calculation(int year)
    {
        var site = SyntheticInputs.Site() with
        {
            RenewableShare = new YearCurve([(2023, 0.1), (2030, 0.5), (2050, 1.0)]),
            LoadGrowth = 0.05,
        };
        var beijing = new PueRule { Jurisdiction = "none", FromYear = 2026, LimitPue = 1.35, SurchargeCnyPerKwh = 0.2, Tier2ExcessFraction = 1, Tier2SurchargeCnyPerKwh = 0.5 };
        var scenario = SyntheticInputs.Scenario();
        var settings = new SimulationSettings { Paths = 10, FirstYear = 2025, LastYear = 2050, Horizons = [] };
        var result = Simulator.Run(SyntheticInputs.Inputs([site], [scenario], [beijing]), settings);
        double Value(Metric m)
        {
            var s = result.Cells.Single(c => c.EntityId == site.Id && c.Year == year && c.Metric == m).Statistics;
            s.StandardDeviation.Should().BeLessThan(1e-9 * Math.Max(1, Math.Abs(s.Mean)), $"{m} is deterministic here");
            return s.Mean;
        }

        var itEnergy = 3 * 8760 * Math.Pow(1.05, year - 2023);
        const double Pue = 1.36;
        var facility = itEnergy * Pue;
        var renewable = year <= 2030 ? 0.1 + (0.4 * (year - 2023) / 7) : 0.5 + (0.5 * (year - 2030) / 20);
        var ef = 0.6 * Math.Pow(0.97, year - 2023);
        var carbonPrice = year <= 2030 ? 70 + (130.0 * (year - 2023) / 7) : 200 + (400.0 * (year - 2030) / 20);
        var coverage = 0.1 + (0.7 * (year - 2023) / 27);
        var price = PerilReferenceTests.Price(site, scenario, year);
        var scope2Market = facility * (1 - renewable) * ef;

        Value(Metric.Pue).Should().BeApproximately(Pue, 1e-9);
        Value(Metric.PueDrift).Should().BeApproximately(0, 1e-6);
        Value(Metric.FacilityEnergyMwh).Should().BeApproximately(facility, 1e-9 * facility);
        Value(Metric.Scope2LocationT).Should().BeApproximately(facility * ef, 1e-9 * facility);
        Value(Metric.Scope2MarketT).Should().BeApproximately(scope2Market, 1e-9 * facility);
        var carbonCost = coverage * carbonPrice * (site.Scope1T + scope2Market);
        Value(Metric.CarbonCostCny).Should().BeApproximately(carbonCost, 1e-9 * carbonCost);
        Value(Metric.EnergyCostCny).Should().BeApproximately(facility * price, 1e-9 * facility * price);
        Value(Metric.RenewablePremiumCny).Should().BeApproximately(renewable * facility * 30, 1e-9 * renewable * facility * 30);
        var surcharge = year >= 2026 ? itEnergy * (Pue - 1.35) * 200 : 0;
        // PUE − limit = 0.01 comes from a calibrated A_s(0) exact to ~1e-12, so the surcharge is exact to ~1e-9 relative.
        Value(Metric.PueSurchargeCny).Should().BeApproximately(surcharge, 1e-8 * itEnergy * 0.01 * 200);
        Value(Metric.PueLimitBreach).Should().Be(year >= 2026 ? 1 : 0);
    }

    [Fact]
    public void The_tier_two_rate_applies_when_pue_exceeds_the_limit_by_more_than_the_excess_fraction()
    {
        var site = SyntheticInputs.Site() with { ReportedPue = 2.0 };
        var rule = new PueRule { Jurisdiction = "none", FromYear = 2026, LimitPue = 1.35, SurchargeCnyPerKwh = 0.2, Tier2ExcessFraction = 0.4, Tier2SurchargeCnyPerKwh = 0.5 };
        var settings = new SimulationSettings { Paths = 4, FirstYear = 2030, LastYear = 2030, Horizons = [] };
        var result = Simulator.Run(SyntheticInputs.Inputs([site], null, [rule]), settings);
        var surcharge = result.Cells.Single(c => c.EntityId == site.Id && c.Metric == Metric.PueSurchargeCny).Statistics.Mean;
        // 2.0 > 1.35 · 1.4 = 1.89 ⇒ 0.5 CNY/kWh on E_IT·(PUE − L).
        surcharge.Should().BeApproximately(3 * 8760 * (2.0 - 1.35) * 500, 1e-3);
    }
}
