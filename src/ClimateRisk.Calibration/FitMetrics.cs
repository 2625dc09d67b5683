namespace ClimateRisk.Calibration;

/// <summary>Out-of-sample fit of hourly PUE, pooled over the held-out months.</summary>
/// <param name="RSquared">1 − Σ(y − ŷ)² / Σ(y − ȳ)² over the held-out hours.</param>
/// <param name="Rmse">Root mean squared error, PUE.</param>
/// <param name="Mae">Mean absolute error, PUE.</param>
/// <param name="Count">Held-out readings.</param>
public sealed record FitMetrics(double RSquared, double Rmse, double Mae, int Count)
{
    /// <summary>The metrics of predictions <paramref name="predicted"/> of <paramref name="observed"/>.</summary>
    public static FitMetrics Of(IReadOnlyList<double> observed, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(predicted);
        var n = observed.Count;
        var mean = observed.Average();
        double sse = 0, sst = 0, sae = 0;
        for (var i = 0; i < n; i++)
        {
            var e = observed[i] - predicted[i];
            sse += e * e;
            sae += Math.Abs(e);
            sst += (observed[i] - mean) * (observed[i] - mean);
        }

        return new FitMetrics(sst > 0 ? 1 - (sse / sst) : double.NaN, Math.Sqrt(sse / n), sae / n, n);
    }
}
