using System.Net;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Search;

/// <summary>Upload → ingestion → search through the real host, SQLite, blob folder, PDF extraction
/// and the tiny CLIP model. One report is ingested once for the whole class.</summary>
public sealed class IngestAndSearchTests(IngestAndSearchTests.IngestedReport report) : IClassFixture<IngestAndSearchTests.IngestedReport>
{
    public sealed class IngestedReport : IAsyncLifetime
    {
        public PlatformFactory Factory { get; } = new();

        public PlatformClient Client { get; private set; } = null!;

        public Api.Documents.DocumentDetailsDto Report { get; private set; } = null!;

        /// <summary>The uploaded bytes (PdfPig writes a new document id into every build).</summary>
        public byte[] Bytes { get; } = SamplePdfs.Report();

        public async ValueTask InitializeAsync()
        {
            Client = new PlatformClient(Factory.CreateClient());
            Report = await Client.IngestAsync(Bytes, "harbour-report.pdf");
        }

        public ValueTask DisposeAsync() => Factory.DisposeAsync();
    }

    private PlatformClient Client => report.Client;

    [Fact]
    public void An_ingested_pdf_has_its_pages_rendered_and_its_text_and_images_as_items()
    {
        var details = report.Report;

        Assert.Equal(3, details.Document.Progress.PagesTotal);
        Assert.Equal(100, details.Document.Progress.Percent);
        Assert.Equal([1, 2, 3], details.Pages.Select(p => p.Number));
        Assert.All(details.Pages, p => Assert.True(p.HasTextLayer));
        Assert.Equal(3, details.Items.Count(i => i.Modality == Modality.Page));
        Assert.Equal([2, 3], details.Items.Where(i => i.Modality == Modality.Image).Select(i => i.Page));
        Assert.Contains(details.Items, i => i.Modality == Modality.Text && i.Page == 1 && i.Text!.Contains("lighthouse", StringComparison.Ordinal));
        Assert.Equal(details.Items.Count, details.Document.ItemCount);
    }

    [Fact]
    public async Task A_text_query_finds_the_page_holding_the_phrase()
    {
        var result = await Client.SearchTextAsync("lighthouse keepers fog");

        var top = result.Hits[0];
        Assert.Equal("hybrid", result.Mode);
        Assert.Equal(Modality.Text, top.Modality);
        Assert.Equal(1, top.Page);
        Assert.Equal("harbour-report.pdf", top.DocumentName);
        Assert.Contains("«lighthouse»", top.Snippet, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(top.Score.Lexical);
        Assert.NotNull(top.Region);
        Assert.InRange(top.Region!.Value.Y, 0, 0.3);
    }

    [Theory]
    [InlineData("chart", 2)]
    [InlineData("photo", 3)]
    public async Task An_image_query_finds_the_page_holding_that_image(string which, int page)
    {
        var image = which == "chart" ? SampleImages.BarChartPng() : SampleImages.SunsetJpeg();

        var result = await Client.SearchImageAsync(image);

        var top = result.Hits[0];
        Assert.Equal("dense", result.Mode);
        Assert.Equal(Modality.Image, top.Modality);
        Assert.Equal(page, top.Page);
        Assert.InRange(top.Score.Dense!.Value, 0.99, 1.0001);
    }

    [Fact]
    public async Task Every_hit_links_to_an_image_that_the_api_serves()
    {
        var result = await Client.SearchTextAsync("revenue");

        foreach (var hit in result.Hits.Take(5))
        {
            using var response = await Client.Http.GetAsync(hit.ImageUrl);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("image/", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_modality_filter_returns_only_that_kind_of_hit()
    {
        var result = await Client.SearchTextAsync("revenue", "&modality=page");

        Assert.NotEmpty(result.Hits);
        Assert.All(result.Hits, h => Assert.Equal(Modality.Page, h.Modality));
    }

    [Fact]
    public async Task A_document_filter_excludes_other_documents()
    {
        var other = await Client.IngestAsync(SamplePdfs.WithText("Revenue of the bakery on the corner."), "bakery.pdf");

        var result = await Client.SearchTextAsync("revenue", $"&documentId={other.Document.Id}");

        Assert.NotEmpty(result.Hits);
        Assert.All(result.Hits, h => Assert.Equal(other.Document.Id, h.DocumentId));
    }

    [Fact]
    public async Task The_same_bytes_uploaded_again_are_recognised_as_the_same_document()
    {
        var again = await Client.UploadAsync(report.Bytes, "copy-of-report.pdf");

        Assert.True(again.Duplicate);
        Assert.Equal(report.Report.Document.Id, again.Document.Id);
    }

    [Fact]
    public async Task The_original_downloads_byte_for_byte_and_pages_have_thumbnails()
    {
        var id = report.Report.Document.Id;

        var original = await Client.Http.GetByteArrayAsync($"/api/documents/{id}/original");
        using var thumbnail = await Client.Http.GetAsync($"/api/documents/{id}/thumbnail?maxSide=128");

        Assert.Equal(report.Bytes, original);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/png", thumbnail.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Deleting_a_document_removes_its_files_items_and_hits()
    {
        var doomed = await Client.IngestAsync(SamplePdfs.WithText("A zebra crossing near the quay."), "zebra.pdf");
        Assert.Contains((await Client.SearchTextAsync("zebra")).Hits, h => h.DocumentId == doomed.Document.Id);

        using var deleted = await Client.Http.DeleteAsync($"/api/documents/{doomed.Document.Id}");
        using var lookup = await Client.Http.GetAsync($"/api/documents/{doomed.Document.Id}");
        using var again = await Client.Http.DeleteAsync($"/api/documents/{doomed.Document.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.DoesNotContain((await Client.SearchTextAsync("zebra")).Hits, h => h.DocumentId == doomed.Document.Id);
        Assert.False(Directory.Exists(Path.Combine(report.Factory.DataDirectory, "blobs", "documents", doomed.Document.Id.ToString("N"))));
        Assert.Equal(DocumentStatus.Ready, (await Client.GetAsync(report.Report.Document.Id)).Document.Status);
    }
}
