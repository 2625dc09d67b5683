namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Per-path values of one (scenario, year) for every metric and entity (sites, then the
/// portfolio), plus the OEP values and the running NPV of the scenario. Layout:
/// value(metric, entity, path) = Values[((metric · E) + entity) · N + path].
/// </summary>
internal sealed class PathBuffers
{
    public PathBuffers(int siteCount, int paths)
    {
        Entities = siteCount + 1;
        Paths = paths;
        Values = new double[checked(MetricNames.Count * Entities * paths)];
        Occurrence = new double[Entities * paths];
        Npv = new double[Entities * paths];
        FinancialNpv = new double[checked(FinancialSeries.NpvRows * Entities * paths)];
    }

    public int Entities { get; }

    public int Paths { get; }

    public double[] Values { get; }

    /// <summary>Largest single occurrence per (entity, path) for the OEP curve.</summary>
    public double[] Occurrence { get; }

    /// <summary>Discounted total climate cost summed over the years so far, per (entity, path).</summary>
    public double[] Npv { get; }

    /// <summary>Discounted statement effects summed over the years so far, [row · E · N + entity · N + path] (rows of <see cref="FinancialSeries"/>).</summary>
    public double[] FinancialNpv { get; }

    public int Offset(Metric metric, int entity) => (((int)metric * Entities) + entity) * Paths;

    public ReadOnlySpan<double> Cell(Metric metric, int entity) => Values.AsSpan(Offset(metric, entity), Paths);
}
