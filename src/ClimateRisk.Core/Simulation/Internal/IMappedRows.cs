namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// A family of a site's metric rows of one (scenario, year) that are functions of one row x the
/// kernel keeps (<see cref="PueRows"/>: the climate PUE; <see cref="Scope2Rows"/>: Scope 2
/// location-based), so the simulator reduces the family's cells from one selection of x
/// (<see cref="Statistics.SampleSummary.TrySummarizeMapped"/>) instead of storing and selecting
/// every row.
/// </summary>
internal interface IMappedRows
{
    /// <summary>The family's rows, in the order <see cref="Fill"/> takes them.</summary>
    ReadOnlySpan<Metric> Metrics { get; }

    /// <summary>
    /// Whether every row is a non-decreasing function of x, holding no −0, on any x at or above
    /// a smallest value for which <see cref="KeepsOrderFrom"/> holds: the condition under which
    /// f's order statistics are f of x's.
    /// </summary>
    bool IsNonDecreasing { get; }

    /// <summary>Whether the rows keep x's order on values from <paramref name="minimum"/> (x's smallest) upwards.</summary>
    bool KeepsOrderFrom(double minimum);

    /// <summary>destination[i] = row <paramref name="metric"/> of x[i], with the kernel's operations (its bits).</summary>
    void Fill(Metric metric, ReadOnlySpan<double> x, Span<double> destination);

    /// <summary>Row <paramref name="metric"/> of x: x itself when the row is x, else <see cref="Fill"/> into <paramref name="room"/>.</summary>
    ReadOnlySpan<double> Row(Metric metric, ReadOnlySpan<double> x, Span<double> room);
}
