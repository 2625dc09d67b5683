using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Properties;

/// <summary>
/// More warming never lowers PUE drift, on common random numbers: a scenario whose warming
/// pathway is another's plus a non-negative, growing shift gives every path a higher site
/// warming (the path's z and the interannual anomaly are the same draws), and A_s rises with
/// the shift (MODEL §4), so drift is higher path by path, and so is its mean.
/// </summary>
public sealed class WarmingMonotonicityTests
{
    private const string Warmer = "SSP2-4.5+0.6";

    /// <summary>The bundled NDCs scenario and a copy on SSP2-4.5 shifted up by 0.6 °C × (t − 2023)/27 after 2023.</summary>
    private static ModelInputs WithWarmerTwin(ModelInputs inputs)
    {
        static YearCurve Shift(YearCurve curve) => new(curve.Points.Select(p => (p.Year, p.Value + (0.6 * Math.Max(0, p.Year - SimulationSettings.BaseYear) / 27.0))).ToArray());
        var baseScenario = inputs.Scenarios.Single(s => s.Id == "ngfs-ndcs");
        var ssp = inputs.Warming[baseScenario.Ssp];
        var warming = new Dictionary<string, WarmingPathway>(inputs.Warming)
        {
            [Warmer] = ssp with { Ssp = Warmer, MedianC = Shift(ssp.MedianC), Q05C = Shift(ssp.Q05C), Q95C = Shift(ssp.Q95C) },
        };
        var seaLevel = new Dictionary<string, SeaLevelPathway>(inputs.SeaLevel) { [Warmer] = inputs.SeaLevel[baseScenario.Ssp] with { Ssp = Warmer } };
        return inputs with
        {
            Warming = warming,
            SeaLevel = seaLevel,
            Scenarios = [baseScenario, baseScenario with { Id = "warmer", Ssp = Warmer }],
        };
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void A_warmer_pathway_never_lowers_pue_drift_on_any_path(int seed)
    {
        var inputs = WithWarmerTwin(RandomPortfolio.Generate(seed));
        var settings = new SimulationSettings { Paths = 500, FirstYear = 2025, LastYear = 2050, Seed = (ulong)seed };
        int[] years = [2025, 2030, 2040, 2050];
        var drift = new Dictionary<(int Scenario, int Year), double[][]>();

        KernelHarness.ForEachScenarioYear(inputs, settings, years, (k, year, buffers) =>
            drift[(k, year)] = Enumerable.Range(0, inputs.Sites.Count + 1).Select(e => buffers.Cell(Metric.PueDrift, e).ToArray()).ToArray());

        var lower = 0;
        foreach (var year in years)
        {
            for (var e = 0; e <= inputs.Sites.Count; e++)
            {
                var cooler = drift[(0, year)][e];
                var warmer = drift[(1, year)][e];
                lower += cooler.Zip(warmer).Count(p => p.Second < p.First - 1e-12);
                warmer.Average().Should().BeGreaterThanOrEqualTo(cooler.Average(), $"mean drift of entity {e} in {year}");
            }
        }

        lower.Should().Be(0, "no path's drift falls when the pathway warms more");
    }

    [Fact]
    public void The_high_emission_scenario_has_the_higher_expected_drift_at_every_site_by_2050()
    {
        var inputs = RandomPortfolio.Bundled;
        var result = Simulator.Run(inputs with { Scenarios = inputs.Scenarios.Where(s => s.Id is "ngfs-net-zero-2050" or "ssp5-85-physical-stress").ToArray() },
            new SimulationSettings { Paths = 1_000, FirstYear = 2050, LastYear = 2050, Workers = 1 });
        double Drift(string scenario, string entity) => result.Cells.Single(c => c.ScenarioId == scenario && c.EntityId == entity && c.Metric == Metric.PueDrift).Statistics.Mean;

        foreach (var entity in result.SiteIds.Append(SimulationResult.PortfolioId))
        {
            Drift("ssp5-85-physical-stress", entity).Should().BeGreaterThan(Drift("ngfs-net-zero-2050", entity), entity);
        }
    }

    [Fact]
    public void Pue_curve_table_rises_with_the_shift()
    {
        foreach (var site in RandomPortfolio.Generate(24).Sites)
        {
            var curve = Core.Climate.PueCurve.Calibrate(site.Cooling, site.Climate, site.ReportedPue);
            var previous = double.NegativeInfinity;
            for (var delta = Core.Climate.PueCurve.MinDeltaC - 1; delta <= Core.Climate.PueCurve.MaxDeltaC + 1; delta += 0.013)
            {
                var value = curve.Lookup(delta);
                value.Should().BeGreaterThanOrEqualTo(previous, $"{site.Id} at Δ = {delta}");
                previous = value;
            }
        }
    }
}
