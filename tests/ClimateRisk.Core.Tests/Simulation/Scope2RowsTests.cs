using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Statistics;
using ClimateRisk.Core.Tests.Properties;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// A site's Scope 2 market row made from its location-based row (<see cref="Scope2Rows"/>)
/// against the row the kernel writes, and the simulator's two Scope 2 cells in the years the
/// kernel leaves the market row unwritten against <see cref="SampleSummary.Summarize"/> on the
/// kernel's own rows — on the bundled portfolio, whose sites buy green power in some years
/// (market below location) and not in others (market = location).
/// </summary>
public class Scope2RowsTests
{
    // Three full blocks and a short one.
    private const int Paths = 1000;

    [Fact]
    public void The_market_row_made_from_the_location_row_is_the_kernels_row_bit_for_bit()
    {
        var inputs = RandomPortfolio.Bundled;
        var settings = new SimulationSettings { Paths = Paths, FirstYear = 2025, LastYear = 2050, Seed = 11 };
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var scratch = new KernelScratch(sites.Length);
        var row = new double[Paths];
        var below = 0;
        for (var k = 0; k < inputs.Scenarios.Count; k++)
        {
            var scenario = new ScenarioPlan(inputs.Scenarios[k], inputs, settings);
            foreach (var year in new[] { 2026, 2038, 2050 })
            {
                var t = year - settings.FirstYear;
                var full = new PathBuffers(sites.Length, Paths);
                var mapped = new PathBuffers(sites.Length, Paths, climatePueRows: true);
                var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(settings.Seed), mapped);
                var reference = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(settings.Seed), full);
                KernelHarness.EvaluateAll(reference, Paths, 0, t, year, scratch);
                KernelHarness.EvaluateAll(kernel, Paths, 0, t, year, scratch, mapRows: true);

                for (var s = 0; s < sites.Length; s++)
                {
                    var rows = new Scope2Rows(sites[s], t);
                    rows.IsNonDecreasing.Should().BeTrue($"the renewable share of {inputs.Sites[s].Id} is at most 1");
                    var location = mapped.Cell(Metric.Scope2LocationT, s);
                    Exact.Bits(location).Should().Equal(Exact.Bits(full.Cell(Metric.Scope2LocationT, s)), "the location row is still written");
                    rows.KeepsOrderFrom(location.ToArray().Min()).Should().BeTrue("location-based emissions are positive");

                    rows.Fill(Metric.Scope2MarketT, location, row);
                    Exact.Bits(row).Should().Equal(Exact.Bits(full.Cell(Metric.Scope2MarketT, s)), $"market of {inputs.Sites[s].Id}, scenario {k}, {year}");
                    Exact.Bits(mapped.Cell(Metric.Scope2MarketT, s)).Should().OnlyContain(b => b == 0, "the kernel leaves the market row unwritten");
                    below += row[0] < location[0] ? 1 : 0;

                    // A span that ends in a part register: its last values go one at a time.
                    rows.Fill(Metric.Scope2MarketT, location[..(Paths - 3)], row);
                    Exact.Bits(row.AsSpan(0, Paths - 3)).Should().Equal(Exact.Bits(full.Cell(Metric.Scope2MarketT, s)[..(Paths - 3)]));
                }

                // The portfolio's market row is the sites' sum, made in the kernel as before.
                Exact.Bits(mapped.Cell(Metric.Scope2MarketT, sites.Length)).Should().Equal(Exact.Bits(full.Cell(Metric.Scope2MarketT, sites.Length)));
            }
        }

        below.Should().BeGreaterThan(0, "some site-years buy green power, so the market row is not the location row");
    }

    [Fact]
    public void The_simulators_scope2_cells_are_summarize_on_the_kernels_rows_bit_for_bit()
    {
        var inputs = RandomPortfolio.Bundled;
        var settings = new SimulationSettings { Paths = 2000, FirstYear = 2025, LastYear = 2032, Seed = 5, Horizons = [2030] };
        var result = Simulator.Run(inputs, settings);
        var cells = result.Cells.ToDictionary(c => (c.ScenarioId, c.EntityId, c.Year, c.Metric), c => c.Statistics);
        var compared = 0;
        var differing = 0;

        // 2026 and 2031 are mapped from the location row; 2030, a horizon, stored.
        KernelHarness.ForEachScenarioYear(inputs, settings, [2026, 2030, 2031], (k, year, buffers) =>
        {
            for (var s = 0; s < inputs.Sites.Count; s++)
            {
                foreach (var metric in Scope2Rows.Metrics)
                {
                    var values = buffers.Cell(metric, s);
                    var expected = SampleSummary.Summarize(values, ThresholdOf(inputs, metric), new double[values.Length]);
                    var actual = cells[(inputs.Scenarios[k].Id, inputs.Sites[s].Id, year, metric)];
                    Exact.Fields(actual).Should().Equal(Exact.Fields(expected), $"{metric} of {inputs.Sites[s].Id}, scenario {k}, {year}");
                    compared++;
                }

                differing += cells[(inputs.Scenarios[k].Id, inputs.Sites[s].Id, year, Metric.Scope2MarketT)].Mean
                    < cells[(inputs.Scenarios[k].Id, inputs.Sites[s].Id, year, Metric.Scope2LocationT)].Mean ? 1 : 0;
            }
        });

        compared.Should().Be(3 * inputs.Scenarios.Count * inputs.Sites.Count * 2);
        differing.Should().BeGreaterThan(0);
    }

    [Fact]
    public void A_renewable_share_above_one_refuses_the_shared_selection()
    {
        var inputs = RandomPortfolio.Bundled;
        var settings = new SimulationSettings { Paths = Paths, FirstYear = 2025, LastYear = 2050 };
        var plan = new SitePlan(inputs.Sites[0], inputs, settings);
        new Scope2Rows(plan, 3).IsNonDecreasing.Should().BeTrue();

        // 1 − 1.5 < 0 would reverse the order; 1 − 1 = +0 keeps it (every market value +0).
        plan.RenewableShare[3] = 1.5;
        new Scope2Rows(plan, 3).IsNonDecreasing.Should().BeFalse();
        plan.RenewableShare[3] = 1.0;
        new Scope2Rows(plan, 3).IsNonDecreasing.Should().BeTrue();
        var row = new double[3];
        new Scope2Rows(plan, 3).Fill(Metric.Scope2MarketT, [1.0, 2.0, 3.0], row);
        Exact.Bits(row).Should().OnlyContain(b => b == 0, "+0, never −0");
    }

    private static double ThresholdOf(ModelInputs inputs, Metric metric)
        => inputs.Thresholds.FirstOrDefault(t => t.Metric == metric.Name() && t.Level == "site")?.Materiality ?? double.NaN;
}
