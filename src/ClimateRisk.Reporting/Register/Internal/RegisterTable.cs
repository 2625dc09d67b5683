using System.Globalization;
using ClimateRisk.IO;

namespace ClimateRisk.Reporting.Register.Internal;

/// <summary>
/// The register as a table, shared by the CSV and XLSX writers so both carry the same columns
/// and the same values (money rounded to whole CNY, probabilities as fractions).
/// </summary>
internal static class RegisterTable
{
    public static IReadOnlyList<RegisterColumn> Columns(RiskRegister register)
    {
        var columns = new List<RegisterColumn>
        {
            new("risk_id", RegisterCellKind.Text, 9, r => r.RiskId),
            new("entity", RegisterCellKind.Text, 24, r => r.EntityId),
            new("entity_name", RegisterCellKind.Text, 34, r => r.EntityName),
            new("risk", RegisterCellKind.Text, 22, r => r.Risk.Key),
            new("risk_name", RegisterCellKind.Text, 34, r => r.Risk.Name),
            new("category", RegisterCellKind.Text, 16, r => r.Risk.Category),
            new("metrics", RegisterCellKind.Text, 34, r => string.Join(" + ", r.Risk.Metrics.Select(Core.Simulation.MetricNames.Name))),
            new("exposed", RegisterCellKind.Text, 9, r => r.Exposed ? "true" : "false"),
            new("horizon", RegisterCellKind.Text, 9, r => r.Horizon),
            new("horizon_year", RegisterCellKind.Year, 8, r => r.HorizonYear),
        };
        foreach (var scenario in register.ScenarioIds)
        {
            columns.Add(new($"{scenario}_likelihood", RegisterCellKind.Score, 12, r => r.Score(scenario).Likelihood));
            columns.Add(new($"{scenario}_impact", RegisterCellKind.Score, 12, r => r.Score(scenario).Impact));
            columns.Add(new($"{scenario}_rating", RegisterCellKind.Rating, 12, r => r.Score(scenario).Rating));
            columns.Add(new($"{scenario}_p_material", RegisterCellKind.Probability, 12, r => r.Score(scenario).ProbabilityMaterial));
            columns.Add(new($"{scenario}_mean_cny", RegisterCellKind.Money, 15, r => Math.Round(r.Score(scenario).MeanCny)));
            columns.Add(new($"{scenario}_p95_cny", RegisterCellKind.Money, 15, r => Math.Round(r.Score(scenario).P95Cny)));
            columns.Add(new($"{scenario}_mean_rse", RegisterCellKind.Probability, 12, r => double.IsFinite(r.Score(scenario).MeanRse) ? r.Score(scenario).MeanRse : double.NaN));
        }

        columns.Add(new("max_rating", RegisterCellKind.Rating, 10, r => r.MaxRating));
        columns.Add(new("max_rating_band", RegisterCellKind.Text, 12, r => RiskScoring.Band(r.MaxRating)));
        columns.Add(new("worst_scenario", RegisterCellKind.Text, 26, r => r.WorstScenario));
        columns.Add(new("converged", RegisterCellKind.Text, 11, r => register.IsConverged(r) ? "true" : "false"));
        columns.Add(new("controls", RegisterCellKind.LongText, 70, r => string.Join("; ", r.Controls.Select(c => $"{c.Operator}: {c.English} [{c.Source}]"))));
        columns.Add(new("controls_quoted", RegisterCellKind.LongText, 60, r => string.Join(" | ", r.Controls.Select(Quoted))));
        columns.Add(new("note", RegisterCellKind.LongText, 60, r => r.Note));
        return columns;
    }

    /// <summary>The CSV text of a value (invariant culture; numbers in shortest round-trip form).</summary>
    public static string Text(object value) => value switch
    {
        double d => double.IsNaN(d) ? string.Empty : d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => s,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Quoted(DisclosedControl control) => $"{control.Quote} ({control.Source})";
}
