namespace ClimateRisk.Core.Finance;

/// <summary>A site's financial baseline (data/finance/baselines.csv): the revenue it hosts and the EBITDA margin on it, real 2023 CNY.</summary>
public sealed record SiteBaseline
{
    /// <summary>Annual revenue hosted at the site, CNY, &gt; 0.</summary>
    public required double RevenueCny { get; init; }

    /// <summary>EBITDA margin on that revenue, 0–1 (exclusive of 0).</summary>
    public required double EbitdaMargin { get; init; }

    /// <summary>Baseline EBITDA = revenue · margin, CNY.</summary>
    public double EbitdaCny => RevenueCny * EbitdaMargin;
}
