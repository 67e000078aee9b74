using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RagPlatform.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RagPlatform.Web.Tests.Search;

/// <summary>The collection picker: the address names the collection, and upload, library, search and
/// questions keep to it.</summary>
public sealed class CollectionPickerTests(PlatformUnderTest platform)
{
    [Fact]
    public async Task The_address_picks_the_collection_and_a_new_name_takes_the_next_upload()
    {
        await platform.Api.IngestPdfAsync(SamplePdfs.Page("Reef survey", "The parrotfish grazed on the outer reef."), "reef-survey.pdf", "reef-web");
        await using var tab = await platform.OpenPageAsync();
        var page = tab.Page;

        await page.GotoAsync("/?collection=reef-web&q=parrotfish");
        await Expect(page.GetByLabel("Collection", new() { Exact = true })).ToHaveValueAsync("reef-web");
        await Expect(page.Locator(".hit").First).ToContainTextAsync("reef-survey.pdf");
        await Expect(page.Locator("#documents tr", new() { HasText = "reef-survey.pdf" })).ToBeVisibleAsync();
        await Expect(page.Locator("#collection-names option[value='reef-web']")).ToHaveCountAsync(1);
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("outer reef");
        await page.GetByLabel("Text", new() { Exact = true }).PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?collection=reef-web&q=outer\+reef$"));

        // Another collection: the document is neither listed nor found there.
        await page.GetByLabel("Collection", new() { Exact = true }).FillAsync("kelp-web");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?collection=kelp-web$"));
        await Expect(page.Locator("#documents tr", new() { HasText = "reef-survey.pdf" })).ToHaveCountAsync(0);
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("parrotfish");
        await page.GetByLabel("Text", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.Locator("#search-note")).ToContainTextAsync("0 hits");

        // An upload through the page goes into the collection shown.
        var pdf = SamplePdfs.Page("Kelp forest", "Sea otters rest in the kelp canopy.");
        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "kelp-forest.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Expect(page.Locator("#documents tr", new() { HasText = "kelp-forest.pdf" })).ToBeVisibleAsync();
        var listed = await platform.Api.Http.GetStringAsync("/api/documents?collection=kelp-web", TestContext.Current.CancellationToken);
        Assert.Contains("kelp-forest.pdf", listed, StringComparison.Ordinal);

        // A bad name is refused on the page, and the collection stays.
        await page.GetByLabel("Collection", new() { Exact = true }).FillAsync("Kelp Forest");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        await Expect(page.Locator("#collection-note")).ToContainTextAsync("lower-case letters");
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?collection=kelp-web"));
        tab.AssertNoScriptErrors();
    }
}
