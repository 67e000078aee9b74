using Microsoft.Playwright;

namespace RagPlatform.Web.Tests.Support;

/// <summary>A browser tab of one test: its own context (no state shared with other tests), the
/// script errors the page raised, and screenshots saved as test artifacts.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> scriptErrors = [];

    private BrowserPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.PageError += (_, error) => scriptErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                scriptErrors.Add($"{message.Text} ({message.Location})");
            }
        };
    }

    /// <summary>Where screenshots go: TestResults/screenshots beside the test binaries.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public IPage Page { get; }

    public static async Task<BrowserPage> OpenAsync(IBrowserContext context) => new(context, await context.NewPageAsync());

    /// <summary>Saves the whole page as TestResults/screenshots/{name}.png and says where.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
    }

    /// <summary>Failed image loads and script exceptions both land in the console as errors.</summary>
    public void AssertNoScriptErrors() => Assert.True(scriptErrors.Count == 0, "The page logged errors:\n" + string.Join("\n", scriptErrors));

    /// <summary>Whether the page scrolls sideways (the layout is wider than the window).</summary>
    public async Task<bool> ScrollsSidewaysAsync() =>
        await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");

    public async ValueTask DisposeAsync()
    {
        // The page as the test left it, pass or fail: the first thing to look at when one fails.
        var test = TestContext.Current.Test?.TestCase.TestMethod?.MethodName ?? "test";
        try
        {
            await ScreenshotAsync(test + ".last");
        }
        catch (PlaywrightException)
        {
        }

        await context.DisposeAsync();
    }
}
