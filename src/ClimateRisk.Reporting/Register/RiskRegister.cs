using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.Reporting.Internal;

namespace ClimateRisk.Reporting.Register;

/// <summary>
/// The risk register of MODEL §13, scored from the results: one row per (site or portfolio) ×
/// risk, per scenario a likelihood, an impact, a rating and the mean and P95 annual financial
/// effect, with the controls the operators disclose. How the contract's room is used
/// (docs/model.md, implementation notes §13):
/// <list type="bullet">
/// <item>A risk's annual effect is the sum of its metrics (e.g. flood direct damage + flood BI).
/// Mean: the sum of the means. P95: the sum of the P95s, which is exact for components that
/// rise together with the same event (direct damage and downtime both grow with the flood depth
/// or the gust) and an upper bound otherwise.</item>
/// <item>Probability of a material impact: the largest <c>p_exceed</c> of the risk's metrics
/// (P(component &gt; materiality)); exact for one-metric risks, a lower bound for two.</item>
/// <item>Impact thresholds: those of the risk's first metric at site or portfolio level.</item>
/// <item>Horizon: the first reporting horizon at which the risk reaches its highest rating in
/// any scenario; every per-scenario figure of the row is for that year.</item>
/// </list>
/// </summary>
public sealed class RiskRegister
{
    /// <summary>Relative standard error above which a mean counts as not converged when the run set no --target-rse.</summary>
    public const double DefaultConvergenceTarget = 0.05;

    private RiskRegister(IReadOnlyList<string> scenarioIds, IReadOnlyList<RegisterRow> rows, double convergenceTarget)
    {
        ScenarioIds = scenarioIds;
        Rows = rows;
        ConvergenceTarget = convergenceTarget;
    }

    /// <summary>The RSE a row's means must not exceed to count as converged: the run's --target-rse, else <see cref="DefaultConvergenceTarget"/>.</summary>
    public double ConvergenceTarget { get; }

    /// <summary>Whether every scenario's mean of <paramref name="row"/> has an RSE within <see cref="ConvergenceTarget"/> (an unexposed row, with mean 0 and s.e. 0, is converged).</summary>
    public bool IsConverged(RegisterRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Scores.All(s => double.IsNaN(s.MeanRse) || s.MeanRse <= ConvergenceTarget);
    }

    /// <summary>Scenario ids in run order (the order of every row's scores).</summary>
    public IReadOnlyList<string> ScenarioIds { get; }

    /// <summary>Rows: each site in run order, then the portfolio; risks in <see cref="RegisterRisk.All"/> order.</summary>
    public IReadOnlyList<RegisterRow> Rows { get; }

    /// <summary>The short code of an entity in risk ids: <c>S1</c>… for sites in run order, <c>P</c> for the portfolio.</summary>
    public static string EntityCode(IReadOnlyList<string> siteIds, string entityId)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        if (entityId == SimulationResult.PortfolioId)
        {
            return "P";
        }

