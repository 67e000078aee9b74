using RagPlatform.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RagPlatform.Web.Tests.Chat;

/// <summary>How the page shows what only a language model produces (weak claims, uncited sentences,
/// images sent to the model): the embedded default answers extractively, so these tests hand the
/// page's own answer module an answer shaped as the answering contract's AnswerDto.</summary>
public sealed class AnswerRenderingTests(PlatformUnderTest platform)
{
    private const string ModelAnswer = """
        {
          "conversationId": "6f9e1c52-0000-0000-0000-000000000001", "turnId": "6f9e1c52-0000-0000-0000-000000000002",
          "question": "When was the light automated?", "query": "light automated", "mode": "grounded", "model": "test-model",
          "text": "The light was automated in 1987 [1]. The keeper retired the same year [2][3]. It is painted red & white <script>window.injected = true</script>.",
          "notFound": false, "notice": null,
          "sources": [
            { "number": 1, "itemId": "6f9e1c52-0000-0000-0000-000000000011", "documentId": "6f9e1c52-0000-0000-0000-000000000021", "documentName": "light.pdf", "page": 1, "modality": "text",
              "region": { "x": 0.1, "y": 0.1, "width": 0.5, "height": 0.05 }, "snippet": "automated in 1987", "imageUrl": "/api/items/6f9e1c52-0000-0000-0000-000000000011/image",
              "pageImageUrl": "/api/documents/6f9e1c52-0000-0000-0000-000000000021/pages/1/image", "sentAsImage": false },
            { "number": 2, "itemId": "6f9e1c52-0000-0000-0000-000000000012", "documentId": "6f9e1c52-0000-0000-0000-000000000021", "documentName": "light.pdf", "page": 2, "modality": "image",
              "region": { "x": 0.2, "y": 0.3, "width": 0.4, "height": 0.3 }, "snippet": null, "imageUrl": "/api/items/6f9e1c52-0000-0000-0000-000000000012/image",
              "pageImageUrl": "/api/documents/6f9e1c52-0000-0000-0000-000000000021/pages/2/image", "sentAsImage": true },
            { "number": 3, "itemId": "6f9e1c52-0000-0000-0000-000000000013", "documentId": "6f9e1c52-0000-0000-0000-000000000021", "documentName": "light.pdf", "page": 3, "modality": "text",
              "region": null, "snippet": "the keeper", "imageUrl": "/api/items/6f9e1c52-0000-0000-0000-000000000013/image",
              "pageImageUrl": "/api/documents/6f9e1c52-0000-0000-0000-000000000021/pages/3/image", "sentAsImage": false }
          ],
          "images": [ { "sourceNumber": 2, "itemId": "6f9e1c52-0000-0000-0000-000000000012", "mediaType": "image/png", "width": 640, "height": 480, "bytes": 20480 } ],
          "citations": [],
          "removedCitations": [7],
          "claims": [
            { "sentence": "The light was automated in 1987 [1].", "citations": [1], "support": 0.91, "supportMethod": "lexical", "weak": false },
            { "sentence": "The keeper retired the same year [2][3].", "citations": [2, 3], "support": 0.12, "supportMethod": "lexical", "weak": true }
          ],
          "unsupported": [ "It is painted red & white <script>window.injected = true</script>.", "A sentence the text no longer holds." ],
          "toolCalls": [], "usage": { "inputTokens": 1200, "outputTokens": 80 }
        }
        """;

    [Fact]
    public async Task Weak_and_uncited_sentences_are_flagged_and_the_images_the_model_saw_are_shown()
    {
        await using var tab = await platform.OpenPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/");
        await page.EvaluateAsync("""
            async (json) => {
              const { answerHtml } = await import("/js/answer.js");
              const box = document.createElement("section");
              box.id = "rendered";
              box.innerHTML = answerHtml(JSON.parse(json));
              document.querySelector("main").prepend(box);
            }
            """, ModelAnswer);
        var rendered = page.Locator("#rendered");

        await Expect(rendered.Locator(".flag-weak")).ToContainTextAsync("The keeper retired the same year");
        await Expect(rendered.Locator(".flag-weak .flag-label")).ToHaveTextAsync("weak support (0.12)");
        await Expect(rendered.Locator(".answer-text .flag-unsupported")).ToContainTextAsync("It is painted red & white <script>");
        await Expect(rendered.Locator(".flags-list .flag-unsupported")).ToContainTextAsync("A sentence the text no longer holds.");
        await Expect(rendered.Locator(".answer-text .chip")).ToHaveCountAsync(3);
        await Expect(rendered).ToContainTextAsync("Removed citations that named no source: [7].");
        await Expect(rendered.Locator(".sent-images img")).ToHaveAttributeAsync("src", "/api/items/6f9e1c52-0000-0000-0000-000000000012/image?maxSide=256");

        // Text from the model is text: its markup is shown, never run.
        await Expect(rendered.Locator("script")).ToHaveCountAsync(0);
        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === true"));
        await rendered.ScreenshotAsync(new() { Path = Path.Combine(BrowserPage.ScreenshotFolder, "answer-flags.png") });
    }
}
