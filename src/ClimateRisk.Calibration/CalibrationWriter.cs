using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClimateRisk.Core.Climate;
using ClimateRisk.Core.Model;
using ClimateRisk.Reporting.Charts;

namespace ClimateRisk.Calibration;

/// <summary>
/// Writes what <c>climaterisk calibrate</c> produces into an output directory:
/// <c>pue_response.csv</c> (<c>site_id, temperature_c, pue</c>), <c>calibration.md</c> (method,
/// fit metrics per site) and one SVG per site. Files are created new, never written over; if
/// writing fails part-way the files already written are removed.
/// </summary>
public static class CalibrationWriter
{
    /// <summary>The response table's file name.</summary>
    public const string ResponseFile = "pue_response.csv";

    /// <summary>The report's file name.</summary>
    public const string ReportFile = "calibration.md";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The files <see cref="Write"/> creates for <paramref name="fits"/>, relative to the output directory.</summary>
    public static IReadOnlyList<string> FileNames(IReadOnlyList<SiteCalibration> fits)
    {
        ArgumentNullException.ThrowIfNull(fits);
        return [ResponseFile, ReportFile, .. fits.Select(f => PueResponseChart.FileStem(f.SiteId) + ".svg")];
    }

    /// <summary>Writes the outputs; returns the paths written.</summary>
    /// <param name="directory">Output directory (created if missing).</param>
    /// <param name="telemetryPath">The telemetry file, as given (named and hashed in the report).</param>
    /// <param name="fits">The fitted sites.</param>
    /// <param name="options">The options they were fitted with.</param>
    /// <param name="portfolio">The portfolio's sites, for the default curves and the level shift.</param>
    /// <exception cref="IOException">When an output file exists already.</exception>
    public static IReadOnlyList<string> Write(string directory, string telemetryPath, IReadOnlyList<SiteCalibration> fits, CalibrationOptions options, IReadOnlyCollection<Site> portfolio)
    {
        ArgumentNullException.ThrowIfNull(fits);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(portfolio);
        var sites = portfolio.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var synthetic = Path.GetFileName(telemetryPath).Contains("synthetic", StringComparison.OrdinalIgnoreCase);
        var files = new List<(string Name, string Text)>
        {
            (ResponseFile, ResponseCsv(fits)),
            (ReportFile, Report(telemetryPath, fits, options, sites, synthetic)),
        };
        foreach (var fit in fits)
        {
            var site = sites.GetValueOrDefault(fit.SiteId);
            var standard = site is null ? null : PueCurve.Calibrate(site.Cooling, site.Climate, site.ReportedPue);
            var chart = PueResponseChart.Create(
                fit.SiteId,
                (synthetic ? "SYNTHETIC example — " : string.Empty) + "Learned PUE response — " + (site?.Name ?? fit.SiteId),
                fit.Cloud,
                fit.TemperatureC,
                fit.Pue,
                standard is null ? null : fit.TemperatureC.Select(standard.Hourly).ToArray(),
                site is null ? string.Empty : $"Default curve ({site.Cooling.Id}, level at reported PUE {site.ReportedPue.ToString("0.000", Inv)})",
                fit.DataRangeC,
                string.Create(Inv, $"{fit.Readings:N0} readings, {Path.GetFileName(telemetryPath)}{(synthetic ? " (synthetic, generated from a stated curve plus noise)" : string.Empty)}; {fit.Cloud.Count:N0} drawn. GAM leave-one-month-out RMSE {Metric(fit.Gam?.Rmse)}."));
            files.Add((chart.FileName, chart.ToSvg()));
        }

        Directory.CreateDirectory(directory);
        var existing = files.Select(f => Path.Combine(directory, f.Name)).Where(File.Exists).ToArray();
        if (existing.Length > 0)
        {
            throw new IOException($"{existing[0]} exists already; calibrate writes new files only (choose another --out or remove it).");
        }

        var written = new List<string>();
        try
        {
            foreach (var (name, text) in files)
            {
                var path = Path.Combine(directory, name);
                using var stream = IO.OutputFile.Create(path);
                written.Add(path);
                using var writer = new StreamWriter(stream, new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        catch
        {
            foreach (var path in written)
            {
                File.Delete(path);
            }

            throw;
        }

        return written;
    }

    /// <summary>The response table: <c>site_id, temperature_c, pue</c>, each site's rows in increasing temperature.</summary>
    public static string ResponseCsv(IReadOnlyList<SiteCalibration> fits)
    {
        ArgumentNullException.ThrowIfNull(fits);
        var text = new StringBuilder("site_id,temperature_c,pue\n");
        foreach (var fit in fits)
        {
            for (var i = 0; i < fit.TemperatureC.Count; i++)
            {
                text.Append(Inv, $"{fit.SiteId},{fit.TemperatureC[i].ToString("0.0", Inv)},{fit.Pue[i].ToString("0.00000", Inv)}\n");
            }
        }

        return text.ToString();
    }

    private static string Report(string telemetryPath, IReadOnlyList<SiteCalibration> fits, CalibrationOptions options, Dictionary<string, Site> sites, bool synthetic)
    {
        var md = new StringBuilder();
        md.Append(synthetic ? "# PUE response calibration — SYNTHETIC example data\n\n" : "# PUE response calibration\n\n");
        md.Append(Inv, $"Telemetry: `{telemetryPath.Replace('\\', '/')}` (sha256 `{Sha256(telemetryPath)}`), {fits.Sum(f => f.Readings):N0} readings, {fits.Count} site(s).\n\n");
        if (synthetic)
        {
            md.Append("> **Synthetic data.** This telemetry was generated from a stated curve plus noise (data/examples/make_synthetic_telemetry.py), ")
              .Append("not measured at the sites: the curves below demonstrate the method and say nothing about the real sites' cooling.\n\n");
        }

        md.Append("## Method\n\n")
          .Append("Hourly PUE = facility_kw ÷ it_kw is modelled on outdoor temperature and the IT load share (it_kw ÷ the site's median it_kw) by a ")
          .Append(Inv, $"generalised additive model (Microsoft.ML 6.0.0 GAM: {options.GamIterations} boosting rounds, learning rate {options.GamLearningRate}, ≤ {options.MaxBinsPerFeature} bins per feature, seed {options.Seed}, one thread, so the fit is deterministic). ")
          .Append(Inv, $"The response is the GAM at load share 1 (the median load) on {options.GridMinC:0}…{options.GridMaxC:0} °C in steps of {options.GridStepC} °C (`pue_response.csv`); ")
          .Append("**it is held flat outside the temperature range of each site's data** (given below): there the telemetry says nothing.\n\n")
          .Append("Validation: each calendar month is held out in turn and predicted by a fit to the other months (leave-one-month-out); R², RMSE and MAE pool the held-out hours. ")
          .Append(Inv, $"FastTree (boosted regression trees, {options.TreeCount} trees of {options.TreeLeaves} leaves, same seed, one thread), fitted and validated the same way, is the cross-check; the last column is the largest gap between the two responses where the data is dense (1st–99th temperature percentile).\n\n")
          .Append("In a run (`climaterisk run --pue-response pue_response.csv`), a site in the table replaces its cooling type's default curve by this shape; its level is shifted so that the annual PUE at today's climate equals the reported PUE (MODEL §4): the shape from telemetry, the level from the disclosure.\n\n");

        md.Append("## Fit (leave-one-month-out)\n\n")
          .Append("| Site | Readings | Months | Data range (°C) | Median IT (kW) | GAM R² | GAM RMSE | GAM MAE | FastTree R² | FastTree RMSE | FastTree MAE | max \\|GAM − FastTree\\| |\n")
          .Append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var f in fits)
        {
            md.Append(Inv, $"| {f.SiteId} | {f.Readings:N0} | {f.Months} | {f.DataRangeC.Min:0.0} to {f.DataRangeC.Max:0.0} | {f.MedianItKw:N0} | {R2(f.Gam)} | {Metric(f.Gam?.Rmse)} | {Metric(f.Gam?.Mae)} | {R2(f.Tree)} | {Metric(f.Tree?.Rmse)} | {Metric(f.Tree?.Mae)} | {f.MaxCurveGap:0.0000} |\n");
        }

        md.Append('\n');
        foreach (var f in fits)
        {
            var site = sites.GetValueOrDefault(f.SiteId);
            md.Append(Inv, $"## {f.SiteId}{(site is null ? string.Empty : " — " + site.Name)}\n\n");
            md.Append(Inv, $"![Learned PUE response of {f.SiteId}]({PueResponseChart.FileStem(f.SiteId)}.svg)\n\n");
            md.Append(Inv, $"- Readings {f.Period.First:yyyy-MM-dd HH:mm zzz} to {f.Period.Last:yyyy-MM-dd HH:mm zzz}, {f.Months} calendar months; outdoor temperature {f.DataRangeC.Min:0.0} to {f.DataRangeC.Max:0.0} °C (dense: {f.DenseRangeC.P1:0.0} to {f.DenseRangeC.P99:0.0} °C). ")
              .Append(Inv, $"The table is flat below {f.DataRangeC.Min:0.0} °C and above {f.DataRangeC.Max:0.0} °C.\n");
            if (site is not null)
            {
                var standard = PueCurve.Calibrate(site.Cooling, site.Climate, site.ReportedPue);
                var learned = PueCurve.FromResponse(new PiecewiseLinear(f.TemperatureC, f.Pue), site.Cooling, site.Climate, site.ReportedPue);
                md.Append(Inv, $"- In a run the learned curve is shifted by {learned.Floor:+0.000;-0.000} PUE so that the annual PUE at today's climate is the reported {site.ReportedPue:0.000}. ")
                  .Append(Inv, $"Sensitivity of the annual PUE to a uniform warming, A(+1 °C) − A(0): learned {learned.Annual(1) - learned.Annual(0):0.0000}, default {site.Cooling.Id} {standard.Annual(1) - standard.Annual(0):0.0000} PUE per °C.\n");
                md.Append("\n| Outdoor °C | Learned (at median load) | Learned, level as run | Default curve |\n|---:|---:|---:|---:|\n");
                foreach (var t in new[] { -10.0, 0, 10, 20, 25, 30, 35 })
                {
                    var i = f.TemperatureC.ToList().FindIndex(x => Math.Abs(x - t) < 1e-9);
                    if (i >= 0)
                    {
                        md.Append(Inv, $"| {t:0} | {f.Pue[i]:0.000} | {learned.Hourly(t):0.000} | {standard.Hourly(t):0.000} |\n");
                    }
                }
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    private static string Metric(double? value) => value is { } v ? v.ToString("0.0000", Inv) : "–";

    private static string R2(FitMetrics? fit) => fit is null ? "–" : fit.RSquared.ToString("0.000", Inv);

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
