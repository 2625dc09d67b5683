using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Tests.TestSupport;

namespace ClimateRisk.Reporting.Tests;

/// <summary>The S2 "anticipated financial effects" table of the board pack (MODEL §15), drawn from results/financial_effects.csv read back.</summary>
[Collection(SmallRunGroup.Name)]
public sealed class FinancialEffectsSectionTests(SmallRun run)
{
    [Fact]
    public void The_strategy_section_shows_every_scenario_and_horizon_with_the_net_and_gross_EBITDA_of_the_results()
    {
        var html = File.ReadAllText(run.File("board-pack.html"));
        var start = html.IndexOf("id=\"strategy-financial\"", StringComparison.Ordinal);
        start.Should().BePositive("the pack has the section");
        var section = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        var strategy = html.IndexOf("id=\"strategy\"", StringComparison.Ordinal);
        strategy.Should().BeInRange(0, start, "the table sits in the Strategy part, after the scenario analysis");

        run.Result.Financial.Should().NotBeEmpty("the reader gives back financial_effects.csv");
        foreach (var scenario in run.Result.ScenarioIds)
        {
            foreach (var year in run.Result.Settings.Horizons)
            {
                string Cell(FinancialItem item, FinancialBasis basis)
                {
                    var f = run.Result.Financial.Single(r => r.ScenarioId == scenario && r.EntityId == SimulationResult.PortfolioId && r.Year == year && r.Item == item && r.Basis == basis);
                    return $"{Format.Millions(f.Statistics.Mean)} / {Format.Millions(f.Statistics.P95)}";
                }

                var expected = string.Join("</td><td class=\"num\">", new[]
                {
                    Cell(FinancialItem.Opex, FinancialBasis.Net), Cell(FinancialItem.Capex, FinancialBasis.Net), Cell(FinancialItem.Revenue, FinancialBasis.Net),
                    Cell(FinancialItem.Ebitda, FinancialBasis.Net), Cell(FinancialItem.Ebitda, FinancialBasis.Gross),
                });
                section.Should().Contain($"({Format.Int(year)})</td><td class=\"num\">{expected}</td>", $"{scenario} {year}");
            }
        }
    }
}
