using Microsoft.Playwright;

namespace RagPlatform.Web.Tests.Support;

/// <summary>Starts Debian's chromium through Playwright. Playwright's own browser download needs the
/// internet, so the tests use the system browser that scripts/test.sh installs.</summary>
internal static class Chromium
{
    /// <summary>RAG_TEST_CHROMIUM points at another chromium binary.</summary>
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("RAG_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        // Missing pieces fail the run with what to do, never skip it: a skipped browser test looks green.
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}. Run scripts/test.sh, which installs it (Debian package 'chromium', listed in scripts/packages-test.txt), or point RAG_TEST_CHROMIUM at a chromium binary.");
        }

        var driver = Path.Combine(AppContext.BaseDirectory, ".playwright", "package", "cli.js");
        if (!File.Exists(driver))
        {
            throw new InvalidOperationException(
                $"Playwright's driver is missing from {Path.GetDirectoryName(driver)}: the Microsoft.Playwright package copies it there at build time; rebuild the test project.");
        }

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        return (playwright, browser);
    }
}
