using System.Diagnostics;

namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>Headless Chromium (Debian package <c>chromium</c>) run as a process, isolated and offline.</summary>
public static class Chromium
{
    /// <summary>The executable: $CHROMIUM, else chromium or chromium-browser on the PATH; null when absent.</summary>
    public static string? Executable { get; } = Find();

    /// <summary>Runs Chromium headless on <paramref name="url"/> with extra arguments; returns stdout, stderr and the exit code.</summary>
    public static (string Stdout, string Stderr, int ExitCode) Run(string url, params string[] arguments)
    {
        var profile = Path.Combine(Path.GetTempPath(), "climaterisk-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(Executable ?? throw new InvalidOperationException("chromium not found"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])
                     [
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                         "--host-resolver-rules=MAP * ~NOTFOUND", $"--user-data-dir={profile}", .. arguments, url,
                     ])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within 120 s on {url}");
            }

            return (stdout.Result, stderr.Result, process.ExitCode);
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still hold a lock file for a moment; the temp directory is cleaned by the OS.
            }
        }
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }
}
