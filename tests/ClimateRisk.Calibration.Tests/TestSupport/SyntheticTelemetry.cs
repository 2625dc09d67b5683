using System.Globalization;
using System.Text;
using ClimateRisk.IO;

namespace ClimateRisk.Calibration.Tests.TestSupport;

/// <summary>
/// Hourly telemetry generated from a stated PUE curve plus noise, so that what the calibrator
/// learns can be checked against the truth: a seasonal and daily temperature cycle with
/// weather noise, an IT load share that swings around 1, PUE = curve(T) + load effect + noise.
/// </summary>
internal static class SyntheticTelemetry
{
    /// <param name="siteId">Site id.</param>
    /// <param name="pueAtMedianLoad">The true response at load share 1.</param>
    /// <param name="loadEffect">Added PUE as a function of load share (0 at 1).</param>
    /// <param name="hours">Readings (hourly from 2025-01-01T00:00+08:00).</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="noiseSd">S.d. of the hourly PUE noise.</param>
    /// <param name="meanC">Annual mean temperature, °C.</param>
    /// <param name="itKw">Median IT power, kW.</param>
    public static TelemetrySeries Generate(string siteId, Func<double, double> pueAtMedianLoad, Func<double, double>? loadEffect = null, int hours = 8760, int seed = 1, double noiseSd = 0.01, double meanC = 12, double itKw = 8000)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var stamps = new DateTimeOffset[hours];
        var temperature = new double[hours];
        var it = new double[hours];
        var facility = new double[hours];
        var weather = 0.0;
        for (var h = 0; h < hours; h++)
        {
            var day = h / 24.0;
            weather = (0.97 * weather) + (0.6 * Normal());
            var t = meanC - (14 * Math.Cos(2 * Math.PI * (day - 15) / 365)) + (5 * Math.Sin(2 * Math.PI * ((h % 24) - 9) / 24)) + weather;
            var share = 1 + (0.12 * Math.Sin(2 * Math.PI * ((h % 24) - 14) / 24)) + (0.06 * Normal());
            var pue = pueAtMedianLoad(t) + (loadEffect?.Invoke(share) ?? 0) + (noiseSd * Normal());
            stamps[h] = start.AddHours(h);
            temperature[h] = Math.Round(t, 2);
            it[h] = Math.Round(itKw * share, 1);
            facility[h] = Math.Round(it[h] * pue, 1);
        }

        return new TelemetrySeries { SiteId = siteId, Timestamps = stamps, OutdoorTempC = temperature, ItKw = it, FacilityKw = facility };
    }

    /// <summary>The series as a telemetry CSV.</summary>
    public static string Csv(params TelemetrySeries[] series)
    {
        var text = new StringBuilder("site_id,timestamp,outdoor_temp_c,it_kw,facility_kw\n");
        foreach (var s in series)
        {
            for (var i = 0; i < s.Count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{s.SiteId},{s.Timestamps[i]:yyyy-MM-dd'T'HH:mmzzz},{s.OutdoorTempC[i]},{s.ItKw[i]},{s.FacilityKw[i]}\n");
            }
        }

        return text.ToString();
    }
}
