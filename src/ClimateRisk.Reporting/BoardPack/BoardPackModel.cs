using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Register;

namespace ClimateRisk.Reporting.BoardPack;

/// <summary>
/// What the board pack says, before any markup: its numbers and its sentences, computed from
/// the results, the register and the inputs. <see cref="BoardPackWriter"/> only lays this out,
/// so every claim of the pack can be unit-tested here.
/// </summary>
public sealed class BoardPackModel
{
    /// <summary>
    /// The resilience sentence says that one spread "matters more" only when it is at least this
    /// many times the other (between-scenario range of expected costs vs the average P5–P95 width
    /// within a scenario); in between it says both matter.
    /// </summary>
    public const double DominanceRatio = 1.5;

    private BoardPackModel()
    {
    }

    /// <summary>Long horizon (e.g. 2050).</summary>
    public required int LongYear { get; init; }

    /// <summary>Short horizon (e.g. 2030).</summary>
    public required int ShortYear { get; init; }

    /// <summary>"Kingsoft Cloud and Kuaishou data-centre portfolio".</summary>
    public required string PortfolioName { get; init; }

    /// <summary>The five headline numbers.</summary>
    public required IReadOnlyList<KeyFigure> KeyFigures { get; init; }

    /// <summary>One row per scenario: the long-horizon expected cost by component (CNY), its P95 and the NPV.</summary>
    public required IReadOnlyList<ScenarioGlance> Glance { get; init; }

    /// <summary>The convergence note (human metric names, one statement per group of scenarios); null without convergence data.</summary>
    public required string? ConvergenceNote { get; init; }

    /// <summary>"What the numbers say".</summary>
    public required IReadOnlyList<string> Messages { get; init; }

    /// <summary>The resilience sentence under the cost distribution.</summary>
    public required string Resilience { get; init; }

    /// <summary>The scenarios whose heat maps the pack shows, with their captions.</summary>
    public required IReadOnlyList<(string Scenario, string Caption)> HeatMaps { get; init; }

    /// <summary>The key to the heat maps' codes: site numbers and risk codes.</summary>
    public required string HeatMapKey { get; init; }

    /// <summary>PUE against limits, per site.</summary>
    public required IReadOnlyList<SitePue> Pue { get; init; }

    /// <summary>The data-source notes of the inputs this run used (rows of other sites, candidates, unused jurisdictions and cooling types left out).</summary>
    public required IReadOnlyList<DataSourceNote> UsedSources { get; init; }

