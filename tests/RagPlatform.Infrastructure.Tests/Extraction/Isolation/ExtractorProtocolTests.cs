using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Extraction.Isolation;

namespace RagPlatform.Infrastructure.Tests.Extraction.Isolation;

public sealed class ExtractorProtocolTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_page_crosses_the_protocol_unchanged()
    {
        var render = new EncodedImage(new byte[] { 1, 2, 3 }, "image/png", 30, 40);
        var figure = new ExtractedImage(new EncodedImage(new byte[] { 9, 8 }, "image/jpeg", 5, 6), new Region(0.1, 0.2, 0.3, 0.4));
        var page = new ExtractedPage(7, 612.5, 792.25, [new ExtractedWord("naïve", new Region(0.5, 0.25, 0.125, 0.0625), 3)], [figure], render)
        {
            AnnotationWords = [new ExtractedWord("note", new Region(0.1, 0.1, 0.2, 0.05), 4)],
        };
        using var stream = new MemoryStream();

        await ExtractorFrames.WriteAsync(stream, ExtractorCodec.Encode(new ExtractorResponse.PageRead(page)), Token);
        stream.Position = 0;
        var read = Assert.IsType<ExtractorResponse.PageRead>(ExtractorCodec.DecodeResponse((await ExtractorFrames.ReadAsync(stream, Token))!)).Page;

        Assert.Equal((page.Number, page.Width, page.Height), (read.Number, read.Width, read.Height));
        Assert.Equal(page.Words, read.Words);
        Assert.Equal(page.AnnotationWords, read.AnnotationWords);
        Assert.Equal(figure.Box, Assert.Single(read.Images).Box);
        Assert.Equal(figure.Image.Data.ToArray(), read.Images[0].Image.Data.ToArray());
        Assert.Equal((render.MediaType, render.PixelWidth, render.PixelHeight), (read.Render.MediaType, read.Render.PixelWidth, read.Render.PixelHeight));
        Assert.Equal(render.Data.ToArray(), read.Render.Data.ToArray());
        Assert.Null(await ExtractorFrames.ReadAsync(stream, Token));
    }

    [Theory]
    [InlineData("Photosynthesis – a handbook")]
    [InlineData(null)]
    public void An_opened_answer_carries_the_page_count_and_the_documents_title(string? title)
    {
        var opened = Assert.IsType<ExtractorResponse.Opened>(ExtractorCodec.DecodeResponse(ExtractorCodec.Encode(new ExtractorResponse.Opened(12, title))));

        Assert.Equal((12, title), (opened.PageCount, opened.Title));
    }

    [Fact]
    public void An_open_request_carries_the_settings_the_process_reads_no_configuration_of_its_own()
    {
        var settings = new ExtractionOptions { RenderDpi = 99, MaxPages = 12, PageTimeout = TimeSpan.FromSeconds(42) };

        var open = Assert.IsType<ExtractorRequest.Open>(ExtractorCodec.DecodeRequest(ExtractorCodec.Encode(new ExtractorRequest.Open("/tmp/a.pdf", DocumentKind.Pdf, settings, 1234))));

        Assert.Equal(("/tmp/a.pdf", DocumentKind.Pdf, 1234L), (open.Path, open.Kind, open.ScreenMaxPixels));
        Assert.Equal((99, 12, TimeSpan.FromSeconds(42)), (open.Settings.RenderDpi, open.Settings.MaxPages, open.Settings.PageTimeout));
    }

    [Fact]
    public async Task Output_that_is_not_a_frame_is_refused_rather_than_trusted()
    {
        using var stream = new MemoryStream("Syntax Warning: something printed to stdout"u8.ToArray());

        await Assert.ThrowsAsync<InvalidDataException>(() => ExtractorFrames.ReadAsync(stream, Token));
    }

    [Fact]
    public void A_frame_that_claims_more_entries_than_it_holds_is_refused_before_allocating_them()
    {
        // A page-read response: number, width, height, then a word count of two billion.
        var payload = new byte[1 + 4 + 8 + 8 + 4];
        payload[0] = 2;
        BitConverter.TryWriteBytes(payload.AsSpan(21), 2_000_000_000);

        Assert.Throws<InvalidDataException>(() => ExtractorCodec.DecodeResponse(payload));
    }
}
