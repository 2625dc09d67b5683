using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// The year-keyed grid-factor path and the regional pilot ETS of MODEL §10, with all σ = 0 so
/// that emissions and carbon cost are deterministic: compared with the closed forms.
/// </summary>
public class GridPathAndPilotTests
{
    private static readonly SimulationSettings Years = new() { Paths = 4, FirstYear = 2025, LastYear = 2050, Horizons = [] };

    /// <summary>default: 1 (2023) → 0.86 (2030) → 0.2 (2050); grid "green": 1 (2023) → 0.5 (2030), flat after.</summary>
    private static Scenario Indexed() => SyntheticInputs.Scenario() with
    {
        GridDeclineRate = null,
        GridFactorIndex = new Dictionary<string, YearCurve>
        {
            [Scenario.DefaultGridKey] = new([(2023, 1.0), (2030, 0.86), (2050, 0.2)]),
            ["green"] = new([(2023, 1.0), (2030, 0.5)]),
        },
    };

    /// <summary>g(t) by hand: linear between the given years, flat after the last.</summary>
    private static double DefaultIndex(int year) => year <= 2030
        ? 1 + ((0.86 - 1) * (year - 2023) / 7.0)
        : 0.86 + ((0.2 - 0.86) * (year - 2030) / 20.0);

    private static double GreenIndex(int year) => year <= 2030 ? 1 + ((0.5 - 1) * (year - 2023) / 7.0) : 0.5;

    [Theory]
    [InlineData(2023)]
    [InlineData(2027)]
    [InlineData(2030)]
    [InlineData(2041)]
    [InlineData(2050)]
    [InlineData(2060)]
    public void Index_multiplier_is_linear_between_the_given_years_and_flat_outside(int year)
    {
        var scenario = Indexed();
        scenario.GridFactorMultiplier("grid", year).Should().BeApproximately(DefaultIndex(Math.Min(year, 2050)), 1e-15);
        scenario.GridFactorMultiplier("green", year).Should().BeApproximately(GreenIndex(year), 1e-15);
    }

    [Fact]
    public void Index_takes_the_given_value_at_the_given_years()
    {
        var scenario = Indexed();
        scenario.GridFactorMultiplier("grid", 2023).Should().Be(1.0);
        scenario.GridFactorMultiplier("grid", 2030).Should().BeApproximately(0.86, 1e-15);
        scenario.GridFactorMultiplier("grid", 2050).Should().BeApproximately(0.2, 1e-15);
        scenario.GridFactorMultiplier("green", 2030).Should().BeApproximately(0.5, 1e-15);
    }

    [Theory]
    [InlineData(2023)]
    [InlineData(2031)]
    [InlineData(2050)]
    public void Constant_rate_multiplier_is_one_minus_r_to_the_years_since_2023(int year)
        => SyntheticInputs.Scenario().GridFactorMultiplier("grid", year).Should().Be(Math.Pow(0.97, year - 2023));