    /// <summary>Builds the model.</summary>
    public static BoardPackModel Build(ReportData data, RiskRegister register)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(register);
        var index = data.Index;
        var scenarios = data.Result.ScenarioIds;
        const string p = SimulationResult.PortfolioId;
        var year = index.LongHorizon;
        var glance = scenarios.Select(s =>
        {
            double M(Metric m) => index.Cell(s, p, year, m).Mean;
            var total = index.Cell(s, p, year, Metric.TotalClimateCostCny);
            return new ScenarioGlance(s, data.ScenarioName(s), data.Scenarios.FirstOrDefault(x => x?.Id == s)?.Ssp, total.Mean, M(Metric.PhysicalLossCny), M(Metric.ClimateEnergyCostCny),
                M(Metric.CarbonCostCny), M(Metric.PueSurchargeCny), M(Metric.RenewablePremiumCny), total.P95, index.Npv(s, p).Mean);
        }).ToArray();
        var cells = scenarios.Select(s => index.Cell(s, p, year, Metric.TotalClimateCostCny)).ToArray();
        return new BoardPackModel
        {
            LongYear = year,
            ShortYear = index.ShortHorizon,
            PortfolioName = string.Join(" and ", data.Sites.Select(s => s.Operator).Distinct()) + " data-centre portfolio",
            KeyFigures = BoardPack.KeyFigures.Compute(data, register),
            Glance = glance,
            ConvergenceNote = ConvergenceSentence(data, data.Manifest.Convergence, data.Manifest.TargetRse),
            Messages = Sayings(data, register).ToArray(),
            Resilience = ResilienceSentence(year, cells.Max(c => c.Mean) - cells.Min(c => c.Mean), cells.Average(c => c.P95 - c.P5)),
            HeatMaps = HeatMapChoice(data, register),
            HeatMapKey = HeatMapKeyText(data),
            Pue = data.Sites.Select(site => SitePueOf(data, site)).ToArray(),
            UsedSources = UsedBy(data),
        };
    }

    /// <summary>
    /// The resilience sentence: which spread dominates, said only when one is at least
    /// <see cref="DominanceRatio"/> times the other.
    /// </summary>
    /// <param name="year">The horizon.</param>
    /// <param name="between">Range of the expected cost across scenarios, CNY.</param>
    /// <param name="within">Average P5–P95 width within a scenario, CNY.</param>
    public static string ResilienceSentence(int year, double between, double within)
    {
        var y = Format.Int(year);
        if (between >= DominanceRatio * within)
        {
            return $"Resilience: in {y} the spread of the expected cost between scenarios ({Format.Money(between)}) is at least {Format.Fixed(DominanceRatio, 1)} times the spread within one (P5–P95, on average {Format.Money(within)}): which future unfolds matters more than the luck within it.";
        }

        if (within >= DominanceRatio * between)
        {
            return $"Resilience: in {y} the spread within a scenario (P5–P95, on average {Format.Money(within)}) is at least {Format.Fixed(DominanceRatio, 1)} times the spread of the expected cost between scenarios ({Format.Money(between)}): plan for the upper whisker, not the median.";
        }

        return $"Resilience: in {y} the spread of the expected cost between scenarios ({Format.Money(between)}) and the spread within one (P5–P95, on average {Format.Money(within)}) are of similar size (neither is {Format.Fixed(DominanceRatio, 1)} times the other): both which future unfolds and the luck within it matter; plan for the upper whisker of the costlier scenarios.";
    }

    /// <summary>A result metric's name for people: <c>physical_loss_cny 2040</c> → "physical loss in 2040".</summary>
    public static string HumanMetric(string metricAndHorizon)
    {
        ArgumentNullException.ThrowIfNull(metricAndHorizon);
        var parts = metricAndHorizon.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var name = parts.Length == 0 ? string.Empty : parts[0] switch
        {
            "total_climate_cost_cny" => "total climate cost",
            "physical_loss_cny" => "physical loss",
            "climate_energy_cost_cny" => "climate-driven energy cost",
            "carbon_cost_cny" => "carbon cost",
            "pue_surcharge_cny" => "PUE surcharge",
            "renewable_premium_cny" => "green-power premium",
            var other => (other.EndsWith("_cny", StringComparison.Ordinal) ? other[..^4] : other).Replace('_', ' '),
        };
        if (parts.Length < 2)
        {
            return name;
        }

        var horizon = parts[1];
        return horizon.StartsWith("npv_", StringComparison.Ordinal) ? $"NPV of {name} {horizon[4..].Replace('_', '–')}" : $"{name} in {horizon}";
    }

    /// <summary>
    /// The convergence note: scenarios grouped by their least precise headline number (human
    /// names), each group said once with its RSE range and paths, then the verdict.
    /// </summary>
    public static string? ConvergenceSentence(ReportData data, IReadOnlyList<ScenarioConvergence>? convergence, double? target)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (convergence is not { Count: > 0 })
        {
            return null;
        }

        var groups = convergence.GroupBy(c => HumanMetric(c.WorstMetric)).Select(g =>
        {
            var lo = g.Min(c => c.WorstRse);
            var hi = g.Max(c => c.WorstRse);
            var rse = Format.Percent(lo) == Format.Percent(hi) ? Format.Percent(hi) : Format.PercentRange(lo, hi);
            var who = g.Count() == convergence.Count ? (convergence.Count == 1 ? "the scenario" : "every scenario") : string.Join(", ", g.Select(c => data.ScenarioName(c.Scenario)));
            return $"{g.Key} in {who} (relative standard error {rse})";
        });
        var limit = target ?? RiskRegister.DefaultConvergenceTarget;
        var short_ = convergence.Where(c => c.Converged == false || (c.Converged is null && c.WorstRse > limit)).Select(c => data.ScenarioName(c.Scenario)).ToArray();
        var paths = convergence.Select(c => c.Paths).Distinct().Order().ToArray();
        var pathText = paths.Length == 1 ? $"{Format.Whole(paths[0])} paths each" : $"{Format.Whole(paths[0])}–{Format.Whole(paths[^1])} paths";
        var verdict = short_.Length == 0
            ? $"all {Format.Int(convergence.Count)} scenarios are within the {(target is null ? "register's " : string.Empty)}{Format.Percent(limit)} target"
            : $"{Format.Int(short_.Length)} of {Format.Int(convergence.Count)} scenarios are above the {Format.Percent(limit)} target ({string.Join(", ", short_)}); more paths (run --target-rse) narrow them";
        return $"Precision ({pathText}): the least precise headline number is {string.Join("; ", groups)}; {verdict}.";
    }

    private static IEnumerable<string> Sayings(ReportData data, RiskRegister register)
    {
        var index = data.Index;
        var scenarios = data.Result.ScenarioIds;
        var year = index.LongHorizon;
        const string p = SimulationResult.PortfolioId;
        var shares = scenarios.Select(s =>
        {
            double M(Metric m) => index.Cell(s, p, year, m).Mean;
            var total = M(Metric.TotalClimateCostCny);
            var transition = M(Metric.CarbonCostCny) + M(Metric.PueSurchargeCny) + M(Metric.RenewablePremiumCny);
            return (Transition: total > 0 ? transition / total : double.NaN, Physical: total > 0 ? M(Metric.PhysicalLossCny) / total : double.NaN);
        }).Where(x => !double.IsNaN(x.Transition)).ToArray();
        var byPhysical = scenarios.OrderByDescending(s => index.Cell(s, p, year, Metric.PhysicalLossCny).Mean).First();
        if (shares.Length > 0)
        {
            var byTotal = scenarios.OrderByDescending(s => index.Cell(s, p, year, Metric.TotalClimateCostCny).Mean).First();
            yield return $"Transition costs (carbon cost, PUE surcharge, green-power premium) are {Range(shares.Select(x => x.Transition))} of the expected {Format.Int(year)} total across scenarios, "
                + $"physical losses {Range(shares.Select(x => x.Physical))}. The costliest scenario is {data.ScenarioName(byTotal)}; physical losses are highest under {data.ScenarioName(byPhysical)}.";
        }

        var mean = index.Cell(byPhysical, p, year, Metric.PhysicalLossCny).Mean;
        var tail = index.Curve(byPhysical, p, year, "AEP").OrderBy(x => Math.Abs(x.ReturnPeriodY - BoardPack.KeyFigures.TailReturnPeriod)).FirstOrDefault();
        if (tail is not null && mean > 0)
        {
            var ratio = tail.LossCny / mean;
            yield return $"{(ratio >= 5 ? "Physical losses come in rare, large events" : "Physical losses are fairly steady from year to year")}: under {data.ScenarioName(byPhysical)} the {Format.ReturnPeriod(tail.ReturnPeriodY)}-year portfolio loss in {Format.Int(year)} is {Format.Money(tail.LossCny)}, "
                + $"{Format.Fixed(ratio, 0)} times the expected annual physical loss of {Format.Money(mean)}.";
        }

        var high = register.Rows.Where(r => r.Exposed && r.MaxRating >= 10).ToArray();
        var groups = high.GroupBy(r => r.Risk).OrderByDescending(g => g.Max(r => r.MaxRating)).Select(g => $"{g.Key.Name.ToLowerInvariant()} ({string.Join(", ", g.Select(r => r.RiskId))})");
        yield return high.Length == 0
            ? "No register risk rates high or very high in any scenario."
            : $"{Format.Int(high.Length)} register risks rate high or very high in at least one scenario: {string.Join("; ", groups)}. Sx = site x in the register, P = portfolio.";
    }

    private static List<(string, string)> HeatMapChoice(ReportData data, RiskRegister register)
    {
        var scenarios = data.Result.ScenarioIds;
        var index = data.Index;
        var bySum = scenarios.OrderByDescending(s => register.Rows.Where(r => r.Exposed).Sum(r => r.Score(s).Rating)).ToArray();
        var first = bySum[0];
        var physical = scenarios.OrderByDescending(s => index.Cell(s, SimulationResult.PortfolioId, index.LongHorizon, Metric.PhysicalLossCny).Mean).First();
        var second = physical != first ? physical : bySum[^1];
        var list = new List<(string, string)> { (first, $"{data.ScenarioName(first)}: the highest ratings overall.") };
        if (second != first)
        {
            list.Add((second, physical == second ? $"{data.ScenarioName(second)}: the highest physical losses." : $"{data.ScenarioName(second)}: the lowest ratings overall."));
        }

        return list;
    }

    private static string HeatMapKeyText(ReportData data)
    {
        var sites = data.Result.SiteIds.Select(id => $"{RiskRegister.EntityCode(data.Result.SiteIds, id)} {data.EntityName(id)}");
        var risks = RegisterRisk.All.Select(r => $"{r.Code} {r.ShortName.ToLowerInvariant()}");
        return $"Key: a cell's codes are site-risk, e.g. S1-EH = site 1, extreme heat. Sites: {string.Join(", ", sites)}, P portfolio. "
            + $"Risks: {string.Join(", ", risks)}. The small number in a cell's corner is its rating (likelihood × impact); \"+N more\": risks in that cell not listed for lack of room (all are in the register).";
    }

    private static SitePue SitePueOf(ReportData data, Site site)
    {
        var index = data.Index;
        var years = new[] { index.ShortHorizon, index.LongHorizon }.Distinct().ToArray();
        var perYear = years.Select(y =>
        {
            var rule = data.LimitInForce(site, y);
            var cells = data.Result.ScenarioIds.Select(s => index.Cell(s, site.Id, y, Metric.Pue)).ToArray();
            var pExceed = cells.Select(c => c.PExceed).Where(v => !double.IsNaN(v)).ToArray();
            return new PueAtYear(y, rule, rule is not null && data.IsAssumption(rule), cells.Select(c => c.P50).ToArray(), pExceed);
        }).ToArray();
        return new SitePue(site, perYear);
    }

    /// <summary>
    /// The source notes of the inputs the run used. A table whose rows are keyed by something the
    /// run names (a site, PUE jurisdiction, cooling type, grid, scenario or warming pathway — the
    /// first key column) keeps only the rows of what the run used; other tables are kept whole;
    /// candidate sites (<c>cand-…</c>) are never part of a run.
    /// </summary>
    private static DataSourceNote[] UsedBy(ReportData data)
    {
        var used = data.Sites.SelectMany(s => new[] { s.Id, s.PueJurisdiction, s.Cooling.Id, s.Grid })
            .Concat(data.Result.ScenarioIds)
            .Concat(data.Scenarios.Select(s => s?.Ssp).OfType<string>())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        static string First(DataSourceNote n) => n.Key.Split(' ', 2)[0].Trim();
        return data.Sources.DataSources
            .Where(n => !First(n).StartsWith("cand-", StringComparison.Ordinal))
            .GroupBy(n => n.File)
            .SelectMany(file => file.Any(n => used.Contains(First(n))) ? file.Where(n => used.Contains(First(n))) : file)
            .ToArray();
    }

    private static string Range(IEnumerable<double> probabilities)
    {
        var list = probabilities.ToArray();
        return Format.PercentRange(list.Min(), list.Max());
    }
}