        var i = siteIds.ToList().IndexOf(entityId);
        return i < 0 ? entityId : "S" + Format.Int(i + 1);
    }

    /// <summary>Scores the register from <paramref name="data"/>.</summary>
    public static RiskRegister Build(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var index = data.Index;
        var scenarios = data.Result.ScenarioIds;
        var horizons = index.ReportingYears;
        var rows = new List<RegisterRow>();
        foreach (var entity in index.Entities)
        {
            var portfolio = entity == SimulationResult.PortfolioId;
            var site = portfolio ? null : data.Site(entity);
            foreach (var risk in RegisterRisk.All)
            {
                var exposed = portfolio ? data.Sites.Any(risk.IsExposed) : site is not null && risk.IsExposed(site);
                var threshold = risk.Metrics.Select(m => data.Threshold(m, portfolio)).FirstOrDefault(t => t is not null);
                var bounds = threshold?.ImpactBounds ?? [double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity];
                var byHorizon = horizons.Select(h => (Year: h, Scores: scenarios.Select(s => Score(index, s, entity, h, risk, bounds)).ToArray())).ToArray();
                var best = byHorizon.Select(h => h.Scores.Max(s => s.Rating)).Max();
                var chosen = byHorizon.First(h => h.Scores.Max(s => s.Rating) == best);
                var position = horizons.ToList().IndexOf(chosen.Year);
                rows.Add(new RegisterRow
                {
                    RiskId = EntityCode(data.Result.SiteIds, entity) + "-" + risk.Code,
                    EntityId = entity,
                    EntityName = data.EntityName(entity),
                    Risk = risk,
                    Exposed = exposed,
                    HorizonYear = chosen.Year,
                    Horizon = HorizonLabel(position, horizons.Count),
                    Scores = chosen.Scores,
                    Controls = Controls(data, site, risk),
                    Note = Note(data, index, site, entity, risk, exposed, chosen.Year, threshold is null),
                });
            }
        }

        return new RiskRegister(scenarios, rows, data.Manifest.TargetRse ?? DefaultConvergenceTarget);
    }

    private static ScenarioScore Score(ResultIndex index, string scenario, string entity, int year, RegisterRisk risk, IReadOnlyList<double> bounds)
    {
        var stats = risk.Metrics.Select(m => index.Cell(scenario, entity, year, m)).ToArray();
        var mean = stats.Sum(s => s.Mean);
        var p95 = stats.Sum(s => s.P95);
        var probabilities = stats.Select(s => s.PExceed).Where(p => !double.IsNaN(p)).ToArray();
        var probability = probabilities.Length > 0 ? probabilities.Max() : 0;
        var likelihood = RiskScoring.Likelihood(probability);
        var impact = RiskScoring.Impact(p95, bounds);
        // The s.e. of a sum of metrics from the same paths is at most the sum of their s.e.
        var se = stats.Sum(s => s.StandardError);
        var rse = mean != 0 ? se / Math.Abs(mean) : (se == 0 ? 0 : double.PositiveInfinity);
        return new ScenarioScore(scenario, likelihood, impact, likelihood * impact, probability, mean, p95, rse);
    }

    private static string HorizonLabel(int position, int count)
    {
        if (count >= 3)
        {
            return position == 0 ? "short" : position == count - 1 ? "long" : "medium";
        }

        return count == 2 ? (position == 0 ? "short" : "long") : "long";
    }

    private static DisclosedControl[] Controls(ReportData data, Site? site, RegisterRisk risk)
    {
        var controls = data.Sources.Controls.Where(c => c.Risk == risk.Key);
        if (site is not null)
        {
            return controls.Where(c => c.AppliesTo(site.Id, site.Operator)).ToArray();
        }

        // Portfolio: every operator's controls for the risk, each quote once.
        return controls.Where(c => data.Sites.Any(s => c.AppliesTo(s.Id, s.Operator)))
            .GroupBy(c => (c.Operator, c.Quote)).Select(g => g.First()).ToArray();
    }

    private static string Note(ReportData data, ResultIndex index, Site? site, string entity, RegisterRisk risk, bool exposed, int year, bool noThreshold)
    {
        var notes = new List<string>();
        if (!exposed)
        {
            notes.Add(site is null ? "No site of the portfolio is exposed." : $"Not exposed: no row for this site in {risk.ExposureSource}.");
        }

        if (noThreshold)
        {
            notes.Add("No materiality threshold for this metric in data/register/thresholds.csv: scored 1 × 1.");
        }

        if (risk.Key == "efficiency_regulation")
        {
            var scenarios = data.Result.ScenarioIds;
            if (site is null)
            {
                var p = scenarios.Select(s => index.Cell(s, entity, year, Metric.PueLimitBreach).Mean).ToArray();
                notes.Add($"P(at least one site above its PUE limit) in {Format.Int(year)}: {Range(p)} across scenarios.");
            }
            else if (data.LimitInForce(site, year) is { } rule)
            {
                var p = scenarios.Select(s => index.Cell(s, entity, year, Metric.Pue).PExceed).ToArray();
                var price = rule.SurchargeCnyPerKwh > 0 ? $"surcharge {Format.Fixed(rule.SurchargeCnyPerKwh, 2)} CNY/kWh on the energy above it" : "not priced (reported limit)";
                // An assumed limit (no published rule, pue_rules.csv basis) must not read as a rule in force.
                var basis = rule.IsAssumed ? " — an assumed limit, not a published rule" : string.Empty;
                notes.Add($"P(PUE > {Format.Pue(rule.LimitPue)}, the {site.PueJurisdiction} limit from {Format.Int(rule.FromYear)}{basis}) in {Format.Int(year)}: {Range(p)} across scenarios; {price}.");
            }
            else
            {
                notes.Add($"No PUE limit in force in {Format.Int(year)}.");
            }
        }

        return string.Join(" ", notes);
    }

    private static string Range(IReadOnlyList<double> probabilities)
    {
        var valid = probabilities.Where(p => !double.IsNaN(p)).ToArray();
        if (valid.Length == 0)
        {
            return "–";
        }

        return Format.PercentRange(valid.Min(), valid.Max());
    }
}
