using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// Writes results/financial_effects.csv (MODEL §15, docs/data.md): per scenario, entity (site or
/// portfolio), horizon (year or <c>npv</c>), item (<c>opex, capex, revenue, ebitda</c>) and basis
/// (<c>gross, net</c>) the adverse effect in CNY (positive = worse) with its s.e. and quantiles,
/// then the baseline it is set against and the mean as % of it (empty without a baseline).
/// Invariant culture, shortest round-trip numbers.
/// </summary>
public static class FinancialEffectsWriter
{
    /// <summary>The file name.</summary>
    public const string FileName = "financial_effects.csv";

    /// <summary>The header line.</summary>
    public const string Header = "scenario,entity,horizon,item,basis,mean,se,p5,p50,p95,baseline_cny,mean_pct_of_baseline";

    /// <summary>The horizon label of the NPV rows.</summary>
    public const string NpvHorizon = "npv";

    /// <summary>Writes the rows of <paramref name="result"/>, in its order.</summary>
    public static void Write(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header + "\n");

        // One builder for every line and the numbers appended without a string each, as the
        // results files are (ResultsWriter.WriteLines).
        var line = new System.Text.StringBuilder(256);
        foreach (var f in result.Financial)
        {
            var s = f.Statistics;
            line.Clear().Append(CsvText.Field(f.ScenarioId)).Append(',').Append(CsvText.Field(f.EntityId)).Append(',');
            if (f.Year is { } year)
            {
                CsvText.AppendInteger(line, year);
            }
            else
            {
                line.Append(NpvHorizon);
            }

            line.Append(',').Append(f.Item.Name()).Append(',').Append(f.Basis.Name()).Append(',');
            writer.Write(CsvText.AppendNumbers(line, s.Mean, s.StandardError, s.P5, s.P50, s.P95, f.BaselineCny, f.MeanPercentOfBaseline).Append('\n'));
        }
    }
}
