using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RagPlatform.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RagPlatform.Web.Tests.Chat;

/// <summary>The chat panel against the real /api/chat: without a chat model configured the server
/// answers extractively (the passages that support the question, cited), and says so once.</summary>
public sealed class ChatPanelTests(PlatformUnderTest platform)
{
    private const string Fact = "The lighthouse at Gannet Point was automated in 1987 after the last keeper retired.";

    [Fact]
    public async Task A_question_is_answered_with_citation_chips_that_open_the_cited_region()
    {
        await platform.Api.IngestPdfAsync(SamplePdfs.Page("Gannet Point history", Fact), "gannet-point.pdf");
        await using var tab = await platform.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/");

        // Scope: only the ticked document.
        await page.GetByLabel("Ask about gannet-point.pdf").CheckAsync();
        await Expect(page.Locator("#chat-scope")).ToContainTextAsync("1 ticked document (gannet-point.pdf)");

        await page.GetByLabel("Question", new() { Exact = true }).FillAsync("When was the lighthouse at Gannet Point automated?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        var answer = page.Locator("#chat-log .turn").Last.Locator(".answer");
        await Expect(answer).ToHaveAttributeAsync("data-state", "final", new() { Timeout = 120_000 });
        await Expect(answer).ToContainTextAsync("1987");
        await Expect(page.Locator("#chat-notice")).ToContainTextAsync(new Regex("language model", RegexOptions.IgnoreCase));
        await tab.ScreenshotAsync("chat-answer");

        var chip = answer.Locator(".answer-text .chip").First;
        await chip.ClickAsync();
        await ViewerAssertions.ShowsHighlightedRegionAsync(page, "gannet-point.pdf", 1);
        await tab.ScreenshotAsync("chat-citation-viewer");
        await page.Keyboard.PressAsync("Escape");
        await Expect(chip).ToBeFocusedAsync();

        // The notice is said once, not under every answer.
        await page.GetByLabel("Question", new() { Exact = true }).FillAsync("Who retired from Gannet Point?");
        await page.GetByLabel("Question", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.Locator("#chat-log .answer[data-state=final]")).ToHaveCountAsync(2, new() { Timeout = 120_000 });
        await Expect(page.Locator(".notice")).ToHaveCountAsync(1);
        tab.AssertNoScriptErrors();
    }

    [Fact]
    public async Task A_conversation_is_listed_and_reopens_with_its_turns()
    {
        await platform.Api.IngestPdfAsync(SamplePdfs.Page("Ferry timetable", "The ferry to Puffin Island leaves at noon on Saturdays."), "puffin-ferry.pdf");
        await using var tab = await platform.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/");

        await page.GetByLabel("Question", new() { Exact = true }).FillAsync("When does the ferry to Puffin Island leave?");
        await page.GetByLabel("Question", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.Locator("#chat-log .answer[data-state=final]")).ToHaveCountAsync(1, new() { Timeout = 120_000 });

        await page.GetByText("Conversations", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();
        await Expect(page.Locator("#chat-log .turn")).ToHaveCountAsync(0);

        await page.Locator("#conversations [data-open]", new() { HasText = "Puffin" }).First.ClickAsync();
        await Expect(page.Locator("#chat-log .question")).ToContainTextAsync("ferry to Puffin Island");
        await Expect(page.Locator("#chat-log .answer[data-state=final]")).ToContainTextAsync("noon");
        tab.AssertNoScriptErrors();
    }
}
