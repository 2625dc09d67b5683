using System.Diagnostics;

namespace ClimateRisk.Reporting;

/// <summary>
/// Prints <c>board-pack.html</c> to <c>board-pack.pdf</c> (A4 landscape, from the pack's own
/// <c>@page</c> rule) with headless Chromium when it is installed: <c>chromium --headless
/// --no-sandbox --print-to-pdf=… --no-pdf-header-footer file://…</c>, isolated (own profile, no
/// network) and with a timeout. The run calls it after drawing the report; without Chromium it
/// says so and the run goes on.
/// </summary>
public static class BoardPackPrinter
{
    /// <summary>The PDF's file name.</summary>
    public const string PdfFile = "board-pack.pdf";

    /// <summary>How long a print may take before it is abandoned (a loaded 2-core machine needs about 80 s for the bundled pack).</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(300);

    /// <summary>The Chromium executable: <c>$CHROMIUM</c>, else <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c> on the PATH; null when absent.</summary>
    public static string? FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            {
                var path = Path.Combine(dir, OperatingSystem.IsWindows() ? name + ".exe" : name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Prints <paramref name="htmlPath"/> to <paramref name="pdfPath"/>. Returns null on success,
    /// else why not (no Chromium, timeout, exit code, no file) — the caller reports it and goes on.
    /// The PDF is written through a temporary name, so a failed print leaves nothing behind.
    /// </summary>
    public static string? Print(string htmlPath, string pdfPath, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(htmlPath);
        ArgumentNullException.ThrowIfNull(pdfPath);
        var chromium = FindChromium();
        if (chromium is null)
        {
            return "Chromium not found (install chromium or set CHROMIUM): board-pack.pdf not written; print board-pack.html from a browser instead";
        }

        var temp = pdfPath + ".tmp";
        var profile = Path.Combine(Path.GetTempPath(), "climaterisk-print-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in (string[])
                     [
                         "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND", $"--user-data-dir={profile}",
                         "--no-pdf-header-footer", $"--print-to-pdf={temp}", new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
                     ])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var limit = timeout ?? DefaultTimeout;
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                return $"Chromium did not print within {limit.TotalSeconds:0} s: board-pack.pdf not written";
            }

            process.WaitForExit();
            if (process.ExitCode != 0 || !File.Exists(temp) || new FileInfo(temp).Length == 0)
            {
                var said = stderr.Result.Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? string.Empty;
                return $"Chromium failed to print (exit code {process.ExitCode}{(said.Length > 0 ? ": " + said : string.Empty)}): board-pack.pdf not written";
            }

            _ = stdout.Result;
            File.Move(temp, pdfPath, overwrite: true);
            return null;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may hold a lock file a moment longer; the temp directory is the OS's to clean.
            }
        }
    }
}
