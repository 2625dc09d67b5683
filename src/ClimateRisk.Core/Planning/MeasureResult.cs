using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Planning;

/// <summary>
/// Cost–benefit of one adaptation measure under one scenario (MODEL §14), on common random
/// numbers: benefit_p = NPV(total climate cost without) − NPV(with) for the same path p.
/// </summary>
public sealed record MeasureResult
{
    /// <summary>Scenario.</summary>
    public required string ScenarioId { get; init; }

    /// <summary>Measure.</summary>
    public required string MeasureId { get; init; }

    /// <summary>Site.</summary>
    public required string SiteId { get; init; }

    /// <summary>Per-path benefit, CNY (discounted to the first simulated year).</summary>
    public required CellStatistics Benefit { get; init; }

    /// <summary>Present value of capex and opex, CNY.</summary>
    public required double PresentCostCny { get; init; }

    /// <summary>Mean benefit − present cost, CNY.</summary>
    public double NetPresentValueCny => Benefit.Mean - PresentCostCny;

    /// <summary>Mean benefit / present cost (NaN for a measure that costs nothing).</summary>
    public double BenefitCostRatio => PresentCostCny > 0 ? Benefit.Mean / PresentCostCny : double.NaN;

    /// <summary>5th percentile of the per-path benefit–cost ratio.</summary>
    public double BenefitCostRatioP5 => PresentCostCny > 0 ? Benefit.P5 / PresentCostCny : double.NaN;

    /// <summary>95th percentile of the per-path benefit–cost ratio.</summary>
    public double BenefitCostRatioP95 => PresentCostCny > 0 ? Benefit.P95 / PresentCostCny : double.NaN;

    /// <summary>Mean reduction of discounted energy cost, CNY (not part of the climate-cost benefit; shown for planners).</summary>
    public required double EnergyCostSavingCny { get; init; }

    /// <summary>
    /// Mean reduction of the discounted physical loss retained after insurance, CNY (MODEL §15);
    /// the physical-loss part of the benefit seen net of insurance (equal to it for an uninsured site).
    /// </summary>
    public double RetainedLossSavingCny { get; init; }

    /// <summary>
    /// Reduction of the discounted insurance premium change, CNY (MODEL §15): the premium follows
    /// the expected insured loss, so a measure that cuts insured losses also cuts the premium at
    /// later renewals. Not part of <see cref="Benefit"/> (a saving on top, like the energy saving); 0 without cover.
    /// </summary>
    public double PremiumSavingCny { get; init; }

    /// <summary>(Mean benefit + energy cost saving) / present cost: the ratio an efficiency retrofit is judged by (NaN for a free measure).</summary>
    public double BenefitCostRatioWithEnergy => PresentCostCny > 0 ? (Benefit.Mean + EnergyCostSavingCny) / PresentCostCny : double.NaN;
}
