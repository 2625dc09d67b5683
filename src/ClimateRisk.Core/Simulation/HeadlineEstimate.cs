namespace ClimateRisk.Core.Simulation;

/// <summary>
/// One headline number of a scenario and how precise it is: the portfolio mean of a metric at a
/// horizon (or its NPV) with its standard error, from which <c>run --target-rse</c> decides
/// whether more paths are needed.
/// </summary>
/// <param name="ScenarioId">Scenario.</param>
/// <param name="Metric">Metric name (docs/data.md).</param>
/// <param name="Horizon">Horizon year, or <c>npv_FIRST_LAST</c> as in horizons.csv.</param>
/// <param name="Paths">Paths behind the estimate.</param>
/// <param name="Mean">Mean over paths.</param>
/// <param name="StandardError">Standard error of the mean.</param>
public sealed record HeadlineEstimate(string ScenarioId, string Metric, string Horizon, int Paths, double Mean, double StandardError)
{
    /// <summary>
    /// se / |mean|. A number with no spread is exact (0); a spread around a zero mean can never
    /// reach a relative target (+∞).
    /// </summary>
    public double RelativeStandardError => StandardError == 0 ? 0 : Mean == 0 ? double.PositiveInfinity : StandardError / Math.Abs(Mean);

    /// <summary>
    /// The headline numbers of every scenario of <paramref name="result"/>: the portfolio's
    /// total climate cost and physical loss at each horizon year inside the simulated years,
    /// then the portfolio NPV of total climate cost.
    /// </summary>
    public static IReadOnlyList<HeadlineEstimate> Of(SimulationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var settings = result.Settings;
        var list = new List<HeadlineEstimate>();
        foreach (var scenario in result.ScenarioIds)
        {
            foreach (var year in settings.Horizons.Where(y => y >= settings.FirstYear && y <= settings.LastYear))
            {
                foreach (var metric in new[] { Simulation.Metric.TotalClimateCostCny, Simulation.Metric.PhysicalLossCny })
                {
                    var cell = result.Cells.First(c => c.ScenarioId == scenario && c.EntityId == SimulationResult.PortfolioId && c.Year == year && c.Metric == metric);
                    list.Add(new HeadlineEstimate(scenario, metric.Name(), year.ToString(System.Globalization.CultureInfo.InvariantCulture), (int)cell.Statistics.Count, cell.Statistics.Mean, cell.Statistics.StandardError));
                }
            }

            var npv = result.Npv.First(n => n.ScenarioId == scenario && n.EntityId == SimulationResult.PortfolioId).Statistics;
            list.Add(new HeadlineEstimate(scenario, Simulation.Metric.TotalClimateCostCny.Name(), $"npv_{settings.FirstYear}_{settings.LastYear}", (int)npv.Count, npv.Mean, npv.StandardError));
        }

        return list;
    }
}
