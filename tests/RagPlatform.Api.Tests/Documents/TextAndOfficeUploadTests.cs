using System.Net;
using System.Text;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;
using RagPlatform.Infrastructure.Tests.Extraction;

namespace RagPlatform.Api.Tests.Documents;

/// <summary>Text, Markdown, HTML, DOCX and PPTX uploads through the real host (extractor process
/// included): each ends ready, its phrases are found on the right page, and its pages have images.</summary>
public sealed class TextAndOfficeUploadTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new(settings: new Dictionary<string, string> { ["Extraction:MaxUnpackedMegabytes"] = "32" });
    private PlatformClient client = null!;

    public ValueTask InitializeAsync()
    {
        client = new PlatformClient(factory.CreateClient());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task Text_markdown_html_docx_and_pptx_end_ready_and_their_phrases_are_found_on_the_right_page()
    {
        var filler = string.Join("\n\n", Enumerable.Range(1, 12).Select(n => $"Filler paragraph {n} " + string.Join(' ', Enumerable.Repeat("ballast", 50))));
        var uploads = new (byte[] Bytes, string Name, string Phrase, int Page, DocumentKind Kind)[]
        {
            (Encoding.UTF8.GetBytes($"Harbour log\n\n{filler}\n\nThe lighthouse keeper counts gannets."), "log.txt", "lighthouse keeper gannets", 0, DocumentKind.PlainText),
            (Encoding.UTF8.GetBytes("# Slipway\n\nThe slipway winch needs grease.\n"), "slipway.md", "slipway winch grease", 1, DocumentKind.Markdown),
            (Encoding.UTF8.GetBytes("<!doctype html><html><head><title>Chandlery</title></head><body><p>Brass cleats are restocked weekly.</p></body></html>"), "chandlery.html", "brass cleats restocked", 1, DocumentKind.Html),
            (OfficeSamples.Docx("Mooring fees rise in May.", "Dinghies winter in shed seven."), "rules.docx", "dinghies shed seven", 2, DocumentKind.WordDocument),
            (OfficeSamples.Pptx(("Occupancy", "Pontoons were full all summer.", "Thank the volunteers."), ("Fuel", "Diesel pump relocated to quay.", "Mention the cormorants nesting.")), "review.pptx", "cormorants nesting", 2, DocumentKind.Presentation),
        };

        foreach (var (bytes, name, phrase, page, kind) in uploads)
        {
            var details = await client.IngestAsync(bytes, name);
            Assert.Equal(kind, details.Document.Kind);
            var expectedPage = page == 0 ? details.Pages.Count : page;
            Assert.True(details.Pages.Count >= expectedPage, $"{name}: {details.Pages.Count} pages");

            var hit = (await client.SearchTextAsync(phrase, "&mode=lexical")).Hits.First(h => h.DocumentId == details.Document.Id);
            Assert.Equal(expectedPage, hit.Page);
            Assert.NotNull(hit.Region);

            using var image = await client.Http.GetAsync(hit.ImageUrl);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            using var pageImage = await client.Http.GetAsync(hit.PageImageUrl);
            Assert.Equal("image/png", pageImage.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_slides_text_is_on_its_slides_page_and_its_picture_is_an_image_item()
    {
        var pptx = OfficeSamples.Pptx(("Occupancy", "Pontoons were full all summer.", "Thank the volunteers."), ("Fuel", "Diesel pump relocated to quay.", "Say why."));

        var details = await client.IngestAsync(pptx, "review.pptx");

        Assert.Equal(2, details.Pages.Count);
        var pontoons = (await client.SearchTextAsync("pontoons full summer", "&mode=lexical")).Hits[0];
        Assert.Equal(1, pontoons.Page);
        Assert.Contains(details.Items, i => i.Modality == Modality.Image && i.Page == 2);
    }

    [Fact]
    public async Task A_damaged_docx_and_a_zip_bomb_docx_end_failed_with_a_reason_while_the_api_answers()
    {
        var docx = OfficeSamples.Docx("Mooring fees.", "Winter.");
        var damaged = OfficeSamples.WithBrokenPart(docx, "word/document.xml");
        var bomb = OfficeSamples.WithZipBomb(docx, megabytes: 64);

        foreach (var (bytes, name, reason) in new[] { (damaged, "damaged.docx", "DOCX"), (bomb, "bomb.docx", "Extraction:MaxUnpackedMegabytes") })
        {
            var upload = await client.UploadAsync(bytes, name);
            var details = await client.WaitUntilFinishedAsync(upload.Document.Id, TimeSpan.FromMinutes(2));

            Assert.Equal(DocumentStatus.Failed, details.Document.Status);
            Assert.Contains(reason, details.Document.Error, StringComparison.Ordinal);
        }

        using var status = await client.Http.GetAsync("/api/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }
}
