using System.Globalization;
using ClimateRisk.Core.Sensitivity;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Pipeline;

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

    /// <summary>
    /// What the sensitivity design cost and, per scenario, the three drivers with the largest
    /// total index for the portfolio NPV (first-order and total ± s.e.); nothing when not computed.
    /// </summary>
    public static void WriteSensitivity(SensitivitySummary? summary, IReadOnlyList<SensitivityIndex>? indices, TextWriter output)
    {
        if (summary is null)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine();
        if (summary.Scenarios > 0 && summary.BaseRows == 0)
        {
            output.WriteLine(string.Create(inv, $"Sensitivity: too few paths for indices (fewer than {SensitivityAnalysis.MinimumBaseRows} base rows = paths / {SensitivityAnalysis.EvaluationsPerRow / SensitivityAnalysis.TimeBudget:0}); results/sensitivity.csv has only its header."));
        }
        else if (summary.Scenarios > 0)
        {
            var rows = summary.MaxBaseRows == summary.BaseRows ? summary.BaseRows.ToString("N0", inv) : string.Create(inv, $"{summary.BaseRows:N0}–{summary.MaxBaseRows:N0}");
            output.WriteLine(string.Create(inv,
                $"Sensitivity: {rows} base rows × {SensitivityAnalysis.EvaluationsPerRow} model evaluations per scenario, {summary.SensitivitySeconds:F1} s ({summary.Overhead:P0} of the {summary.SimulationSeconds:F1} s of simulation); results/sensitivity.csv"));
        }

        if (indices is null || indices.Count == 0)
        {
            return;
        }

        output.WriteLine("What drives the portfolio NPV (Sobol index: first-order / total, ± s.e.; top three by total):");
        foreach (var scenario in indices.Select(i => i.ScenarioId).Distinct())
        {
            var top = indices
                .Where(i => i.ScenarioId == scenario && i.EntityId == SimulationResult.PortfolioId && i.Metric == Metric.TotalClimateCostCny.Name() && i.Horizon == "npv" && !double.IsNaN(i.Estimate.Total))
                .OrderByDescending(i => i.Estimate.Total)
                .ThenBy(i => (int)i.Driver)
                .Take(3)
                .Select(i => string.Create(inv, $"{i.Driver.Name()} {i.Estimate.FirstOrder:0.00} ± {i.Estimate.FirstOrderSe:0.00} / {i.Estimate.Total:0.00} ± {i.Estimate.TotalSe:0.00}"));
            output.WriteLine(string.Create(inv, $"  {scenario,-32} {string.Join("; ", top)}"));
        }
    }
}
