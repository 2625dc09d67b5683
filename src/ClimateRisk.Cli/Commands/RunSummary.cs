using System.Globalization;
using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Cli.Commands;

/// <summary>The headline numbers printed after a run, per scenario (portfolio level).</summary>
internal static class RunSummary
{
    public static void Write(SimulationResult result, TextWriter output)
    {
        var last = result.Settings.LastYear;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(inv, $"Portfolio, {last} (mean; CNY m unless stated):"));
        output.WriteLine(string.Create(inv, $"{"scenario",-32} {"total climate cost",18} {"physical loss",14} {"carbon cost",12} {"PUE",6} {"PUE surcharge",14} {"NPV total cost",15}"));
        foreach (var scenario in result.ScenarioIds)
        {
            double Mean(Metric metric) => result.Cells.First(c => c.ScenarioId == scenario && c.EntityId == SimulationResult.PortfolioId && c.Year == last && c.Metric == metric).Statistics.Mean;
            var npv = result.Npv.First(n => n.ScenarioId == scenario && n.EntityId == SimulationResult.PortfolioId).Statistics.Mean;
            output.WriteLine(string.Create(inv,
                $"{scenario,-32} {Mean(Metric.TotalClimateCostCny) / 1e6,18:F1} {Mean(Metric.PhysicalLossCny) / 1e6,14:F1} {Mean(Metric.CarbonCostCny) / 1e6,12:F1} {Mean(Metric.Pue),6:F3} {Mean(Metric.PueSurchargeCny) / 1e6,14:F2} {npv / 1e6,15:F1}"));
        }
    }
}