    [Fact]
    public void Neither_or_both_forms_are_refused()
    {
        var neither = SyntheticInputs.Scenario() with { GridDeclineRate = null };
        var both = Indexed() with { GridDeclineRate = 0.03 };
        var noDefault = Indexed() with { GridFactorIndex = new Dictionary<string, YearCurve> { ["green"] = YearCurve.Constant(1) } };
        FluentActions.Invoking(() => neither.GridFactorMultiplier("grid", 2030)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => both.GridFactorMultiplier("grid", 2030)).Should().Throw<InvalidOperationException>();
        FluentActions.Invoking(() => noDefault.GridFactorMultiplier("grid", 2030)).Should().Throw<InvalidOperationException>();
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2027)]
    [InlineData(2030)]
    [InlineData(2044)]
    [InlineData(2050)]
    public void Simulated_scope2_follows_each_grids_own_path(int year)
    {
        var plain = SyntheticInputs.Site("plain");
        var green = SyntheticInputs.Site("green-site", lat: 39.9) with { Grid = "green" };
        var result = Simulator.Run(SyntheticInputs.Inputs([plain, green], [Indexed()]), Years);

        // Scope 2 (location) = E_IT · PUE · EF_s(t0) · g(t): 3 MW, no load growth, PUE 1.36, EF 0.6.
        var facility = 3 * 8760 * 1.36;
        Mean(result, plain.Id, year, Metric.Scope2LocationT).Should().BeApproximately(facility * 0.6 * DefaultIndex(year), 1e-9 * facility);
        Mean(result, green.Id, year, Metric.Scope2LocationT).Should().BeApproximately(facility * 0.6 * GreenIndex(year), 1e-9 * facility);
    }

    [Fact]
    public void An_index_equal_to_the_constant_rate_at_every_year_gives_the_constant_rate_results()
    {
        var constant = SyntheticInputs.Scenario() with { GridSigma = 0.2, CarbonPriceSigma = 0.3, ElectricitySigma = 0.1 };
        var points = Enumerable.Range(2023, 28).Select(y => (y, Math.Pow(0.97, y - 2023))).ToArray();
        var indexed = constant with { GridDeclineRate = null, GridFactorIndex = new Dictionary<string, YearCurve> { [Scenario.DefaultGridKey] = new(points) } };
        var site = SyntheticInputs.Site() with { Climate = SyntheticInputs.Climate(interannualSd: 0.6) };
        var settings = Years with { Paths = 64 };
        var a = Simulator.Run(SyntheticInputs.Inputs([site], [constant]), settings);
        var b = Simulator.Run(SyntheticInputs.Inputs([site], [indexed]), settings);
        foreach (var (x, y) in a.Cells.Zip(b.Cells))
        {
            (x.EntityId, x.Year, x.Metric).Should().Be((y.EntityId, y.Year, y.Metric));
            y.Statistics.Mean.Should().BeApproximately(x.Statistics.Mean, 1e-12 * Math.Max(1, Math.Abs(x.Statistics.Mean)), $"{x.Metric} {x.Year}");
        }
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2030)]
    [InlineData(2049)]
    public void A_pilot_prices_the_share_the_national_scheme_does_not_cover(int year)
    {
        var site = SyntheticInputs.Site() with { CarbonPilot = "bj" };
        var pilot = new CarbonPilot { Jurisdiction = "bj", PriceCnyPerT = new YearCurve([(2024, 100), (2040, 150)]), Coverage = YearCurve.Constant(0.05), ThresholdT = 5000 };
        var scenario = SyntheticInputs.Scenario();
        var result = Simulator.Run(SyntheticInputs.Inputs([site]) with { CarbonPilots = new Dictionary<string, CarbonPilot> { ["bj"] = pilot } }, Years);

        // cost = [c_k(t) · C(t) + (1 − c_k(t)) · cov_j · P_j(t)] · (Scope 1 + Scope 2 market).
        var facility = 3 * 8760 * 1.36;
        var scope2Market = facility * 0.6 * Math.Pow(0.97, year - 2023) * (1 - site.RenewableShare.At(year));
        var national = year <= 2030 ? 70 + (130.0 * (year - 2023) / 7) : 200 + (400.0 * (year - 2030) / 20);
        var coverage = 0.1 + (0.7 * (year - 2023) / 27);
        var pilotPrice = year >= 2040 ? 150 : 100 + (50.0 * (year - 2024) / 16);
        var expected = ((coverage * national) + ((1 - coverage) * 0.05 * pilotPrice)) * (site.Scope1T + scope2Market);
        Mean(result, site.Id, year, Metric.CarbonCostCny).Should().BeApproximately(expected, 1e-9 * expected);
    }

    [Fact]
    public void A_site_below_the_pilot_threshold_pays_the_national_price_only()
    {
        var site = SyntheticInputs.Site() with { CarbonPilot = "bj" };
        var emissions = CarbonPilot.BaseYearEmissionsT(site);
        // Closed form: Scope 1 + 3 MW · 8760 h · 1.36 · 0.6 t/MWh · (1 − share in 2023).
        emissions.Should().BeApproximately(site.Scope1T + (3 * 8760 * 1.36 * 0.6 * (1 - site.RenewableShare.At(2023))), 1e-9);
        var above = new CarbonPilot { Jurisdiction = "bj", PriceCnyPerT = YearCurve.Constant(100), Coverage = YearCurve.Constant(1), ThresholdT = emissions * 1.001 };
        above.Covers(site).Should().BeFalse();
        (above with { ThresholdT = emissions }).Covers(site).Should().BeTrue();

        var withPilot = Simulator.Run(SyntheticInputs.Inputs([site]) with { CarbonPilots = new Dictionary<string, CarbonPilot> { ["bj"] = above } }, Years);
        var without = Simulator.Run(SyntheticInputs.Inputs([site with { CarbonPilot = null }]), Years);
        Mean(withPilot, site.Id, 2030, Metric.CarbonCostCny).Should().Be(Mean(without, site.Id, 2030, Metric.CarbonCostCny));
    }

    private static double Mean(SimulationResult result, string entity, int year, Metric metric)
        => result.Cells.Single(c => c.EntityId == entity && c.Year == year && c.Metric == metric).Statistics.Mean;
}
