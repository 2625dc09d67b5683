using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Random;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Statistics;
using ClimateRisk.Core.Tests.Properties;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// A site's six PUE rows made from its climate PUE (<see cref="PueRows"/>) against the rows the
/// kernel writes, and the simulator's PUE cells and a horizon's OpEx, made from the climate PUE
/// the kernel keeps instead, against <see cref="SampleSummary.Summarize"/> on the kernel's own rows — on the bundled
/// portfolio, whose Beijing site pays the surcharge in both tiers in some scenarios.
/// </summary>
public class PueRowsTests
{
    // Three full blocks and a short one.
    private const int Paths = 1000;

    [Fact]
    public void Rows_made_from_the_climate_pue_are_the_kernels_rows_bit_for_bit()
    {
        var inputs = RandomPortfolio.Bundled;
        var settings = new SimulationSettings { Paths = Paths, FirstYear = 2025, LastYear = 2050, Seed = 11 };
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();

        // The bundled tier 2 (twice the limit) is out of reach and most rules carry no price:
        // a second tier just above every limit and a price on both, so every branch is taken.
        foreach (var plan in sites)
        {
            for (var t = 0; t < plan.LimitPue.Length; t++)
            {
                if (!double.IsNaN(plan.LimitPue[t]))
                {
                    plan.Tier2Pue[t] = plan.LimitPue[t] + 0.02;
                    plan.RateCnyPerMwh[t] = 200;
                    plan.Tier2RateCnyPerMwh[t] = 500;
                }
            }
        }

        var scratch = new KernelScratch(sites.Length);
        var row = new double[Paths];
        var breachRows = 0;
        var tier2Paths = 0;
        for (var k = 0; k < inputs.Scenarios.Count; k++)
        {
            var scenario = new ScenarioPlan(inputs.Scenarios[k], inputs, settings);
            foreach (var year in new[] { 2026, 2038, 2050 })
            {
                var t = year - settings.FirstYear;
                var full = new PathBuffers(sites.Length, Paths);
                var kept = new PathBuffers(sites.Length, Paths, climatePueRows: true);
                KernelHarness.EvaluateAll(new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(settings.Seed), full), Paths, 0, t, year, scratch);
                var kernel = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(settings.Seed), kept, accumulateFinancialNpv: true);
                var reference = new PathKernel(sites, scenario, inputs.HeavyPrecipitationMultiplier, new CounterRng(settings.Seed), full, accumulateFinancialNpv: true);
                full.Npv.Clear();
                full.FinancialNpv.Clear();
                KernelHarness.EvaluateAll(reference, Paths, 0, t, year, scratch);
                KernelHarness.EvaluateAll(kernel, Paths, 0, t, year, scratch, mapRows: true);

                for (var s = 0; s < sites.Length; s++)
                {
                    var rows = new PueRows(sites[s], scenario, t);
                    rows.IsNonDecreasing.Should().BeTrue($"the bundled terms of {inputs.Sites[s].Id} keep every row's order");
                    foreach (var metric in PueRows.Metrics)
                    {
                        rows.Fill(metric, kept.ClimatePueRow(s), row);
                        Exact.Bits(row).Should().Equal(Exact.Bits(full.Cell(metric, s)), $"{metric} of {inputs.Sites[s].Id}, scenario {k}, {year}");

                        // A span that ends in a part register: its last values go one at a time.
                        rows.Fill(metric, kept.ClimatePueRow(s)[..(Paths - 3)], row);
                        Exact.Bits(row.AsSpan(0, Paths - 3)).Should().Equal(Exact.Bits(full.Cell(metric, s)[..(Paths - 3)]), $"{metric} of {inputs.Sites[s].Id}, scenario {k}, {year}, 997 values");
                        Exact.Bits(kept.Cell(metric, s)).Should().OnlyContain(b => b == 0, "the kernel leaves the six rows unwritten");
                    }

                    var breach = full.Cell(Metric.PueLimitBreach, s).ToArray();
                    breachRows += breach.Distinct().Count() > 1 ? 1 : 0;
                    tier2Paths += full.Cell(Metric.Pue, s).ToArray().Count(pue => pue > sites[s].Tier2Pue[t]);
                }

                // Everything else, the portfolio's PUE rows and the NPVs as a full write leaves them.
                for (var m = 0; m < MetricNames.Count; m++)
                {
                    for (var e = 0; e < full.Entities; e++)
                    {
                        if (e < sites.Length && (PueRows.Holds((Metric)m) || Scope2Rows.Derived((Metric)m)))
                        {
                            continue;
                        }

                        Exact.Bits(kept.Cell((Metric)m, e)).Should().Equal(Exact.Bits(full.Cell((Metric)m, e)), $"{(Metric)m} of entity {e}");
                    }
                }

                Exact.Bits(kept.Npv).Should().Equal(Exact.Bits(full.Npv));
                Exact.Bits(kept.FinancialNpv).Should().Equal(Exact.Bits(full.FinancialNpv));
            }
        }

        // Not a test of constant rows only: some paths breach the limit, and some pay tier 2.
        breachRows.Should().BeGreaterThan(0);
        tier2Paths.Should().BeGreaterThan(0);
    }

    [Fact]
    public void The_simulators_pue_cells_are_summarize_on_the_kernels_rows_bit_for_bit()
    {
        var inputs = RandomPortfolio.Bundled;
        var settings = new SimulationSettings { Paths = 2000, FirstYear = 2025, LastYear = 2032, Seed = 5, Horizons = [2030] };
        var result = Simulator.Run(inputs, settings);
        var sites = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).ToArray();
        var cells = result.Cells.ToDictionary(c => (c.ScenarioId, c.EntityId, c.Year, c.Metric), c => c.Statistics);
        var compared = 0;
        var varying = 0;

        // 2026 and 2031 are kept as climate PUE; 2030, a horizon, as rows.
        KernelHarness.ForEachScenarioYear(inputs, settings, [2026, 2030, 2031], (k, year, buffers) =>
        {
            for (var s = 0; s < sites.Length; s++)
            {
                foreach (var metric in PueRows.Metrics)
                {
                    var values = buffers.Cell(metric, s);
                    var expected = SampleSummary.Summarize(values, Threshold(inputs, sites[s], metric, year - settings.FirstYear), new double[values.Length]);
                    var actual = cells[(inputs.Scenarios[k].Id, inputs.Sites[s].Id, year, metric)];
                    Exact.Fields(actual).Should().Equal(Exact.Fields(expected), $"{metric} of {inputs.Sites[s].Id}, scenario {k}, {year}");
                    compared++;
                    varying += expected.P5 != expected.P99 ? 1 : 0;
                }
            }
        });

        compared.Should().Be(3 * inputs.Scenarios.Count * inputs.Sites.Count * PueRows.Metrics.Length);
        varying.Should().BeGreaterThan(compared / 2);
    }

    [Fact]
    public void A_horizons_opex_counts_the_pue_rows_the_kernel_did_not_store()
    {
        // At a horizon too the kernel keeps only the climate PUE, and the OpEx items make the
        // surcharge and premium rows from it: their cells must be Summarize on OpEx from the
        // kernel's stored rows, bit for bit.
        var inputs = RandomPortfolio.Bundled;
        var settings = new SimulationSettings { Paths = Paths, FirstYear = 2029, LastYear = 2031, Horizons = [2030], Seed = 11 };
        var result = Simulator.Run(inputs, settings);
        var opex = new double[Paths];
        var scratch = new double[Paths];
        var pueRowsSeen = 0;
        KernelHarness.ForEachScenarioYear(inputs, settings, [2030], (k, year, buffers) =>
        {
            for (var s = 0; s < inputs.Sites.Count; s++)
            {
                pueRowsSeen += buffers.Cell(Metric.PueSurchargeCny, s).ContainsAnyExcept(0.0) || buffers.Cell(Metric.RenewablePremiumCny, s).ContainsAnyExcept(0.0) ? 1 : 0;
                FinancialSeries.Fill(buffers, s, FinancialItem.Opex, FinancialBasis.Gross, opex);
                var expected = SampleSummary.Summarize(opex, double.NaN, scratch);
                var cell = result.Financial.Single(f => f.ScenarioId == inputs.Scenarios[k].Id && f.EntityId == inputs.Sites[s].Id && f.Year == year
                    && f.Item == FinancialItem.Opex && f.Basis == FinancialBasis.Gross);
                cell.Statistics.Should().Be(expected, $"OpEx of {inputs.Sites[s].Id}, scenario {k}, {year}");
            }
        });
        pueRowsSeen.Should().BePositive("the test needs sites that pay a surcharge or a green-power premium");
    }

    [Fact]
    public void Each_row_keeps_the_order_of_the_climate_pue_in_both_surcharge_tiers()
    {
        var inputs = RandomPortfolio.Bundled;
        var settings = new SimulationSettings { Paths = Paths, FirstYear = 2025, LastYear = 2050, Seed = 11 };
        var beijing = inputs.Sites.Select(s => new SitePlan(s, inputs, settings)).First(p => !double.IsNaN(p.LimitPue[5]) && p.RateCnyPerMwh[5] > 0);
        var scenario = new ScenarioPlan(inputs.Scenarios[0], inputs, settings);
        var rows = new PueRows(beijing, scenario, 5);
        rows.IsNonDecreasing.Should().BeTrue();

        // Climate PUE on a fine grid across the limit and tier 2 (PUE = x + planned).
        var planned = beijing.PlannedChange[5];
        var climate = Enumerable.Range(0, 20_001).Select(i => 1.0 + (i * 0.0001) - planned).ToArray();
        climate.Should().Contain(x => x + planned > beijing.Tier2Pue[5]).And.Contain(x => x + planned < beijing.LimitPue[5]);
        var row = new double[climate.Length];
        foreach (var metric in PueRows.Metrics)
        {
            rows.Fill(metric, climate, row);
            for (var i = 1; i < row.Length; i++)
            {
                row[i].Should().BeGreaterThanOrEqualTo(row[i - 1], $"{metric} at climate PUE {climate[i]}");
                double.IsNegative(row[i]).Should().Be(row[i] < 0, $"{metric} holds no −0");
            }
        }

        // A falling tier-2 rate would let the surcharge drop across tier 2: the shared selection is refused.
        var falling = new SitePlan(beijing.Site, inputs, settings);
        falling.Tier2RateCnyPerMwh[5] = falling.RateCnyPerMwh[5] / 2;
        new PueRows(falling, scenario, 5).IsNonDecreasing.Should().BeFalse();
    }

    private static double Threshold(ModelInputs inputs, SitePlan site, Metric metric, int yearIndex) => metric switch
    {
        Metric.Pue => site.LimitPue[yearIndex],
        Metric.PueLimitBreach => 0.5,
        _ => inputs.Thresholds.FirstOrDefault(t => t.Metric == metric.Name() && t.Level == "site")?.Materiality ?? double.NaN,
    };
}
