using System.CommandLine;
using ClimateRisk.Calibration;
using ClimateRisk.Cli.Internal;
using ClimateRisk.IO;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>climaterisk calibrate --telemetry FILE [--sites FILE] [--data DIR] --out DIR</c>: learns
/// each site's PUE response to outdoor temperature from its BMS/DCIM telemetry (MODEL §4,
/// <see cref="PueCalibrator"/>) and writes <c>pue_response.csv</c> (for
/// <c>run --pue-response</c>), <c>calibration.md</c> and one SVG per site.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var telemetry = new Option<string>("--telemetry") { Description = "Telemetry CSV: site_id, timestamp, outdoor_temp_c, it_kw, facility_kw (hourly or finer).", Required = true };
        var data = new Option<string?>("--data") { Description = "Directory with the shared tables (default: the bundled data/)." };
        var sites = new Option<string?>("--sites") { Description = "Portfolio CSV (default: <data>/sites.csv); every telemetry site must be in it." };
        var outDir = new Option<string>("--out") { Description = "Directory for pue_response.csv, calibration.md and the charts.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing output directory." };
        var command = new Command("calibrate", "Learn each site's PUE response to outdoor temperature from its own telemetry (for run --pue-response).");
        command.Options.Add(telemetry);
        command.Options.Add(data);
        command.Options.Add(sites);
        command.Options.Add(outDir);
        command.Options.Add(force);
        command.SetAction(parse => Refused(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported, error)
            ?? Execute(parse.GetValue(telemetry)!, parse.GetValue(data), parse.GetValue(sites), parse.GetValue(outDir)!, parse.GetValue(force), output, error));
        return command;
    }

    /// <summary>
    /// The exit code when this build cannot learn (null when it can): Microsoft.ML makes code at
    /// run time, which an ahead-of-time build (README, "Performance") has no compiler for, so
    /// there it stopped with an unrelated schema error after loading the telemetry.
    /// </summary>
    internal static int? Refused(bool dynamicCodeSupported, TextWriter error)
    {
        if (dynamicCodeSupported)
        {
            return null;
        }

        error.WriteLine("error: calibrate needs the .NET runtime's JIT (Microsoft.ML compiles code as it learns), which this ahead-of-time build does not have; run it from the installed climaterisk tool or with 'dotnet run -c Release --project src/ClimateRisk.Cli -- calibrate …'");
        return ExitCodes.Failure;
    }

    public static int Execute(string telemetryPath, string? data, string? sites, string outPath, bool force, TextWriter output, TextWriter error, CalibrationOptions? options = null)
    {
        options ??= new CalibrationOptions();
        IReadOnlyList<TelemetrySeries> telemetry;
        Core.Model.ModelInputs model;
        try
        {
            var paths = InputResolver.Resolve(data, sites, null);
            model = InputLoader.Load(paths);
            telemetry = TelemetryLoader.Load(telemetryPath, model.Sites);
        }
        catch (InputException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        RunDirectory directory;
        try
        {
            directory = RunDirectory.Create(outPath, force);
        }
        catch (IOException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        using (directory)
        {
            var started = DateTimeOffset.UtcNow;
            var fits = new List<SiteCalibration>();
            foreach (var series in telemetry)
            {
                output.WriteLine($"Fitting {series.SiteId}: {series.Count:N0} readings, GAM and FastTree, leave-one-month-out ...");
                fits.Add(PueCalibrator.Fit(series, options));
            }

            try
            {
                CalibrationWriter.Write(directory.StagingPath, telemetryPath, fits, options, model.Sites);
                directory.Commit();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The staging directory is removed on dispose: nothing half-written is left in the way.
                error.WriteLine($"error: writing the calibration to {outPath} failed: {ex.Message}; nothing was kept: free space, then run calibrate again.");
                return ExitCodes.Failure;
            }

            output.WriteLine($"Wrote {Path.Combine(outPath, CalibrationWriter.ResponseFile)}, {CalibrationWriter.ReportFile} and {fits.Count} chart(s) in {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s.");
            foreach (var f in fits)
            {
                output.WriteLine(System.FormattableString.Invariant(
                    $"  {f.SiteId}: GAM leave-one-month-out R² {f.Gam?.RSquared:0.000}, RMSE {f.Gam?.Rmse:0.0000}, MAE {f.Gam?.Mae:0.0000}; FastTree RMSE {f.Tree?.Rmse:0.0000}; data {f.DataRangeC.Min:0.0} to {f.DataRangeC.Max:0.0} °C (flat outside)"));
            }

            if (Path.GetFileName(telemetryPath).Contains("synthetic", StringComparison.OrdinalIgnoreCase))
            {
                output.WriteLine("Note: the telemetry is SYNTHETIC (generated from a stated curve plus noise); the learned curves say nothing about the real sites.");
            }
        }

        return ExitCodes.Ok;
    }
}
