using Microsoft.Playwright;

namespace RagPlatform.Web.Tests.Support;

/// <summary>One API host and one browser shared by every test of the run; each test opens its own
/// browser context (<see cref="OpenPageAsync"/>) and seeds its own documents with words no other
/// test uses.</summary>
public sealed class PlatformUnderTest : IAsyncLifetime
{
    private readonly KestrelPlatform platform = new();
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress => platform.BaseAddress;

    /// <summary>The API, for setting up what a test is not about (its documents).</summary>
    public SeedingClient Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Generous limits for a loaded two-core machine: they bound a hang, they are not speed targets.
        Assertions.SetDefaultExpectTimeout(60_000);
        // The browser first: without one the run fails at once, before a host starts.
        (playwright, Browser) = await Chromium.LaunchAsync();
        platform.Start();
        Api = new SeedingClient(new HttpClient { BaseAddress = platform.BaseAddress });
    }

    public async Task<BrowserPage> OpenPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString(), ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(60_000);
        return await BrowserPage.OpenAsync(context);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await platform.DisposeAsync();
    }
}
