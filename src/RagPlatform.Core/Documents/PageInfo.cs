namespace RagPlatform.Core.Documents;

/// <summary>A page of a document as ingested.</summary>
/// <param name="Width">Page width in its own units: PDF points for PDFs, pixels for images.</param>
/// <param name="Height">Page height in the same units as <paramref name="Width"/>.</param>
/// <param name="HasTextLayer">True when the page carried extractable text (no OCR needed).</param>
/// <param name="RenderBlobKey">The page as an image, for display, crops and the image encoder.</param>
public sealed record PageInfo(
    Guid DocumentId,
    int Number,
    double Width,
    double Height,
    bool HasTextLayer,
    string RenderBlobKey)
{
    /// <summary>What the page is for: content, or a list that points to content (recognised at
    /// ingestion by <see cref="Ingestion.NavigationPageDetector"/>), whose hits rank lower.</summary>
    public PageKind Kind { get; init; } = PageKind.Content;
}
