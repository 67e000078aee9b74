using Microsoft.Extensions.Logging;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction.Poppler;
using UglyToad.PdfPig;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>An opened PDF, read page by page. Text and images come from PdfPig, the render from
/// poppler; the two run side by side and fail independently: a page keeps whatever one of them
/// could read. Calls are serialised, because a PdfPig document is not thread-safe.</summary>
internal sealed class PdfExtractedDocument : IExtractedDocument
{
    private readonly string path;
    private readonly string? temporaryCopy;
    private readonly PdfDocument? pdf;
    private readonly Stream? pdfStream;
    private readonly PdfPigLog pdfPigLog;
    private readonly PdfTextLayerReader textReader;
    private readonly PdfImageReader imageReader;
    private readonly PdfPageRenderer renderer;

    // Null when libvips renders (Extraction:Renderer is Vips).
    private readonly PopplerPageRenderer? poppler;
    private readonly TimeSpan timeout;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);

    // PdfPig work that outlived its timeout still runs on the document; until it ends, no other
    // page may touch the document.
    private Task? pdfPigWork;
    private bool disposed;

    /// <param name="path">The file both libraries read.</param>
    /// <param name="temporaryCopy">A repaired copy of the original, deleted with this document.</param>
    /// <param name="pdf">Null when PdfPig cannot read the file: pages then have a render only.</param>
    public PdfExtractedDocument(
        string path, string? temporaryCopy, PdfDocument? pdf, Stream? pdfStream, PdfPigLog pdfPigLog, int pageCount,
        ExtractionOptions options, ILogger logger)
    {
        this.path = path;
        this.temporaryCopy = temporaryCopy;
        this.pdf = pdf;
        this.pdfStream = pdfStream;
        this.pdfPigLog = pdfPigLog;
        this.logger = logger;
        PageCount = pageCount;
        timeout = options.PageTimeout;
        textReader = new PdfTextLayerReader(options.MaxUnmappableTextFraction);
        imageReader = new PdfImageReader(options, logger);
        renderer = new PdfPageRenderer(options);
        poppler = options.Renderer == PdfRenderer.Poppler ? new PopplerPageRenderer(path, options) : null;
    }

    public int PageCount { get; }

    /// <summary>Read when the file is opened (<see cref="PdfTitleReader"/>).</summary>
    public string? Title { get; init; }

    public async Task<ExtractedPage> ExtractPageAsync(int pageNumber, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageNumber, PageCount);
        ObjectDisposedException.ThrowIf(disposed, this);

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var contentTask = ReadContentAsync(pageNumber, cancellationToken);
            var renderTask = RenderAsync(pageNumber, cancellationToken);
            var content = await contentTask.ConfigureAwait(false);
            var render = await renderTask.ConfigureAwait(false);

            // A page that cannot be drawn and holds nothing readable either is no page at all: a
            // blank stand-in would be indexed as if it were content.
            var nothingReadable = content is null || (content.Words.Count == 0 && content.Images.Count == 0);
            if (render is null && nothingReadable)
            {
                throw new DocumentRejectedException($"Page {pageNumber} of the PDF is damaged: neither its text nor its image can be read.");
            }

            var (width, height) = content is not null
                ? (content.Frame.Width, content.Frame.Height)
                : (render!.WidthPoints, render.HeightPoints);
            var image = render?.Image ?? renderer.RenderBlank(width, height);
            return new ExtractedPage(pageNumber, width, height, content?.Words ?? [], content?.Images ?? [], image)
            {
                AnnotationWords = content?.AnnotationWords ?? [],
            };
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<PageContent?> ReadContentAsync(int pageNumber, CancellationToken cancellationToken)
    {
        if (pdf is null)
        {
            return null;
        }

        if (pdfPigWork is { IsCompleted: false })
        {
            logger.TextReaderBusy(pageNumber);
            return null;
        }

        var work = AbandonableWork.Run(() =>
        {
            using var _ = ExtractionActivities.Start(ExtractionActivities.Text);
            return ReadContent(pdf, pageNumber);
        });
        pdfPigWork = work;
        try
        {
            return await work.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            logger.PagePartTimedOut("text and images", pageNumber, timeout);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.PageContentFailed(pageNumber, ex);
            return null;
        }
    }

    private PageContent? ReadContent(PdfDocument document, int pageNumber)
    {
        // Counts of unmapped glyphs belong to the page being parsed: drop what earlier pages left.
        pdfPigLog.TakeUnmappedGlyphCounts();
        var page = document.GetPage(pageNumber);
        var unmapped = pdfPigLog.TakeUnmappedGlyphCounts();
        var frame = new PageFrame(page.Width, page.Height);
        if (!frame.IsUsable)
        {
            throw new InvalidDataException($"The page's visible area is {page.Width} × {page.Height} points.");
        }

        IReadOnlyList<ExtractedWord> words = [];
        try
        {
            var text = textReader.Read(page, frame, unmapped);
            if (text.IsUnmappable)
            {
                logger.TextLayerUnmappable(pageNumber, text.UnmappableCharacters, text.VisibleCharacters);
            }

            words = text.Words;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.PageWordsFailed(pageNumber, ex);
        }

        IReadOnlyList<ExtractedWord> annotationWords = [];
        try
        {
            var firstBlock = words.Count == 0 ? 0 : words.Max(word => word.Block) + 1;
            annotationWords = PdfAnnotationText.Read(document, page, frame, firstBlock);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.PageAnnotationsFailed(pageNumber, ex);
        }

        return new PageContent(frame, words, imageReader.Read(page, frame), annotationWords);
    }

    private async Task<RenderedPage?> RenderAsync(int pageNumber, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // The token also reaches the renderer (libvips stops between strips, the direct poppler
            // renderer before and after drawing); a poppler call that never returns is abandoned by
            // WaitAsync and goes on in the background.
            return await AbandonableWork.Run(() =>
                {
                    using var _ = ExtractionActivities.Start(ExtractionActivities.Render);
                    return poppler is not null
                        ? poppler.Render(pageNumber, deadline.Token)
                        : renderer.Render(path, pageNumber, deadline.Token);
                })
                .WaitAsync(deadline.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.PagePartTimedOut("render", pageNumber, timeout);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.PageRenderFailed(pageNumber, ex);
            return null;
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        pdf?.Dispose();
        pdfStream?.Dispose();
        poppler?.Dispose();
        gate.Dispose();
        if (temporaryCopy is not null)
        {
            try
            {
                File.Delete(temporaryCopy);
            }
            catch (IOException)
            {
                // Still open in a render abandoned after a timeout; temp cleaning removes it later.
            }
        }
    }
}
