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
        foreach (var f in result.Financial)
        {
            var s = f.Statistics;
            writer.Write(string.Join(
                ',',
                CsvText.Field(f.ScenarioId),
                CsvText.Field(f.EntityId),
                f.Year is { } year ? CsvText.Integer(year) : NpvHorizon,
                f.Item.Name(),
                f.Basis.Name(),
                CsvText.Number(s.Mean),
                CsvText.Number(s.StandardError),
                CsvText.Number(s.P5),
                CsvText.Number(s.P50),
                CsvText.Number(s.P95),
                CsvText.Number(f.BaselineCny),
                CsvText.Number(f.MeanPercentOfBaseline)) + "\n");
        }
    }
}
