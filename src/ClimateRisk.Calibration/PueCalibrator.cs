using ClimateRisk.Calibration.Internal;
using ClimateRisk.IO;

namespace ClimateRisk.Calibration;

/// <summary>
/// Learns a site's hourly PUE response to outdoor temperature from its own telemetry (MODEL §4,
/// docs/calibration.md): PUE = facility_kw / it_kw modelled on outdoor temperature and load
/// share (it_kw / the site's median it_kw) by Microsoft.ML's GAM; the response is the GAM at
/// load share 1 on a temperature grid, held flat outside the data's temperature range. Each
/// calendar month is held out in turn and predicted by a fit to the others
/// (leave-one-month-out) for R², RMSE and MAE; FastTree, fitted the same way, is the cross-check.
/// </summary>
public static class PueCalibrator
{
    /// <summary>Readings drawn in a site's chart at most (every k-th reading).</summary>
    public const int MaxCloudPoints = 2000;

    /// <summary>Fits every site of <paramref name="telemetry"/>, in order.</summary>
    public static IReadOnlyList<SiteCalibration> Calibrate(IReadOnlyList<TelemetrySeries> telemetry, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        return telemetry.Select(s => Fit(s, options)).ToArray();
    }

    /// <summary>Fits one site.</summary>
    public static SiteCalibration Fit(TelemetrySeries series, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        options ??= new CalibrationOptions();
        var n = series.Count;
        if (n < 2)
        {
            throw new ArgumentException($"Site {series.SiteId} has {n} reading(s); a fit needs many more.", nameof(series));
        }

        var medianIt = Quantile(series.ItKw, 0.5);
        var rows = new TelemetryRow[n];
        var observed = new double[n];
        for (var i = 0; i < n; i++)
        {
            observed[i] = series.FacilityKw[i] / series.ItKw[i];
            rows[i] = new TelemetryRow { Temperature = (float)series.OutdoorTempC[i], LoadShare = (float)(series.ItKw[i] / medianIt), Label = (float)observed[i] };
        }

        var (low, high) = (series.OutdoorTempC.Min(), series.OutdoorTempC.Max());
        var grid = options.Grid();
        var gridRows = grid.Select(t => new TelemetryRow { Temperature = (float)Math.Clamp(t, low, high), LoadShare = 1f }).ToArray();
        var gam = Regressors.Predict(Regressors.Gam(rows, options), gridRows, options.Seed);
        var tree = Regressors.Predict(Regressors.Tree(rows, options), gridRows, options.Seed);

        var months = series.Timestamps.Select(t => (t.Year * 12) + t.Month - 1).ToArray();
        var folds = months.Distinct().Order().ToArray();
        FitMetrics? gamFit = null, treeFit = null;
        if (options.Validate)
        {
            var gamHeldOut = new double[n];
            var treeHeldOut = new double[n];
            foreach (var month in folds)
            {
                var train = rows.Where((_, i) => months[i] != month).ToArray();
                var test = Enumerable.Range(0, n).Where(i => months[i] == month).ToArray();
                var testRows = test.Select(i => rows[i]).ToArray();
                var g = Regressors.Predict(Regressors.Gam(train, options), testRows, options.Seed);
                var t = Regressors.Predict(Regressors.Tree(train, options), testRows, options.Seed);
                for (var j = 0; j < test.Length; j++)
                {
                    gamHeldOut[test[j]] = g[j];
                    treeHeldOut[test[j]] = t[j];
                }
            }

            gamFit = FitMetrics.Of(observed, gamHeldOut);
            treeFit = FitMetrics.Of(observed, treeHeldOut);
        }

        var stride = Math.Max(1, (n + MaxCloudPoints - 1) / MaxCloudPoints);
        return new SiteCalibration
        {
            SiteId = series.SiteId,
            Readings = n,
            Period = (series.Timestamps[0], series.Timestamps[^1]),
            Months = folds.Length,
            MedianItKw = medianIt,
            DataRangeC = (low, high),
            DenseRangeC = (Quantile(series.OutdoorTempC, 0.01), Quantile(series.OutdoorTempC, 0.99)),
            TemperatureC = grid,
            Pue = gam,
            TreePue = tree,
            Gam = gamFit,
            Tree = treeFit,
            Cloud = Enumerable.Range(0, n).Where(i => i % stride == 0).Select(i => (series.OutdoorTempC[i], observed[i])).ToArray(),
        };
    }

    /// <summary>The <paramref name="p"/> quantile (linear between order statistics).</summary>
    internal static double Quantile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * p;
        var i = (int)Math.Floor(h);
        return i + 1 < sorted.Length ? sorted[i] + ((h - i) * (sorted[i + 1] - sorted[i])) : sorted[i];
    }
}
