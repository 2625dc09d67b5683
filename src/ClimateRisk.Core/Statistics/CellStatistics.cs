namespace ClimateRisk.Core.Statistics;

/// <summary>The summary of one result cell's per-path values (MODEL §11).</summary>
public sealed record CellStatistics
{
    /// <summary>Number of paths.</summary>
    public required long Count { get; init; }

    /// <summary>Mean.</summary>
    public required double Mean { get; init; }

    /// <summary>Standard error of the mean, s/√n.</summary>
    public required double StandardError { get; init; }

    /// <summary>Sample standard deviation.</summary>
    public required double StandardDeviation { get; init; }

    /// <summary>5th percentile.</summary>
    public required double P5 { get; init; }

    /// <summary>25th percentile.</summary>
    public required double P25 { get; init; }

    /// <summary>Median.</summary>
    public required double P50 { get; init; }

    /// <summary>75th percentile.</summary>
    public required double P75 { get; init; }

    /// <summary>95th percentile.</summary>
    public required double P95 { get; init; }

    /// <summary>99th percentile.</summary>
    public required double P99 { get; init; }

    /// <summary>Mean of the worst 1 % of paths (the ⌈n/100⌉ largest values).</summary>
    public required double TVaR99 { get; init; }

    /// <summary>Share of paths with value above the materiality threshold (NaN when the metric has none).</summary>
    public required double PExceed { get; init; }
}
