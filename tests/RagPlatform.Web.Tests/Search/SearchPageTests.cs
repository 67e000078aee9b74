using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RagPlatform.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RagPlatform.Web.Tests.Search;

/// <summary>The search panel and the library, driven in a real browser.</summary>
public sealed class SearchPageTests(PlatformUnderTest platform)
{
    [Fact]
    public async Task A_pdf_uploaded_through_the_page_is_found_and_its_hit_opens_the_highlighted_region()
    {
        await using var tab = await platform.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/");

        var pdf = SamplePdfs.Page("Harbour authority annual report", "The lighthouse keepers logged unusual fog in November.");
        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "harbour-report.pdf", MimeType = "application/pdf", Buffer = pdf });
        var row = page.Locator("#documents tr", new() { HasText = "harbour-report.pdf" });
        await Expect(row).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 120_000 });
        await Expect(row.Locator("td[data-label=Pages]")).ToHaveTextAsync("1");

        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("lighthouse fog");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var hit = page.Locator(".hit-text .hit-link").First;
        await Expect(hit).ToContainTextAsync("harbour-report.pdf");
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?q=lighthouse\+fog$"));

        // The crop of a text hit is shown near its printed size, not squeezed into a thumbnail.
        var crop = hit.Locator("img.crop");
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0 && img.style.width !== ''", await crop.ElementHandleAsync());
        Assert.True((await crop.BoundingBoxAsync())!.Height >= 24, "The text crop is too small to read.");
        await tab.ScreenshotAsync("search-hits");

        await hit.ClickAsync();
        await ViewerAssertions.ShowsHighlightedRegionAsync(page, "harbour-report.pdf", 1);
        await tab.ScreenshotAsync("search-viewer");

        // The link opens the original in the browser (inline), where #page=N can take effect.
        var original = await page.Locator("#viewer-original").GetAttributeAsync("href");
        using var response = await platform.Api.GetAsync(original!.Split('#')[0]);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);

        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#viewer")).ToBeHiddenAsync();
        await Expect(hit).ToBeFocusedAsync();
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_search_url_loads_its_results_and_the_url_follows_new_searches()
    {
        await platform.Api.IngestPdfAsync(SamplePdfs.Page("Seabird survey", "The cormorant colony nested on the breakwater."), "seabird-survey.pdf");
        await using var tab = await platform.OpenPageAsync();
        var page = tab.Page;

        await page.GotoAsync("/?q=cormorant");
        await Expect(page.GetByLabel("Text", new() { Exact = true })).ToHaveValueAsync("cormorant");
        await Expect(page.Locator(".hit").First).ToContainTextAsync("seabird-survey.pdf");

        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("breakwater");
        await page.GetByLabel("Text", new() { Exact = true }).PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?q=breakwater$"));
        await Expect(page.Locator(".hit mark").First).ToHaveTextAsync(new Regex("breakwater", RegexOptions.IgnoreCase));

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?q=cormorant$"));
        await Expect(page.GetByLabel("Text", new() { Exact = true })).ToHaveValueAsync("cormorant");
        await Expect(page.Locator(".hit mark").First).ToHaveTextAsync(new Regex("cormorant", RegexOptions.IgnoreCase));
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task The_library_filters_documents_by_name_and_status()
    {
        await platform.Api.IngestPdfAsync(SamplePdfs.Page("Tide tables", "High water at the quay."), "tide-tables.pdf");
        await using var tab = await platform.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("#documents tr", new() { HasText = "tide-tables.pdf" })).ToBeVisibleAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("TIDE");
        await Expect(page.Locator("#documents tr")).ToHaveCountAsync(1);
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("failed");
        await Expect(page.Locator("#documents tr")).ToHaveCountAsync(0);
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("ready");
        await Expect(page.Locator("#documents tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#library-range")).ToContainTextAsync("Documents 1–");
        tab.AssertNoScriptErrors();
    }
}
