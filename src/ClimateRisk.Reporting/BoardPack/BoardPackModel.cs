using ClimateRisk.Core.Finance;
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

    /// <summary>A site page lists at most this many register rows (the page has room for them beside its two charts).</summary>
    public const int SiteRisksShown = 4;

    /// <summary>The register page lists this many of the highest-rated risks.</summary>
    public const int RegisterRowsShown = 8;

    /// <summary>The return period of a site page's tail fact, years.</summary>
    public const double SiteTailReturnPeriod = 100;

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

    /// <summary>The site whose fan chart the PUE page shows (the first whose long-horizon limit carries a surcharge) and its caption; null when no limit is priced.</summary>
    public required (string Site, string Caption)? PricedPueChart { get; init; }

    /// <summary>The register page's rows: the highest-rated risks (<see cref="RegisterRowsShown"/>).</summary>
    public required IReadOnlyList<RegisterRow> RegisterTop { get; init; }

    /// <summary>The register page's footnote: the convergence target and which register rows miss it.</summary>
    public required string RegisterConvergenceNote { get; init; }

    /// <summary>The reporting horizons of the tables (e.g. 2030, 2040, 2050).</summary>
    public required IReadOnlyList<int> Horizons { get; init; }

    /// <summary>The emissions table: one row per scenario.</summary>
    public required IReadOnlyList<EmissionsRow> Emissions { get; init; }

    /// <summary>The IFRS S2 financial-effects section; null when the results carry no financial effects.</summary>
    public required FinancialEffectsSummary? FinancialEffects { get; init; }

    /// <summary>The sensitivity section; null when the run has no portfolio NPV indices.</summary>
    public required DriversSummary? Drivers { get; init; }

    /// <summary>One page per site, in the order of the run's sites.</summary>
    public required IReadOnlyList<SitePage> Sites { get; init; }

    /// <summary>Which sites use a PUE response learned from telemetry (<c>--pue-response</c>), in a sentence; null when none does.</summary>
    public required string? LearnedPueNote { get; init; }

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
            PricedPueChart = PricedChart(data),
            RegisterTop = RegisterMarkdownWriter.Top(register, RegisterRowsShown),
            RegisterConvergenceNote = RegisterConvergence(register),
            Horizons = index.Horizons,
            Emissions = scenarios.Select(s => new EmissionsRow(
                s,
                data.ScenarioName(s),
                index.Horizons.Select(h => index.Cell(s, p, h, Metric.Scope2MarketT).Mean).ToArray(),
                index.Horizons.Select(h => index.Cell(s, p, h, Metric.CarbonCostCny).Mean).ToArray())).ToArray(),
            FinancialEffects = FinancialEffectsOf(data),
            Drivers = DriversOf(data),
            Sites = data.Sites.Select(site => SitePageOf(data, register, site)).ToArray(),
            LearnedPueNote = LearnedPue(data),
        };
    }

    /// <summary>
    /// A site's page: its facts (operator, load, cooling, PUE reported/target and the limit in
    /// force at the long horizon — "assumed" first so an ellipsis never cuts it — assets and BI,
    /// hazards, renewables, and the 1-in-100-year loss at the long horizon, worst scenario), the
    /// register rows it lists and the note on those it does not.
    /// </summary>
    public static SitePage SitePageOf(ReportData data, RiskRegister register, Site site)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(site);
        var index = data.Index;
        var scenarios = data.Result.ScenarioIds;
        var year = index.LongHorizon;
        var rule = data.LimitInForce(site, year);
        var exposures = RegisterRisk.All.Take(3).Where(r => r.IsExposed(site)).Select(r => r.Key.Replace('_', ' ')).ToArray();
        var tails = scenarios
            .Select(s => (Scenario: s, Point: index.Curve(s, site.Id, year, "AEP").OrderBy(x => Math.Abs(x.ReturnPeriodY - SiteTailReturnPeriod)).FirstOrDefault()))
            .Where(t => t.Point is not null)
            .OrderByDescending(t => t.Point!.LossCny)
            .ToArray();
        var facts = new List<SiteFact>
        {
            new("Operator", $"{site.Operator}, {site.Tenure}"),
            new("IT load", $"{Format.Fixed(site.ItLoadMw, 1)} MW, +{Format.Percent(site.LoadGrowth)}/yr"),
            new("Cooling", site.Cooling.Id.Replace('_', ' ')),
            new("PUE reported / target", $"{Format.Pue(site.ReportedPue)} ({Format.Int(site.ReportingYear)}) / {Format.Pue(site.PueTarget)}"),
            new("PUE limit", rule is null ? "none" : data.IsAssumption(rule) ? $"{Format.Pue(rule.LimitPue)} from {Format.Int(rule.FromYear)}, assumed" : $"{Format.Pue(rule.LimitPue)} from {Format.Int(rule.FromYear)} ({site.PueJurisdiction})"),
            new("Assets / BI", $"{Format.MoneyShort(site.AssetValueCny)} / {Format.MoneyShort(site.BiCnyPerDay)} a day"),
            new("Hazards", exposures.Length == 0 ? "heat, drought" : string.Join(", ", exposures) + " (+ heat, drought)"),
            new("Renewables 2023–30–50", $"{Format.Percent(site.RenewableShare.At(2023))} → {Format.Percent(site.RenewableShare.At(2030))} → {Format.Percent(site.RenewableShare.At(2050))}"),
        };
        if (tails.Length > 0)
        {
            var (worst, point) = tails[0];
            facts.Add(new($"{Format.ReturnPeriod(point!.ReturnPeriodY)}-year loss {Format.Int(year)}", $"{Format.MoneyShort(point.LossCny)} a year, {data.ScenarioName(worst)}"));
        }

        double Breach(int y) => scenarios.Select(s => index.Cell(s, site.Id, y, Metric.Pue).PExceed).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max();
        var rows = register.Rows.Where(r => r.EntityId == site.Id && r.Exposed).ToArray();
        bool Listed(RegisterRow r) => r.MaxRating >= 2 || (r.Risk.Key == "efficiency_regulation" && Breach(r.HorizonYear) >= 0.5);
        var listed = rows.Where(Listed).OrderByDescending(r => r.MaxRating).ThenBy(r => r.RiskId, StringComparer.Ordinal).ToArray();
        var shown = listed.Take(SiteRisksShown).ToArray();
        var low = rows.Where(r => !Listed(r)).ToArray();
        var notes = new List<string>();
        if (listed.Length > shown.Length)
        {
            notes.Add($"Also rated 2 or more: {string.Join(", ", listed.Skip(shown.Length).Select(r => $"{r.RiskId} {r.Risk.Name.ToLowerInvariant()} ({Format.Int(r.MaxRating)})"))}.");
        }

        if (low.Length > 0)
        {
            notes.Add($"Rated 1 (low) in every scenario: {string.Join(", ", low.Select(r => $"{r.RiskId} {r.Risk.Name.ToLowerInvariant()}"))}.");
        }

        var lowNote = notes.Count == 0 ? null : string.Join(" ", notes) + " Full register: register/risk_register.xlsx.";
        var key = "Scenarios: " + string.Join("; ", scenarios.Select((s, i) => $"{ScenarioLetter(i)} = {data.ScenarioName(s)}")) + ".";
        return new SitePage(site, facts, shown, lowNote, key);
    }

    /// <summary>The letter of the <paramref name="position"/>-th scenario in the rating chips (A, B, …).</summary>
    public static string ScenarioLetter(int position) => ((char)('A' + position)).ToString();

    /// <summary>"† Not converged: …": the target, the register rows above it (or that none is), and what narrows them.</summary>
    public static string RegisterConvergence(RiskRegister register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var unconverged = register.Rows.Where(r => !register.IsConverged(r)).Select(r => r.RiskId).ToArray();
        return $"† Not converged: the mean's relative standard error exceeds {Format.Percent(register.ConvergenceTarget)} in at least one scenario. "
            + (unconverged.Length == 0 ? "Every register row is converged." : $"{Format.Int(unconverged.Length)} of {Format.Int(register.Rows.Count)} register rows are not: {string.Join(", ", unconverged)}.")
            + " More paths (or run --target-rse) narrow them; the full register lists the RSE of every mean.";
    }

    private static (string, string)? PricedChart(ReportData data)
    {
        var priced = data.Sites.Where(s => data.LimitInForce(s, data.Index.LongHorizon)?.SurchargeCnyPerKwh > 0).ToArray();
        if (priced.Length == 0)
        {
            return null;
        }

        var which = priced.Length == 1 ? "the only site whose PUE limit carries a surcharge" : $"one of {Format.Int(priced.Length)} sites whose PUE limit carries a surcharge";
        return (priced[0].Id, $"{priced[0].Name}: {which}. Every site's fan chart is on its own page.");
    }

    private static FinancialEffectsSummary? FinancialEffectsOf(ReportData data)
    {
        var rows = data.Result.Financial.Where(f => f.EntityId == SimulationResult.PortfolioId).ToArray();
        if (rows.Length == 0)
        {
            return null;
        }

        var years = data.Index.ReportingYears;
        FinancialEffect? Row(string scenario, int year, FinancialItem item, FinancialBasis basis)
            => rows.FirstOrDefault(r => r.ScenarioId == scenario && r.Year == year && r.Item == item && r.Basis == basis);
        var table = data.Result.ScenarioIds.SelectMany(s => years.Select((y, i) => new FinancialEffectsRow(
            s,
            data.ScenarioName(s),
            y,
            Term(i, years.Count),
            Row(s, y, FinancialItem.Opex, FinancialBasis.Net),
            Row(s, y, FinancialItem.Capex, FinancialBasis.Net),
            Row(s, y, FinancialItem.Revenue, FinancialBasis.Net),
            Row(s, y, FinancialItem.Ebitda, FinancialBasis.Net),
            Row(s, y, FinancialItem.Ebitda, FinancialBasis.Gross)))).ToArray();
        var insured = data.Sites.Count(s => data.Inputs.Finance.Insurance.ContainsKey(s.Id));
        var text = "The adverse effect on the statements in a year (CNY m, mean / P95 over the simulated paths; positive = worse), net of insurance. "
            + "OpEx: climate-driven energy (PUE drift, drought cooling), carbon cost, PUE surcharge, green-power premium and the change of the insurance premium; "
            + "CapEx: repair or replacement of direct damage after property recoveries; revenue: business interruption after failover and BI recoveries; "
            + "EBITDA = OpEx + revenue effect on every path (CapEx is below EBITDA). "
            + $"{Format.Int(insured)} of {Format.Int(data.Sites.Count)} sites are insured (data/finance/insurance.csv); the gross column is before recoveries and premium change. "
            + "% of EBITDA: mean net EBITDA effect against the baseline EBITDA of data/finance/baselines.csv. Every site and the NPV are in results/financial_effects.csv.";
        return new FinancialEffectsSummary(text, table);
    }

    /// <summary>"short", "medium", "long" for the reporting horizons (two: short and long; one: long).</summary>
    private static string Term(int position, int count)
        => count >= 3 ? (position == 0 ? "short" : position == count - 1 ? "long" : "medium") : count == 2 ? (position == 0 ? "short" : "long") : "long";

    private static DriversSummary? DriversOf(ReportData data)
    {
        var scenarios = ReportBuilder.SensitivityScenarios(data.Result, data.Sensitivity).ToArray();
        if (scenarios.Length == 0)
        {
            return null;
        }

        var sentences = scenarios.Select(s => SensitivitySentence.For(s, data.ScenarioName(s), data.Sensitivity!)).OfType<string>().ToArray();
        return new DriversSummary(scenarios, sentences);
    }

    private static string? LearnedPue(ReportData data)
    {
        var sites = data.Sites.Where(s => s.LearnedPueResponse is not null).Select(s => s.Name).ToArray();
        if (sites.Length == 0)
        {
            return null;
        }

        var file = data.Manifest.Inputs?.PueResponseFile?.Replace('\\', '/') ?? "the --pue-response file";
        var synthetic = file.Contains("synthetic", StringComparison.OrdinalIgnoreCase)
            ? " That response was learned from SYNTHETIC example telemetry (generated from a stated curve plus noise): it demonstrates the method and is not fit for disclosure."
            : string.Empty;
        return $"Learned PUE response ({file}, from 'climaterisk calibrate'): {string.Join(", ", sites)} use the hourly PUE curve learned from their own telemetry in place of their cooling type's default curve; its level is still calibrated to the reported PUE (shape from telemetry, level from the disclosure; docs/model.md §4). The other sites use the default curves.{synthetic}";
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
            // Amounts as on the key-figure cards ("CNY 1.3 bn"), so one number reads the same on one page.
            var ratio = tail.LossCny / mean;
            yield return $"{(ratio >= 5 ? "Physical losses come in rare, large events" : "Physical losses are fairly steady from year to year")}: under {data.ScenarioName(byPhysical)} the {Format.ReturnPeriod(tail.ReturnPeriodY)}-year portfolio loss in {Format.Int(year)} is {Format.MoneyShort(tail.LossCny)}, "
                + $"{Format.Fixed(ratio, ratio < 10 ? 1 : 0)} times the expected annual physical loss of {Format.MoneyShort(mean)}.";
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
