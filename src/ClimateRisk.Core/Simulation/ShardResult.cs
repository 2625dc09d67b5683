using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Simulation;

/// <summary>
/// The partial results of a shard of paths (MODEL §12): mergeable summaries of every cell, of
/// the NPVs and of the loss exceedance curves. <see cref="Merge"/> combines shards;
/// <see cref="ToResult"/> turns the merged whole into the usual <see cref="SimulationResult"/>.
/// </summary>
public sealed record ShardResult
{
    /// <summary>Settings of this shard (FirstPath and Paths give its path range).</summary>
    public required SimulationSettings Settings { get; init; }

    /// <summary>Scenario ids in run order.</summary>
    public required IReadOnlyList<string> ScenarioIds { get; init; }

    /// <summary>Site ids in run order.</summary>
    public required IReadOnlyList<string> SiteIds { get; init; }

    /// <summary>Per (scenario, entity, year, metric), in the nesting order of <see cref="SimulationResult.Cells"/>.</summary>
    public required IReadOnlyList<(string ScenarioId, string EntityId, int Year, Metric Metric, PartialCell Cell)> Cells { get; init; }

    /// <summary>NPV of total climate cost per (scenario, entity).</summary>
    public required IReadOnlyList<(string ScenarioId, string EntityId, PartialCell Cell)> Npv { get; init; }

    /// <summary>Sketches of annual loss (AEP) and largest occurrence (OEP) at the horizon years.</summary>
    public required IReadOnlyList<(string ScenarioId, string EntityId, int Year, string Curve, QuantileSketch Sketch)> Exceedance { get; init; }

    /// <summary>Per (scenario, entity, horizon year or null for the NPV, item, basis): the financial effects before the premium change (MODEL §15).</summary>
    public IReadOnlyList<(string ScenarioId, string EntityId, int? Year, FinancialItem Item, FinancialBasis Basis, PartialCell Cell)> Financial { get; init; } = [];

    /// <summary>Financial terms and discount rates, for adding the premium change after the merge.</summary>
    public FinancialContext FinancialContext { get; init; } = FinancialContext.None;

    /// <summary>
    /// Merges shards of one run. They must agree on seed, years, scenarios and sites, and their
    /// path ranges must tile [first, first + total) without gaps or overlaps.
    /// </summary>
    public static ShardResult Merge(IReadOnlyList<ShardResult> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0)
        {
            throw new ArgumentException("Nothing to merge.", nameof(shards));
        }

        var ordered = shards.OrderBy(s => s.Settings.FirstPath).ToArray();
        var first = ordered[0];
        var next = first.Settings.FirstPath;
        foreach (var shard in ordered)
        {
            var s = shard.Settings;
            if (s.Seed != first.Settings.Seed || s.FirstYear != first.Settings.FirstYear || s.LastYear != first.Settings.LastYear
                || !shard.ScenarioIds.SequenceEqual(first.ScenarioIds) || !shard.SiteIds.SequenceEqual(first.SiteIds)
                || !s.Horizons.SequenceEqual(first.Settings.Horizons) || !s.ReturnPeriodsY.SequenceEqual(first.Settings.ReturnPeriodsY))
            {
                throw new ArgumentException($"Shard with paths from {s.FirstPath} does not belong to the same run (seed, years, scenarios, sites, horizons or return periods differ).", nameof(shards));
            }

            if (s.FirstPath != next)
            {
                throw new ArgumentException(s.FirstPath > next
                    ? $"Paths {next}..{s.FirstPath - 1} are missing: no shard covers them."
                    : $"Shards overlap at path {s.FirstPath}.", nameof(shards));
            }

            next = s.FirstPath + s.Paths;
        }

        return new ShardResult
        {
            Settings = first.Settings with { Paths = checked((int)(next - first.Settings.FirstPath)) },
            ScenarioIds = first.ScenarioIds,
            SiteIds = first.SiteIds,
            Cells = first.Cells.Select((c, i) => (c.ScenarioId, c.EntityId, c.Year, c.Metric, ordered.Skip(1).Aggregate(c.Cell, (acc, s) => PartialCell.Merge(acc, s.Cells[i].Cell)))).ToArray(),
            Npv = first.Npv.Select((c, i) => (c.ScenarioId, c.EntityId, ordered.Skip(1).Aggregate(c.Cell, (acc, s) => PartialCell.Merge(acc, s.Npv[i].Cell)))).ToArray(),
            Exceedance = first.Exceedance.Select((c, i) => (c.ScenarioId, c.EntityId, c.Year, c.Curve, ordered.Skip(1).Aggregate(c.Sketch, (acc, s) => QuantileSketch.Merge(acc, s.Exceedance[i].Sketch)))).ToArray(),
            Financial = first.Financial.Select((c, i) => (c.ScenarioId, c.EntityId, c.Year, c.Item, c.Basis, ordered.Skip(1).Aggregate(c.Cell, (acc, s) => PartialCell.Merge(acc, s.Financial[i].Cell)))).ToArray(),
            FinancialContext = first.FinancialContext,
        };
    }

    /// <summary>The results of the (merged) paths: exact means and counts, sketch quantiles.</summary>
    public SimulationResult ToResult()
    {
        var returnPeriods = Settings.ReturnPeriodsY;
        var cells = Cells.Select(c => new CellResult(c.ScenarioId, c.EntityId, c.Year, c.Metric, c.Cell.ToStatistics())).ToArray();
        return new SimulationResult
        {
            Settings = Settings,
            ScenarioIds = ScenarioIds,
            SiteIds = SiteIds,
            Cells = cells,
            Financial = FinancialEffects.Build(Settings, SiteIds, cells, Financial.Select(f => (f.ScenarioId, f.EntityId, f.Year, f.Item, f.Basis, f.Cell.ToStatistics())), FinancialContext),
            Npv = Npv.Select(n => new NpvResult(n.ScenarioId, n.EntityId, n.Cell.ToStatistics())).ToArray(),
            Exceedance = Exceedance.SelectMany(e => returnPeriods.Select(r => new ExceedancePoint(e.ScenarioId, e.EntityId, e.Year, e.Curve, r, e.Sketch.Quantile(1 - (1 / r))))).ToArray(),
        };
    }
}
