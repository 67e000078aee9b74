using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction.Poppler;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Opens PDFs for page-by-page extraction: words with boxes and reading order (PdfPig),
/// embedded images (PdfPig) and page renders (poppler, called directly or through libvips: see
/// <see cref="ExtractionOptions.Renderer"/>). A PDF that PdfPig cannot parse but poppler can still
/// yields rendered pages (for OCR); only a file neither can read is rejected.</summary>
public sealed class PdfDocumentExtractor(IOptions<ExtractionOptions> options, ILogger<PdfDocumentExtractor> logger) : IDocumentExtractor
{
    internal const string PasswordProtectedMessage =
        "The PDF is password-protected. Remove the password (for example, save or print it as a new PDF without protection) and upload it again.";

    private const int StreamBufferSize = 64 * 1024;

    /// <exception cref="ArgumentException"><paramref name="kind"/> is not <see cref="DocumentKind.Pdf"/>.</exception>
    /// <exception cref="InvalidOperationException">libvips with PDF support (page counts, blank pages)
    /// or, for the Poppler renderer, poppler-glib and cairo are not installed.</exception>
    public async Task<IExtractedDocument> OpenAsync(string originalPath, DocumentKind kind, CancellationToken cancellationToken)
    {
        if (kind != DocumentKind.Pdf)
        {
            throw new ArgumentException($"{nameof(PdfDocumentExtractor)} reads PDFs only, not {kind}.", nameof(kind));
        }

        ArgumentException.ThrowIfNullOrEmpty(originalPath);
        PdfPageRenderer.EnsureAvailable();
        if (options.Value.Renderer == PdfRenderer.Poppler)
        {
            PopplerPageRenderer.EnsureAvailable();
        }

        await CheckIsPdfAsync(originalPath, cancellationToken).ConfigureAwait(false);

        var settings = options.Value;
        var pdfPigLog = new PdfPigLog(logger);
        var opened = await OpenWithPdfPigAsync(originalPath, pdfPigLog, settings.PageTimeout, cancellationToken).ConfigureAwait(false);
        string? repairedPath = null;
        if (opened.Pdf is null)
        {
            (opened, repairedPath) = await TryOpenRepairedAsync(originalPath, opened, pdfPigLog, settings.PageTimeout, cancellationToken)
                .ConfigureAwait(false);
        }

        var path = repairedPath ?? originalPath;
        try
        {
            var pageCount = await CountPagesAsync(path, opened.Pdf, opened.Failure, settings.PageTimeout, cancellationToken)
                .ConfigureAwait(false);
            if (opened.Pdf is null)
            {
                logger.TextLayerUnreadable(originalPath, opened.Failure!);
            }

            return new PdfExtractedDocument(path, repairedPath, opened.Pdf, opened.Stream, pdfPigLog, pageCount, settings, logger)
            {
                Title = opened.Title,
            };
        }
        catch
        {
            opened.Pdf?.Dispose();
            opened.Stream?.Dispose();
            DeleteQuietly(repairedPath);
            throw;
        }
    }

    private static async Task CheckIsPdfAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[MediaTypeSniffer.HeaderLength];
        int read;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        if (read == 0)
        {
            throw new DocumentRejectedException("The file is empty.");
        }

