using Microsoft.Extensions.Logging;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Log messages of PDF extraction (source-generated: some fire once per glyph or image).</summary>
internal static partial class PdfExtractionLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "PdfPig: {PdfPigMessage}")]
    public static partial void PdfPigMessage(this ILogger logger, string pdfPigMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PdfPig cannot read {Path}; its pages are rendered without a text layer")]
    public static partial void TextLayerUnreadable(this ILogger logger, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} is cut off before its trailer; read it with a trailer appended")]
    public static partial void RepairedTruncatedFile(this ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PdfPig counts {PdfPigPages} pages in {Path}, poppler {PopplerPages}; using PdfPig's count, which walks the page tree")]
    public static partial void PageCountsDiffer(this ILogger logger, string path, int pdfPigPages, int popplerPages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read the text and images of page {Page}; the page keeps its render")]
    public static partial void PageContentFailed(this ILogger logger, int page, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot lay out the words of page {Page}; the page keeps its images and render")]
    public static partial void PageWordsFailed(this ILogger logger, int page, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read the annotations and form fields of page {Page}; the page keeps its text layer")]
    public static partial void PageAnnotationsFailed(this ILogger logger, int page, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read the embedded images of page {Page} past image {Found}; the page keeps the others")]
    public static partial void PageImagesFailed(this ILogger logger, int page, int found, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot render page {Page}; a blank render stands in for it")]
    public static partial void PageRenderFailed(this ILogger logger, int page, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on the {Part} of page {Page} after {Timeout}; the work may go on in the background")]
    public static partial void PagePartTimedOut(this ILogger logger, string part, int page, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped the text of page {Page}: PdfPig is still busy with a page that timed out")]
    public static partial void TextReaderBusy(this ILogger logger, int page);

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {Page} has {Unmappable} of {Letters} characters without a Unicode mapping; its text layer is dropped so that OCR can read the render")]
    public static partial void TextLayerUnmappable(this ILogger logger, int page, int unmappable, int letters);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Skipped an image on page {Page}: {Reason}")]
    public static partial void ImageSkipped(this ILogger logger, int page, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {Page} has more than {Limit} embedded images; the rest are left to the render")]
    public static partial void ImagesCapped(this ILogger logger, int page, int limit);
}
