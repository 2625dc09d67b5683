using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// A site's Scope 2 rows of one (scenario, year) as functions of its location-based row x:
/// location = x, market = x · (1 − renewable share), the product <c>PathKernel.Chronic</c>
/// forms (MODEL §10), so a row made here has the kernel's bits.
/// </summary>
/// <remarks>
/// Multiplying by a constant of +0 or more never reverses IEEE order, so in the years the
/// kernel keeps the location row only, the market cell comes from the location cell's selection
/// (one row fewer to store and to select per site-year). Scope2RowsTests checks the rows and
/// the cells against the kernel's.
/// </remarks>
internal readonly struct Scope2Rows : IMappedRows
{
    private readonly double _nonRenewable;

    public Scope2Rows(SitePlan plan, int yearIndex)
    {
        _nonRenewable = 1 - plan.RenewableShare[yearIndex];

        // −0 would turn +0 into −0 (ordered apart by a selection); NaN or ∞ orders nothing.
        IsNonDecreasing = double.IsFinite(_nonRenewable) && !double.IsNegative(_nonRenewable);
    }

    /// <summary>The rows, in the order the simulator reduces them.</summary>
    public static ReadOnlySpan<Metric> Metrics => [Metric.Scope2LocationT, Metric.Scope2MarketT];

    ReadOnlySpan<Metric> IMappedRows.Metrics => Metrics;

    /// <inheritdoc/>
    public bool IsNonDecreasing { get; }

    /// <summary>Whether <paramref name="metric"/> is one of the two rows.</summary>
    public static bool Holds(Metric metric) => metric is Metric.Scope2LocationT or Metric.Scope2MarketT;

    /// <summary>Whether <paramref name="metric"/> is the row made from the other (market), which the kernel need not store.</summary>
    public static bool Derived(Metric metric) => metric == Metric.Scope2MarketT;

    /// <summary>x · c keeps the order of any x for c ≥ +0; the location row has no −0 when it is positive.</summary>
    public bool KeepsOrderFrom(double minimum) => minimum > 0;

    /// <inheritdoc/>
    public ReadOnlySpan<double> Row(Metric metric, ReadOnlySpan<double> x, Span<double> room)
    {
        if (metric == Metric.Scope2LocationT)
        {
            return x;
        }

        Fill(metric, x, room);
        return room[..x.Length];
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The destination is shorter than x, or the metric is not a Scope 2 row.</exception>
    public void Fill(Metric metric, ReadOnlySpan<double> x, Span<double> destination)
    {
        LaneLoop.CheckSpans(x, destination);
        switch (metric)
        {
            case Metric.Scope2LocationT:
                x.CopyTo(destination);
                break;
            case Metric.Scope2MarketT:
                // One multiply per value, as the kernel's lanes do it (no fused operation), so
                // the same bits whatever the width.
                LaneLoop.Multiply(_nonRenewable, x, destination);
                break;
            default:
                throw new ArgumentException($"{metric} is not a Scope 2 row.", nameof(metric));
        }
    }
}
