using ClimateRisk.Core.Model;
using ClimateRisk.Core.Sensitivity;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO;
using ClimateRisk.Reporting.Internal;

namespace ClimateRisk.Reporting;

/// <summary>
/// Everything a report is drawn from: the results (simulated now or read back from a run
/// directory), the run's manifest, the inputs that give names, targets, limits and thresholds,
/// and the <see cref="ReportSources"/>.
/// </summary>
public sealed class ReportData
{
    private ResultIndex? _index;

    private ReportData(SimulationResult result, RunManifest manifest, ModelInputs inputs, ReportSources sources, IReadOnlyList<Site> sites, IReadOnlyList<Scenario?> scenarios)
    {
        Result = result;
        Manifest = manifest;
        Inputs = inputs;
        Sources = sources;
        Sites = sites;
        Scenarios = scenarios;
    }

    /// <summary>The results.</summary>
    public SimulationResult Result { get; }

    /// <summary>The run's manifest.</summary>
    public RunManifest Manifest { get; }

    /// <summary>The inputs (sites, scenarios, rules, thresholds).</summary>
    public ModelInputs Inputs { get; }

    /// <summary>Controls, scenario notes and data sources.</summary>
    public ReportSources Sources { get; }

    /// <summary>The sites of the results, in run order.</summary>
    public IReadOnlyList<Site> Sites { get; }

    /// <summary>The scenarios of the results, in run order (null where the inputs no longer have one with that id).</summary>
    public IReadOnlyList<Scenario?> Scenarios { get; }

    /// <summary>The Sobol indices of results/sensitivity.csv, or null when the run has none.</summary>
    public IReadOnlyList<SensitivityIndex>? Sensitivity { get; private init; }

    internal ResultIndex Index => _index ??= new ResultIndex(Result);

    /// <summary>
    /// Pairs results with inputs. Every site of the results must be in <paramref name="inputs"/>
    /// (its name, PUE target and limits are drawn); scenarios missing from the inputs are shown
    /// by id.
    /// </summary>
    /// <exception cref="InputException">When a site of the results is not among the inputs' sites.</exception>
    /// <param name="result">The results.</param>
    /// <param name="manifest">The run's manifest.</param>
    /// <param name="inputs">The inputs.</param>
    /// <param name="sources">Controls, scenario notes and data sources.</param>
    /// <param name="sensitivity">The rows of results/sensitivity.csv, or null when the run has none.</param>
    public static ReportData Create(SimulationResult result, RunManifest manifest, ModelInputs inputs, ReportSources sources, IReadOnlyList<SensitivityIndex>? sensitivity = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(sources);
        var missing = result.SiteIds.Where(id => inputs.Sites.All(s => s.Id != id)).ToArray();
        if (missing.Length > 0)
        {
            throw new InputException(missing.Select(id => new InputError("sites", 0, "site_id", id, "the run's sites in the sites file (pass --sites with the portfolio the run used)")).ToArray());
        }

        var sites = result.SiteIds.Select(id => inputs.Sites.First(s => s.Id == id)).ToArray();
        var scenarios = result.ScenarioIds.Select(id => inputs.Scenarios.FirstOrDefault(s => s.Id == id)).ToArray();
        return new ReportData(result, manifest, inputs, sources, sites, scenarios) { Sensitivity = sensitivity };
    }

    /// <summary>The display name of a scenario.</summary>
    public string ScenarioName(string scenarioId)
        => Inputs.Scenarios.FirstOrDefault(s => s.Id == scenarioId)?.Name ?? Sources.Scenarios.FirstOrDefault(s => s.Id == scenarioId)?.Name ?? scenarioId;

    /// <summary>The display name of a site, or "Portfolio".</summary>
    public string EntityName(string entityId)
        => entityId == SimulationResult.PortfolioId ? "Portfolio" : Sites.FirstOrDefault(s => s.Id == entityId)?.Name ?? entityId;

    /// <summary>The site with id <paramref name="siteId"/>, or null for the portfolio.</summary>
    public Site? Site(string siteId) => Sites.FirstOrDefault(s => s.Id == siteId);

    /// <summary>The PUE limit in force at <paramref name="site"/> in <paramref name="year"/>, or null when none (MODEL §10).</summary>
    public PueRule? LimitInForce(Site site, int year)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Inputs.PueRules.TryGetValue(site.PueJurisdiction, out var rules)
            ? rules.Where(r => r.FromYear <= year).OrderBy(r => r.FromYear).LastOrDefault()
            : null;
    }

    /// <summary>
    /// True when a PUE limit is an assumption of this project rather than a published rule: the
    /// rule's <c>basis</c> column (<see cref="PueRule.IsAssumed"/>), or, for rules read without
    /// it, a <c>source</c> in <c>pue_rules.csv</c> that starts with <c>assumption</c>.
    /// </summary>
    public bool IsAssumption(PueRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.IsAssumed)
        {
            return true;
        }

        var key = rule.Jurisdiction + " " + Format.Int(rule.FromYear);
        return Sources.DataSources.Any(n => n.File.EndsWith("pue_rules.csv", StringComparison.Ordinal) && n.Key == key
            && n.Source.TrimStart().StartsWith("assumption", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The materiality threshold of a metric at site or portfolio level, or null.</summary>
    public MaterialityThreshold? Threshold(Metric metric, bool portfolio)
        => Inputs.Thresholds.FirstOrDefault(t => t.Metric == metric.Name() && t.Level == (portfolio ? "portfolio" : "site"));
}
