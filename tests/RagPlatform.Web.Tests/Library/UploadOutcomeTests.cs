using Microsoft.Playwright;
using RagPlatform.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RagPlatform.Web.Tests.Library;

/// <summary>Uploading through the library: each file's outcome is shown, refused files stay listed
/// with their reason, and a changed file can replace the document with its name.</summary>
public sealed class UploadOutcomeTests(PlatformUnderTest platform)
{
    [Fact]
    public async Task A_mixed_upload_stores_the_good_files_and_keeps_the_refused_one_listed_with_its_reason()
    {
        await using var tab = await platform.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/");

        await page.Locator("#files").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "mixed-good.pdf", MimeType = "application/pdf", Buffer = SamplePdfs.Page("Pilotage", "Pilots board at the outer buoy.") },
            new FilePayload { Name = "mixed-bad.bin", MimeType = "application/octet-stream", Buffer = [0x00, 0x01, 0x02, 0x03] },
        });

        await Expect(page.Locator("#upload-note")).ToHaveTextAsync("1 of 2 file(s) taken; 1 refused.");
        var refused = page.Locator("#upload-results li[data-outcome=rejected]");
        await Expect(refused).ToContainTextAsync("mixed-bad.bin");
        await Expect(refused).ToContainTextAsync("not a supported file type");
        await Expect(page.Locator("#upload-results li[data-outcome=accepted]")).ToContainTextAsync("mixed-good.pdf");
        var row = page.Locator("#documents tr", new() { HasText = "mixed-good.pdf" });
        await Expect(row).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 120_000 });
        // The list refreshes while the document is ingested; the outcomes stay.
        await Expect(refused).ToContainTextAsync("mixed-bad.bin");
        await Expect(page.Locator("#documents tr", new() { HasText = "mixed-bad.bin" })).ToHaveCountAsync(0);
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task With_the_box_ticked_a_changed_file_replaces_the_document_with_its_name()
    {
        await using var tab = await platform.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/");
        var row = page.Locator("#documents tr", new() { HasText = "replaced-notice.pdf" });
        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "replaced-notice.pdf", MimeType = "application/pdf", Buffer = SamplePdfs.Page("Notice", "Dredging in the north basin.") });
        await Expect(row).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 120_000 });

        await page.GetByLabel("Replace documents with the same file name").CheckAsync();
        await page.Locator("#files").SetInputFilesAsync(new FilePayload { Name = "replaced-notice.pdf", MimeType = "application/pdf", Buffer = SamplePdfs.Page("Notice", "Dredging in the south basin.") });

        await Expect(page.Locator("#upload-results li[data-outcome=replaced]")).ToContainTextAsync("replaced-notice.pdf");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 120_000 });
        tab.AssertNoScriptErrors();
    }
}
