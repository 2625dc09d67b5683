using System.Globalization;
using System.Text;
using ClimateRisk.Reporting.Internal;

namespace ClimateRisk.Reporting.Register;

/// <summary>
/// Writes the register as Markdown for a risk committee's paper or a wiki: the scales, the
/// highest-rated risks, the full register with ratings per scenario, and the controls quoted
/// from the operators' disclosures with their English gloss and source.
/// </summary>
public static class RegisterMarkdownWriter
{
    /// <summary>Writes <paramref name="register"/> to <paramref name="writer"/>.</summary>
    /// <param name="register">The register.</param>
    /// <param name="scenarioName">Display name of a scenario id.</param>
    /// <param name="writer">Where to write (LF line ends).</param>
    public static void Write(RiskRegister register, Func<string, string> scenarioName, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(scenarioName);
        ArgumentNullException.ThrowIfNull(writer);
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');

        Line("# Climate risk register");
        Line();
        Line("Scored per MODEL §13 from the run's results. Likelihood 1–5 from the annual probability of a material impact "
            + "(< 1 %, 1–5 %, 5–20 %, 20–50 %, ≥ 50 %); impact 1–5 from the P95 annual financial effect against "
            + "data/register/thresholds.csv; rating = likelihood × impact (low 1–4, moderate 5–9, high 10–16, very high 20–25). "
            + "Figures are for the row's horizon year: the first reporting horizon at which the risk reaches its highest rating in any scenario. "
            + "Money in real 2023 CNY millions.");
        Line();
        Line("Scenarios: " + string.Join("; ", register.ScenarioIds.Select((s, i) => $"{Letter(i)} = {scenarioName(s)}")) + ".");
        Line();
        var unconverged = register.Rows.Where(r => !register.IsConverged(r)).ToArray();
        Line($"Convergence: † marks a mean whose relative standard error exceeds {Format.Percent(register.ConvergenceTarget)} in at least one scenario "
            + $"(not converged: {Format.Int(unconverged.Length)} of {Format.Int(register.Rows.Count)} rows"
            + (unconverged.Length > 0 ? ": " + string.Join(", ", unconverged.Select(r => r.RiskId)) : string.Empty)
            + "). More paths, or run --target-rse, narrow them.");
        Line();

        Line("## Highest-rated risks");
        Line();
        Line("| ID | Site / portfolio | Risk | Category | Horizon | Max rating | Worst scenario | Mean | P95 | Controls |");
        Line("|---|---|---|---|---|---:|---|---:|---:|---|");
        foreach (var row in Top(register, 10))
        {
            var worst = row.Score(row.WorstScenario);
            Line($"| {row.RiskId} | {Escape(row.EntityName)} | {Escape(row.Risk.Name)} | {row.Risk.Category} | {row.Horizon} ({Format.Int(row.HorizonYear)}) | "
                + $"{Format.Int(row.MaxRating)} ({RiskScoring.Band(row.MaxRating)}) | {Escape(scenarioName(row.WorstScenario))} | {Format.Millions(worst.MeanCny)}{Dagger(register, row)} | {Format.Millions(worst.P95Cny)} | {Sources(row)} |");
        }

        Line();
        Line("## Register");
        Line();
        var header = new StringBuilder("| ID | Site / portfolio | Risk | Category | Horizon |");
        var rule = new StringBuilder("|---|---|---|---|---|");
        for (var i = 0; i < register.ScenarioIds.Count; i++)
        {
            header.Append(' ').Append(Letter(i)).Append(": L×I=R |");
            rule.Append("---|");
        }

        header.Append(" Max | Mean (worst) | P95 (worst) | Note |");
        rule.Append("---:|---:|---:|---|");
        Line(header.ToString());
        Line(rule.ToString());
        foreach (var row in register.Rows)
        {
            var line = new StringBuilder($"| {row.RiskId} | {Escape(row.EntityName)} | {Escape(row.Risk.Name)} | {row.Risk.Category} | {row.Horizon} ({Format.Int(row.HorizonYear)}) |");
            foreach (var score in row.Scores)
            {
                line.Append(CultureInfo.InvariantCulture, $" {Format.Int(score.Likelihood)}×{Format.Int(score.Impact)}={Format.Int(score.Rating)} |");
            }

            var worst = row.Score(row.WorstScenario);
            line.Append(CultureInfo.InvariantCulture, $" {Format.Int(row.MaxRating)} | {Format.Millions(worst.MeanCny)}{Dagger(register, row)} | {Format.Millions(worst.P95Cny)} | {Escape(row.Note)} |");
            Line(line.ToString());
        }

        Line();
        Line("## Controls in force (quoted from the operators' disclosures)");
        Line();
        foreach (var group in register.Rows.SelectMany(r => r.Controls.Select(c => (Row: r, Control: c)))
                     .GroupBy(x => (x.Control.Operator, x.Control.SiteId, x.Control.Risk, x.Control.Quote, x.Control.Source)))
        {
            var control = group.First().Control;
            var ids = string.Join(", ", group.Select(x => x.Row.RiskId).Distinct());
            var scope = control.SiteId.Length > 0 ? $"{control.Operator}, {control.SiteId}" : $"{control.Operator}, all sites";
            Line($"- **{ids}** ({scope}): {Escape(control.English)} — 「{Escape(control.Quote)}」 ({control.Source})");
        }

        writer.Write(text.ToString());
    }

    /// <summary>Writes the register to the file <paramref name="path"/> (UTF-8 without BOM).</summary>
    public static void Write(RiskRegister register, Func<string, string> scenarioName, string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        Write(register, scenarioName, writer);
    }

    /// <summary>The <paramref name="count"/> highest-rated exposed rows (then by P95 in the worst scenario).</summary>
    public static IReadOnlyList<RegisterRow> Top(RiskRegister register, int count)
    {
        ArgumentNullException.ThrowIfNull(register);
        return register.Rows.Where(r => r.Exposed)
            .OrderByDescending(r => r.MaxRating)
            .ThenByDescending(r => r.Score(r.WorstScenario).P95Cny)
            .ThenBy(r => r.RiskId, StringComparer.Ordinal)
            .Take(count)
            .ToArray();
    }

    private static string Sources(RegisterRow row)
        => row.Controls.Count == 0 ? "none disclosed" : string.Join(", ", row.Controls.Select(c => c.Source).Distinct());

    private static string Letter(int index) => ((char)('A' + index)).ToString();

    private static string Dagger(RiskRegister register, RegisterRow row) => register.IsConverged(row) ? string.Empty : " †";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
