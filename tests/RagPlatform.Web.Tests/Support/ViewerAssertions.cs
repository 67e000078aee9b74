using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RagPlatform.Web.Tests.Support;

/// <summary>What a user must see in the viewer: the page image loaded, and the region boxed over it
/// (inside the page, and smaller than the page).</summary>
internal static class ViewerAssertions
{
    public static async Task ShowsHighlightedRegionAsync(IPage page, string documentName, int pageNumber)
    {
        var viewer = page.Locator("#viewer");
        await Expect(viewer).ToBeVisibleAsync();
        await Expect(page.Locator("#viewer-title")).ToContainTextAsync($"{documentName} · page {pageNumber}");
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('viewer-image'); return i.complete && i.naturalWidth > 0; }");
        var region = page.Locator("#viewer-region");
        await Expect(region).ToBeVisibleAsync();

        var image = (await page.Locator("#viewer-image").BoundingBoxAsync())!;
        var box = (await region.BoundingBoxAsync())!;
        const double tolerance = 4; // the box's border and anti-aliasing, in CSS pixels
        Assert.True(box.X >= image.X - tolerance && box.Y >= image.Y - tolerance
            && box.X + box.Width <= image.X + image.Width + tolerance && box.Y + box.Height <= image.Y + image.Height + tolerance,
            $"The region {Describe(box)} lies outside the page image {Describe(image)}.");
        Assert.True(box.Width * box.Height < 0.5 * image.Width * image.Height, $"The region {Describe(box)} covers most of the page {Describe(image)}.");

        await Expect(page.Locator("#viewer-original")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"/original#page={pageNumber}$"));
    }

    private static string Describe(LocatorBoundingBoxResult b) => $"({b.X:F0},{b.Y:F0} {b.Width:F0}×{b.Height:F0})";
}