        if (MediaTypeSniffer.Detect(head.AsSpan(0, read))?.Kind != DocumentKind.Pdf)
        {
            throw new DocumentRejectedException("The file is not a PDF: it has no PDF header.");
        }
    }

    /// <summary>For a file cut off at the end: a copy with a trailer appended (see
    /// <see cref="TruncatedPdfRepair"/>), used for text and render alike when PdfPig can read it.</summary>
    /// <returns>The copy's path, null when no repair helped (then <paramref name="failed"/> stands).</returns>
    private async Task<(PdfPigOpening Opened, string? RepairedPath)> TryOpenRepairedAsync(
        string path, PdfPigOpening failed, PdfPigLog log, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (new FileInfo(path).Length > TruncatedPdfRepair.MaxFileBytes)
        {
            return (failed, null);
        }

        var original = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var repaired = await AbandonableWork.Run(() => TruncatedPdfRepair.TryAppendTrailer(original))
            .WaitAsync(timeout, cancellationToken)
            .ConfigureAwait(false);
        if (repaired is null)
        {
            return (failed, null);
        }

        var repairedPath = Path.Combine(Path.GetTempPath(), $"ragplatform-repaired-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(repairedPath, repaired, cancellationToken).ConfigureAwait(false);
        PdfPigOpening opened;
        try
        {
            opened = await OpenWithPdfPigAsync(repairedPath, log, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            DeleteQuietly(repairedPath);
            throw;
        }

        if (opened.Pdf is null)
        {
            DeleteQuietly(repairedPath);
            return (failed, null);
        }

        logger.RepairedTruncatedFile(path);
        return (opened, repairedPath);
    }

    /// <returns>The open document and its file, or the reason PdfPig cannot read it.</returns>
    /// <exception cref="DocumentRejectedException">The PDF is password-protected.</exception>
    private static async Task<PdfPigOpening> OpenWithPdfPigAsync(
        string path, PdfPigLog log, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var open = AbandonableWork.Run(() =>
        {
            // A stream, not the bytes: PdfPig reads objects on demand, so memory does not grow with
            // the file (PdfDocument.Open(path) would read the whole file into an array).
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, StreamBufferSize);
            try
            {
                var pdf = PdfDocument.Open(stream, new ParsingOptions
                {
                    UseLenientParsing = true,
                    SkipMissingFonts = true,
                    Logger = log,
                });

                // Reading the page count walks the catalog: a broken one fails here, not later.
                _ = pdf.NumberOfPages;
                return (pdf, stream, ReadTitle(pdf, path));
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        });

        try
        {
            var (pdf, stream, title) = await open.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return new PdfPigOpening(pdf, stream, null) { Title = title };
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentRejectedException(PasswordProtectedMessage, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return new PdfPigOpening(null, null, ex);
        }
    }

    /// <summary>The document's own title; damaged metadata costs the title, never the document.</summary>
    private static string? ReadTitle(PdfDocument pdf, string path)
    {
        try
        {
            return PdfTitleReader.Read(pdf, path);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>PdfPig's page count when PdfPig can read the file and finds pages: it walks the page
    /// tree, where poppler trusts /Count (a /Count of 5 over one page gives poppler 5 pages it cannot
    /// load). Poppler's otherwise.</summary>
    private async Task<int> CountPagesAsync(
        string path, PdfDocument? pdf, Exception? pdfPigFailure, TimeSpan timeout, CancellationToken cancellationToken)
    {
        int? popplerPages = null;
        Exception? popplerFailure = null;
        try
        {
            popplerPages = await AbandonableWork.Run(() => PdfPageRenderer.CountPages(path))
                .WaitAsync(timeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            popplerFailure = ex;
        }

        if (pdf is null)
        {
            if (popplerFailure?.Message.Contains("encrypted", StringComparison.OrdinalIgnoreCase) == true)
            {
                throw new DocumentRejectedException(PasswordProtectedMessage, popplerFailure);
            }

            return popplerPages switch
            {
                null => throw new DocumentRejectedException("The PDF is damaged and cannot be read.", pdfPigFailure!),
                > 0 => popplerPages.Value,
                _ => throw new DocumentRejectedException("The PDF has no pages."),
            };
        }

        var pages = pdf.NumberOfPages;
        if (popplerPages is not null && popplerPages != pages)
        {
            logger.PageCountsDiffer(path, pages, popplerPages.Value);
        }

        // A page tree PdfPig finds empty but poppler does not: poppler's pages, rendered only.
        return pages > 0 ? pages
            : popplerPages > 0 ? popplerPages.Value
            : throw new DocumentRejectedException("The PDF has no pages.");
    }

    private static void DeleteQuietly(string? path)
    {
        try
        {
            if (path is not null)
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // A temporary copy; the system's temp cleaning removes what is left.
        }
    }

    /// <summary>A PdfPig document with the file it reads, or why it could not be opened.</summary>
    private sealed record PdfPigOpening(PdfDocument? Pdf, Stream? Stream, Exception? Failure)
    {
        public string? Title { get; init; }
    }
}
