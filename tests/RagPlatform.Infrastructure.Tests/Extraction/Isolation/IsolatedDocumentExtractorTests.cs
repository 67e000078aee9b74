using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Extraction.Isolation;
using RagPlatform.Infrastructure.Tests.Extraction.Hostile;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Extraction.Isolation;

/// <summary>Extraction in a child process: the same pages as in process, and whatever a hostile file
/// does to the parsers ends that process only, with a reason that says what happened and where.</summary>
public sealed class IsolatedDocumentExtractorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_read_in_an_extractor_process_equal_the_pages_read_in_process()
    {
        var png = TestImages.TwoTone(120, 80, SKEncodedImageFormat.Png);
        var jpeg = TestImages.TwoTone(160, 120, SKEncodedImageFormat.Jpeg);
        using var text = new TempPdf(SamplePdfs.ThreePagesOfText());
        using var images = new TempPdf(SamplePdfs.PageWithImages(png, jpeg, png));

        foreach (var path in new[] { text.Path, images.Path })
        {
            var isolated = await IsolatedExtraction.ExtractAllAsync(path, DocumentKind.Pdf);
            var inProcess = await ExtractorFactory.ExtractAllAsync(path);

            Assert.Equal(inProcess.Count, isolated.Count);
            foreach (var (expected, actual) in inProcess.Zip(isolated))
            {
                Assert.Equal((expected.Number, expected.Width, expected.Height), (actual.Number, actual.Width, actual.Height));
                Assert.Equal(expected.Words, actual.Words);
                Assert.Equal(expected.Images.Select(Describe), actual.Images.Select(Describe));
                Assert.Equal((expected.Render.PixelWidth, expected.Render.PixelHeight, expected.Render.MediaType), (actual.Render.PixelWidth, actual.Render.PixelHeight, actual.Render.MediaType));
            }
        }
    }

    [Fact]
    public async Task An_uploaded_image_comes_back_as_its_own_untouched_render()
    {
        var jpeg = TestImages.TwoTone(300, 200, SKEncodedImageFormat.Jpeg);
        using var file = new TempPdf(jpeg);

        var page = Assert.Single(await IsolatedExtraction.ExtractAllAsync(file.Path, DocumentKind.Image));

        Assert.Equal((300, 200), (page.Render.PixelWidth, page.Render.PixelHeight));
        Assert.Equal(jpeg, page.Render.Data.ToArray());
    }

    [Fact]
    public async Task A_damaged_file_is_rejected_with_the_reason_the_in_process_extractor_gives()
    {
        using var notPdf = new TempPdf("no PDF at all"u8.ToArray());

        var rejected = await Assert.ThrowsAsync<DocumentRejectedException>(() => IsolatedExtraction.ExtractAllAsync(notPdf.Path, DocumentKind.Pdf));

        Assert.Equal("The file is not a PDF: it has no PDF header.", rejected.Message);
    }

    [Theory]
    [InlineData(ExtractionIsolation.Process)]
    [InlineData(ExtractionIsolation.InProcess)]
    public async Task A_document_over_the_page_limit_is_refused_naming_the_limit_and_its_setting(ExtractionIsolation isolation)
    {
        using var file = new TempPdf(SamplePdfs.ThreePagesOfText());
        var options = new ExtractionOptions { MaxPages = 2, Isolation = isolation };

        var rejected = await Assert.ThrowsAsync<DocumentRejectedException>(() => isolation == ExtractionIsolation.Process
            ? IsolatedExtraction.ExtractAllAsync(file.Path, DocumentKind.Pdf, options)
            : InProcessExtraction.ExtractAllAsync(file.Path, options));

        Assert.Equal("The document has 3 pages; the limit is 2 (Extraction:MaxPages).", rejected.Message);
    }

    [Fact]
    public async Task A_pdf_that_overflows_the_parsers_stack_ends_only_the_extractor_process_and_says_so()
    {
        var failure = await Assert.ThrowsAsync<ExtractorFailedException>(() =>
            IsolatedExtraction.ExtractAllAsync(HostileCorpus.PathOf("xref-stream-absurd-w.pdf"), DocumentKind.Pdf));

        Assert.Equal("the extractor process crashed (stack overflow) while opening the file", failure.Message);
    }

    [Fact]
    public async Task A_pdf_that_inflates_past_the_memory_limit_ends_the_extractor_process_and_says_so()
    {
        var options = new ExtractionOptions { MaxMemoryMegabytes = 384 };

        var failure = await Assert.ThrowsAsync<ExtractorFailedException>(() =>
            IsolatedExtraction.ExtractAllAsync(HostileCorpus.PathOf("inflation-bomb.pdf"), DocumentKind.Pdf, options));

        Assert.Equal("the extractor process ran out of memory (limit 384 MiB, Extraction:MaxMemoryMegabytes) while reading page 1", failure.Message);
    }

    [Fact]
    public async Task An_extractor_process_that_does_not_answer_in_time_is_killed_and_says_after_how_long()
    {
        var options = new ExtractionOptions { ProcessTimeout = TimeSpan.FromSeconds(3), PageTimeout = TimeSpan.FromHours(1) };

        var failure = await Assert.ThrowsAsync<ExtractorFailedException>(() =>
            IsolatedExtraction.ExtractAllAsync(HostileCorpus.PathOf("form-xobject-bomb.pdf"), DocumentKind.Pdf, options));

        // Page 1 takes minutes; on a machine loaded enough, even opening a fresh process may take 3 s.
        Assert.Matches(@"^the extractor process was killed after 3 s without an answer \(Extraction:ProcessTimeout\) while (reading page 1|opening the file)$", failure.Message);
    }

    [Fact]
    public async Task Cancelling_a_page_kills_its_extractor_process_and_cancels()
    {
        using var extractor = IsolatedExtraction.Create(new ExtractionOptions { PageTimeout = TimeSpan.FromHours(1) });
        using var document = await extractor.OpenAsync(HostileCorpus.PathOf("form-xobject-bomb.pdf"), DocumentKind.Pdf, Token);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => document.ExtractPageAsync(1, cancellation.Token));
        await Assert.ThrowsAnyAsync<Exception>(() => document.ExtractPageAsync(1, Token));
    }

    [Fact]
    public async Task A_process_that_closed_its_document_cleanly_or_refused_a_file_reads_the_next_document()
    {
        using var text = new TempPdf(SamplePdfs.ThreePagesOfText());
        using var notPdf = new TempPdf("no PDF at all"u8.ToArray());
        using var extractor = IsolatedExtraction.Create();

        var first = await OpenAndReadAsync(extractor, text.Path);
        await Assert.ThrowsAsync<DocumentRejectedException>(() => extractor.OpenAsync(notPdf.Path, DocumentKind.Pdf, Token));
        var second = await OpenAndReadAsync(extractor, text.Path);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_process_that_crashed_is_replaced_and_so_is_one_past_its_document_budget()
    {
        using var text = new TempPdf(SamplePdfs.ThreePagesOfText());
        using var extractor = IsolatedExtraction.Create(new ExtractionOptions { DocumentsPerProcess = 2 });

        var first = await OpenAndReadAsync(extractor, text.Path);
        var second = await OpenAndReadAsync(extractor, text.Path);
        var third = await OpenAndReadAsync(extractor, text.Path);
        await Assert.ThrowsAsync<ExtractorFailedException>(() => extractor.OpenAsync(HostileCorpus.PathOf("xref-stream-absurd-w.pdf"), DocumentKind.Pdf, Token));
        var afterCrash = await OpenAndReadAsync(extractor, text.Path);

        Assert.Equal(first, second);
        Assert.NotEqual(second, third);
        Assert.NotEqual(third, afterCrash);
    }

    /// <returns>The id of the process that read the document.</returns>
    private static async Task<int> OpenAndReadAsync(IsolatedDocumentExtractor extractor, string path)
    {
        using var document = (IsolatedExtractedDocument)await extractor.OpenAsync(path, DocumentKind.Pdf, Token);
        for (var page = 1; page <= document.PageCount; page++)
        {
            await document.ExtractPageAsync(page, Token);
        }

        return document.ProcessId;
    }

    private static (string MediaType, int Width, int Height, Region Box, int Bytes) Describe(ExtractedImage image) =>
        (image.Image.MediaType, image.Image.PixelWidth, image.Image.PixelHeight, image.Box, image.Image.Data.Length);
}
