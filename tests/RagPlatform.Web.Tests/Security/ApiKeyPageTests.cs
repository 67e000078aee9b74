using Microsoft.Playwright;
using RagPlatform.Core.Access;
using RagPlatform.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RagPlatform.Web.Tests.Security;

/// <summary>The page on a server that has API keys: it asks once, then everything works with the key,
/// images included (they cannot carry a header, so they come through blob: URLs).</summary>
public sealed class ApiKeyPageTests(PlatformUnderTest shared)
{
    [Fact]
    public async Task The_page_asks_for_a_key_once_and_then_shows_the_library_hits_and_their_images()
    {
        await using var keyed = new KestrelPlatform();
        var (_, secret) = await ApiKeyFile.InDataDirectory(keyed.DataDirectory).CreateAsync("reader", ApiKeyScope.Admin, [], DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        keyed.Start();
        using var http = new HttpClient { BaseAddress = keyed.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", secret);
        await new SeedingClient(http).IngestPdfAsync(SamplePdfs.Page("Mooring register", "Berth twelve holds the survey launch."), "mooring-register.pdf");

        var context = await shared.Browser.NewContextAsync(new() { BaseURL = keyed.BaseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        await using var tab = await BrowserPage.OpenAsync(context);
        var page = tab.Page;
        await page.GotoAsync("/?q=survey+launch");

        await Expect(page.Locator("#key-dialog")).ToBeVisibleAsync();
        await page.Locator("#key-input").FillAsync(secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();

        await Expect(page.Locator("#key-dialog")).Not.ToBeVisibleAsync();
        await Expect(page.Locator("#documents tr", new() { HasText = "mooring-register.pdf" })).ToBeVisibleAsync();
        var image = page.Locator("#hits img").First;
        await page.WaitForFunctionAsync("img => img.src.startsWith('blob:') && img.complete && img.naturalWidth > 0", await image.ElementHandleAsync());
        Assert.Equal(secret, await page.EvaluateAsync<string>("() => sessionStorage.getItem('rag-api-key')"));
        Assert.Empty((await context.CookiesAsync()).ToList());
        await tab.ScreenshotAsync("api-key-library");
    }
}
