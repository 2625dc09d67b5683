using System.Globalization;
using ClimateRisk.Core.Sensitivity;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.Internal;

namespace ClimateRisk.Reporting.BoardPack;

/// <summary>
/// One sentence per scenario saying what drives the spread of the portfolio NPV, generated from
/// its Sobol indices (results/sensitivity.csv): the leading driver by total index, the other
/// drivers whose total index is at least <see cref="Material"/>, whether they act alone or
/// through interactions, and how many drivers are left that each explain less.
/// </summary>
public static class SensitivitySentence
{
    /// <summary>A driver is named when its total index reaches this share of the variance.</summary>
    public const double Material = 0.05;

    /// <summary>The leading driver "drives most" of the spread when its first-order index reaches this.</summary>
    public const double Dominant = 0.5;

    /// <summary>
    /// The sentence for <paramref name="scenarioId"/> from the portfolio NPV rows of
    /// <paramref name="indices"/>, or null when there are none.
    /// </summary>
    public static string? For(string scenarioId, string scenarioName, IReadOnlyList<SensitivityIndex> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var rows = indices
            .Where(i => i.ScenarioId == scenarioId && i.EntityId == SimulationResult.PortfolioId && i.Metric == Metric.TotalClimateCostCny.Name() && i.Horizon == "npv")
            .ToArray();
        if (rows.Length == 0)
        {
            return null;
        }

        var defined = rows.Where(r => !double.IsNaN(r.Estimate.Total) && !double.IsNaN(r.Estimate.FirstOrder))
            .OrderByDescending(r => r.Estimate.Total)
            .ThenBy(r => (int)r.Driver)
            .ToArray();
        if (defined.Length == 0)
        {
            return $"{scenarioName}: the portfolio NPV does not vary across paths, so no driver can be ranked.";
        }

        var lead = defined[0];
        var material = defined.Skip(1).Where(r => r.Estimate.Total >= Material).ToArray();
        var alone = material.Where(r => r.Estimate.FirstOrder >= r.Estimate.Total / 2).Take(2).ToArray();
        var together = material.Where(r => r.Estimate.FirstOrder < r.Estimate.Total / 2).Take(2).ToArray();

        string sentence;
        if (lead.Estimate.Total < Material)
        {
            sentence = $"{scenarioName}: no driver explains as much as {Pct(Material)} of the spread of the portfolio NPV";
        }
        else if (lead.Estimate.FirstOrder >= Dominant)
        {
            sentence = $"{scenarioName}: the spread of the portfolio NPV is driven mostly by {DriverLabels.Phrase(lead.Driver)} (alone {PctSe(lead.Estimate.FirstOrder, lead.Estimate.FirstOrderSe)} of its variance)";
        }
        else
        {
            sentence = $"{scenarioName}: no single driver dominates the spread of the portfolio NPV; the largest is {DriverLabels.Phrase(lead.Driver)} ({PctSe(lead.Estimate.FirstOrder, lead.Estimate.FirstOrderSe)} alone, {PctSe(lead.Estimate.Total, lead.Estimate.TotalSe)} with interactions)";
        }

        if (alone.Length > 0)
        {
            sentence += ", followed by " + string.Join(" and ", alone.Select(r => $"{DriverLabels.Phrase(r.Driver)} ({PctSe(r.Estimate.FirstOrder, r.Estimate.FirstOrderSe)})"));
        }

        foreach (var r in together)
        {
            sentence += $"; {DriverLabels.Phrase(r.Driver)} matters mainly through interactions (total {PctSe(r.Estimate.Total, r.Estimate.TotalSe)}, alone {PctSe(r.Estimate.FirstOrder, r.Estimate.FirstOrderSe)})";
        }

        if (lead.Estimate.Total >= Material)
        {
            var named = new HashSet<SensitivityDriver>(alone.Concat(together).Select(r => r.Driver)) { lead.Driver };
            var unnamed = rows.Where(r => !named.Contains(r.Driver)).ToArray();
            var largest = unnamed.Select(r => r.Estimate.Total).Where(t => !double.IsNaN(t)).DefaultIfEmpty(0).Max();
            var bound = largest < Material ? $"less than {Pct(Material)}" : $"at most {Pct(largest)}";
            if (unnamed.Length == 1)
            {
                sentence += $"; the remaining driver explains {bound}";
            }
            else if (unnamed.Length > 1)
            {
                sentence += $"; the other {unnamed.Length.ToString(CultureInfo.InvariantCulture)} drivers each explain {bound}";
            }
        }

        return sentence + ".";
    }

    /// <summary>"62 %": a share as a whole percentage (never "−0 %").</summary>
    private static string Pct(double share)
    {
        var rounded = Math.Round(share * 100, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0", CultureInfo.InvariantCulture).Replace("-", "−", StringComparison.Ordinal) + " %";
    }

    /// <summary>"62 % ± 8 %".</summary>
    private static string PctSe(double share, double se) => $"{Pct(share)} ± {Pct(se)}";
}
