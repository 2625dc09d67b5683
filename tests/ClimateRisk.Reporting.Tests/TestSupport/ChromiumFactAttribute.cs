namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>A fact that needs headless Chromium; skipped with a message saying so when it is not installed (never passed silently).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = "chromium not found (install the Debian package 'chromium'; .ci/run does): the board pack was not opened in a browser";
        }
    }
}
