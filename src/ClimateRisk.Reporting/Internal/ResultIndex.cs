using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Reporting.Internal;

/// <summary>Constant-time look-ups into a <see cref="SimulationResult"/> by scenario, entity, year and metric.</summary>
internal sealed class ResultIndex
{
    private readonly Dictionary<(string Scenario, string Entity, int Year, Metric Metric), CellStatistics> _cells;
    private readonly Dictionary<(string Scenario, string Entity), CellStatistics> _npv;
    private readonly Dictionary<(string Scenario, string Entity, int Year, string Curve), ExceedancePoint[]> _curves;

    public ResultIndex(SimulationResult result)
    {
        Result = result;
        _cells = result.Cells.ToDictionary(c => (c.ScenarioId, c.EntityId, c.Year, c.Metric), c => c.Statistics);
        _npv = result.Npv.ToDictionary(n => (n.ScenarioId, n.EntityId), n => n.Statistics);
        _curves = result.Exceedance
            .GroupBy(p => (p.ScenarioId, p.EntityId, p.Year, p.Curve))
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.ReturnPeriodY).ToArray());
        Years = Enumerable.Range(result.Settings.FirstYear, result.Settings.YearCount).ToArray();
        Horizons = HorizonsIn(result.Settings);
        ReportingYears = Horizons.Count > 0 ? Horizons : [result.Settings.LastYear];
        Entities = [.. result.SiteIds, SimulationResult.PortfolioId];
    }

    public SimulationResult Result { get; }

    public IReadOnlyList<int> Years { get; }

    /// <summary>The reporting horizons inside the simulated years.</summary>
    public IReadOnlyList<int> Horizons { get; }

    /// <summary>The years reported by horizon (register, loss by peril): the reporting horizons, or the last year when no horizon is simulated.</summary>
    public IReadOnlyList<int> ReportingYears { get; }

    /// <summary>Sites then the portfolio.</summary>
    public IReadOnlyList<string> Entities { get; }

    /// <summary>The first horizon (the short term), or the last year when no horizon is simulated.</summary>
    public int ShortHorizon => ReportingYears[0];

    /// <summary>The last horizon (the long term), or the last year when no horizon is simulated.</summary>
    public int LongHorizon => ReportingYears[^1];

    /// <summary>The reporting horizons of <paramref name="settings"/> inside its simulated years.</summary>
    public static int[] HorizonsIn(SimulationSettings settings)
        => settings.Horizons.Where(h => h >= settings.FirstYear && h <= settings.LastYear).ToArray();

    public CellStatistics Cell(string scenario, string entity, int year, Metric metric) => _cells[(scenario, entity, year, metric)];

    public CellStatistics Npv(string scenario, string entity) => _npv[(scenario, entity)];

    public IReadOnlyList<ExceedancePoint> Curve(string scenario, string entity, int year, string curve)
        => _curves.TryGetValue((scenario, entity, year, curve), out var points) ? points : [];
}
