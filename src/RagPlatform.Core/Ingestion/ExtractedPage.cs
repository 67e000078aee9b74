using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Ingestion;

/// <summary>Everything extraction found on one page.</summary>
/// <param name="Width">Page width in points for PDFs, pixels for images.</param>
/// <param name="Height">Page height in the same unit.</param>
/// <param name="Words">Words of the text layer in reading order; empty for a page without one.</param>
/// <param name="Images">Images drawn on the page (for an uploaded image: none; the render is the image).</param>
/// <param name="Render">The whole page as an image.</param>
public sealed record ExtractedPage(
    int Number,
    double Width,
    double Height,
    IReadOnlyList<ExtractedWord> Words,
    IReadOnlyList<ExtractedImage> Images,
    EncodedImage Render)
{
    /// <summary>Text kept beside the page's drawing: notes, free-text boxes and filled-in form fields,
    /// boxed by their rectangles, one block per annotation, numbered after the text layer's blocks.</summary>
    public IReadOnlyList<ExtractedWord> AnnotationWords { get; init; } = [];
}
