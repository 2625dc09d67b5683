namespace ClimateRisk.Core.Model;

/// <summary>Materiality and impact-score thresholds for one metric at site or portfolio level (MODEL §11, §13).</summary>
public sealed record MaterialityThreshold
{
    /// <summary>Metric name (docs/data.md).</summary>
    public required string Metric { get; init; }

    /// <summary><c>site</c> or <c>portfolio</c>.</summary>
    public required string Level { get; init; }

    /// <summary>Threshold behind P(value &gt; threshold), in the metric's unit.</summary>
    public required double Materiality { get; init; }

    /// <summary>Lower bounds of impact scores 2, 3, 4 and 5.</summary>
    public required IReadOnlyList<double> ImpactBounds { get; init; }
}
