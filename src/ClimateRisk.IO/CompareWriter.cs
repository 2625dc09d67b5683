using ClimateRisk.Core.Planning;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>Writes the results of <c>climaterisk compare</c>: candidates.csv (ranking) and measures.csv (cost–benefit).</summary>
public static class CompareWriter
{
    private static readonly string[] Components =
        ["flood", "coastal_flood", "typhoon", "extreme_heat", "water_stress", "chronic_heat_pue", "carbon_price", "efficiency_regulation", "renewable_premium"];

    /// <summary>The candidate ranking, one row per (scenario, candidate) in rank order.</summary>
    public static void WriteCandidates(IReadOnlyList<CandidateResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("scenario,rank,site,npv_mean_cny,npv_se_cny,npv_p5_cny,npv_p95_cny,cost_per_mwh_it_cny,pue_2030,pue_2050,p_breach_2030,p_breach_2050,dominant_component,"
            + "diff_to_best_cny,diff_se_paired_cny,diff_se_unpaired_cny," + string.Join(',', Components.Select(c => $"npv_{c}_cny")) + "\n");
        foreach (var r in results.OrderBy(r => r.ScenarioId, StringComparer.Ordinal).ThenBy(r => r.Rank))
        {
            var fields = new List<string>
            {
                CsvText.Field(r.ScenarioId), CsvText.Integer(r.Rank), CsvText.Field(r.SiteId),
                CsvText.Number(r.Npv.Mean), CsvText.Number(r.Npv.StandardError), CsvText.Number(r.Npv.P5), CsvText.Number(r.Npv.P95),
                CsvText.Number(r.CostPerMwh), CsvText.Number(r.Pue2030), CsvText.Number(r.Pue2050),
                CsvText.Number(r.BreachProbability2030), CsvText.Number(r.BreachProbability2050), r.DominantComponent,
                CsvText.Number(r.DifferenceToBest), CsvText.Number(r.DifferenceStandardError), CsvText.Number(r.UnpairedStandardError),
            };
            fields.AddRange(Components.Select(c => CsvText.Number(r.ComponentNpv.GetValueOrDefault(c, double.NaN))));
            writer.Write(string.Join(',', fields) + "\n");
        }
    }

    /// <summary>The measures' cost–benefit, one row per (scenario, measure).</summary>
    public static void WriteMeasures(IReadOnlyList<MeasureResult> results, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("scenario,measure,site,benefit_mean_cny,benefit_se_cny,benefit_p5_cny,benefit_p95_cny,p_benefit_positive,present_cost_cny,npv_cny,bcr,bcr_p5,bcr_p95,energy_cost_saving_cny,bcr_with_energy,retained_loss_saving_cny,premium_saving_cny\n");
        foreach (var r in results.OrderBy(r => r.ScenarioId, StringComparer.Ordinal).ThenBy(r => r.MeasureId, StringComparer.Ordinal))
        {
            writer.Write(string.Join(',',
                CsvText.Field(r.ScenarioId), CsvText.Field(r.MeasureId), CsvText.Field(r.SiteId),
                CsvText.Number(r.Benefit.Mean), CsvText.Number(r.Benefit.StandardError), CsvText.Number(r.Benefit.P5), CsvText.Number(r.Benefit.P95),
                CsvText.Number(r.Benefit.PExceed), CsvText.Number(r.PresentCostCny), CsvText.Number(r.NetPresentValueCny),
                CsvText.Number(r.BenefitCostRatio), CsvText.Number(r.BenefitCostRatioP5), CsvText.Number(r.BenefitCostRatioP95),
                CsvText.Number(r.EnergyCostSavingCny), CsvText.Number(r.BenefitCostRatioWithEnergy),
                CsvText.Number(r.RetainedLossSavingCny), CsvText.Number(r.PremiumSavingCny)) + "\n");
        }
    }

    /// <summary>Writes a file through <paramref name="write"/>: UTF-8 without BOM, never over an existing file.</summary>
    public static void WriteFile(string path, Action<TextWriter> write) => TextFile.CreateNew(path, write);
}
