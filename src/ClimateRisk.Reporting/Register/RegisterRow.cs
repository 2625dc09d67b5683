using ClimateRisk.IO;

namespace ClimateRisk.Reporting.Register;

/// <summary>One row of the risk register: a risk at one site or at the portfolio (MODEL §13).</summary>
public sealed record RegisterRow
{
    /// <summary>Stable id, e.g. <c>S1-FL</c> (site 1 in run order, flood) or <c>P-CP</c> (portfolio, carbon price).</summary>
    public required string RiskId { get; init; }

    /// <summary>Site id or <c>portfolio</c>.</summary>
    public required string EntityId { get; init; }

    /// <summary>Display name of the site, or "Portfolio".</summary>
    public required string EntityName { get; init; }

    /// <summary>The risk.</summary>
    public required RegisterRisk Risk { get; init; }

    /// <summary>Whether the site (any site, for the portfolio) is exposed to the risk's hazard.</summary>
    public required bool Exposed { get; init; }

    /// <summary>The horizon year the scores are for.</summary>
    public required int HorizonYear { get; init; }

    /// <summary><c>short</c>, <c>medium</c> or <c>long</c> (TCFD / ISSB S2 horizons).</summary>
    public required string Horizon { get; init; }

    /// <summary>Scores per scenario, in run order.</summary>
    public required IReadOnlyList<ScenarioScore> Scores { get; init; }

    /// <summary>Controls in force.</summary>
    public required IReadOnlyList<DisclosedControl> Controls { get; init; }

    /// <summary>Remarks (exposure, PUE-limit breach probabilities).</summary>
    public required string Note { get; init; }

    /// <summary>The highest rating across scenarios.</summary>
    public int MaxRating => Scores.Count == 0 ? 0 : Scores.Max(s => s.Rating);

    /// <summary>The scenario with the highest rating (then the highest P95).</summary>
    public string WorstScenario => Scores.OrderByDescending(s => s.Rating).ThenByDescending(s => s.P95Cny).Select(s => s.ScenarioId).FirstOrDefault() ?? string.Empty;

    /// <summary>The score under <paramref name="scenarioId"/>.</summary>
    public ScenarioScore Score(string scenarioId) => Scores.First(s => s.ScenarioId == scenarioId);
}
