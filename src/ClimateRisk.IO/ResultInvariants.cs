using System.Globalization;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.IO;

/// <summary>
/// What every cell of a result must satisfy whatever the inputs: quantiles in order
/// (P5 ≤ P25 ≤ P50 ≤ P75 ≤ P95 ≤ P99), a finite mean, a standard error and deviation
/// ≥ 0, a probability in [0, 1]. <c>merge</c> checks them before writing, so that partial
/// results damaged in a way no checksum caught still cannot become a plausible-looking report.
/// </summary>
public static class ResultInvariants
{
    /// <summary>The first <paramref name="limit"/> violations, each as "scenario entity year metric: what".</summary>
    public static IReadOnlyList<string> Violations(SimulationResult result, int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(result);
        var found = new List<string>();
        foreach (var cell in result.Cells)
        {
            if (Check(cell.Statistics) is { } problem)
            {
                found.Add(string.Create(CultureInfo.InvariantCulture, $"{cell.ScenarioId} {cell.EntityId} {cell.Year} {MetricNames.Name(cell.Metric)}: {problem}"));
            }

            if (found.Count >= limit)
            {
                return found;
            }
        }

        foreach (var npv in result.Npv)
        {
            if (Check(npv.Statistics) is { } problem)
            {
                found.Add($"{npv.ScenarioId} {npv.EntityId} npv: {problem}");
            }

            if (found.Count >= limit)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>The first broken invariant of <paramref name="s"/>, or null.</summary>
    public static string? Check(CellStatistics s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Count <= 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"count {s.Count} ≤ 0");
        }

        if (!double.IsFinite(s.Mean) || !(s.StandardError >= 0) || !(s.StandardDeviation >= 0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"mean {s.Mean}, se {s.StandardError}, sd {s.StandardDeviation} (expected a finite mean and se, sd ≥ 0)");
        }

        double[] q = [s.P5, s.P25, s.P50, s.P75, s.P95, s.P99];
        string[] names = ["p5", "p25", "p50", "p75", "p95", "p99"];
        for (var i = 1; i < q.Length; i++)
        {
            if (!(q[i - 1] <= q[i]))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{names[i - 1]} {q[i - 1]} > {names[i]} {q[i]}");
            }
        }

        if (!double.IsNaN(s.PExceed) && !(s.PExceed is >= 0 and <= 1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"p_exceed {s.PExceed} outside [0, 1]");
        }

        return null;
    }
}
