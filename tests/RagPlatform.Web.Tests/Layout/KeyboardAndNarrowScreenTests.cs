using Microsoft.Playwright;
using RagPlatform.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RagPlatform.Web.Tests.Layout;

/// <summary>The page on a phone-sized window and without a mouse.</summary>
public sealed class KeyboardAndNarrowScreenTests(PlatformUnderTest platform)
{
    private const int PhoneWidth = 420;

    [Fact]
    public async Task The_page_has_no_horizontal_scroll_at_420_px()
    {
        // A long name without spaces: the usual cause of a page wider than a phone.
        const string name = "dredging-plan-for-the-inner-basin-and-the-approach-channel-revision-seven.pdf";
        await platform.Api.IngestPdfAsync(SamplePdfs.Page("Dredging plan", "Dredging of the inner basin starts after the spring tides."), name);
        await using var tab = await platform.OpenPageAsync(PhoneWidth, 900);
        var page = tab.Page;

        await page.GotoAsync("/?q=dredging");
        await Expect(page.Locator(".hit").First).ToContainTextAsync("dredging-plan");
        await Expect(page.Locator("#documents tr", new() { HasText = "revision-seven" })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#hits img')].every(i => i.complete)");
        Assert.False(await tab.ScrollsSidewaysAsync(), "The page scrolls sideways at 420 px.");
        await tab.ScreenshotAsync("narrow-search");

        await page.Locator(".hit-link").First.ClickAsync();
        await ViewerAssertions.ShowsHighlightedRegionAsync(page, name, 1);
        Assert.False(await tab.ScrollsSidewaysAsync(), "The viewer scrolls sideways at 420 px.");
        await tab.ScreenshotAsync("narrow-viewer");
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task Keyboard_alone_reaches_the_question_box_sends_and_opens_a_citation()
    {
        await platform.Api.IngestPdfAsync(SamplePdfs.Page("Pilotage rules", "Vessels over eighty metres must take a pilot at the outer buoy."), "pilotage-rules.pdf");
        await using var tab = await platform.OpenPageAsync(PhoneWidth, 900);
        var page = tab.Page;
        await page.GotoAsync("/");
        await Expect(page.Locator("#documents tr", new() { HasText = "pilotage-rules.pdf" })).ToBeVisibleAsync();

        await TabUntilFocusedAsync(page, "#chat-question");
        await page.Keyboard.TypeAsync("Which vessels must take a pilot?");
        await page.Keyboard.PressAsync("Enter");
        var answer = page.Locator("#chat-log .answer").Last;
        await Expect(answer).ToHaveAttributeAsync("data-state", "final", new() { Timeout = 120_000 });
        await Expect(answer).ToHaveAttributeAsync("aria-live", "polite");

        await TabUntilFocusedAsync(page, "#chat-log .answer-text .chip", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await ViewerAssertions.ShowsHighlightedRegionAsync(page, "pilotage-rules.pdf", 1);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#viewer")).ToBeHiddenAsync();
        Assert.False(await tab.ScrollsSidewaysAsync(), "The chat panel scrolls sideways at 420 px.");
        await tab.ScreenshotAsync("narrow-chat");
        tab.AssertNoScriptErrors();
    }

    /// <summary>Presses Tab (or Shift+Tab) until the element matched by <paramref name="selector"/>
    /// has the focus; fails after 80 presses, far more than the page has stops before it.</summary>
    private static async Task TabUntilFocusedAsync(IPage page, string selector, bool backwards = false)
    {
        for (var presses = 0; presses < 80; presses++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        Assert.Fail($"80 presses of Tab never reached {selector}.");
    }
}
