namespace RagPlatform.Core.Documents;

/// <summary>One searchable unit of a document: a text chunk, an image, or a rendered page.</summary>
/// <param name="Page">1-based page number; an uploaded image is page 1.</param>
/// <param name="Region">Where on the page; null means the whole page.</param>
/// <param name="Text">The chunk's text, or text read from the image (OCR); null when none.</param>
/// <param name="BlobKey">The image that shows this item (embedded image or page render); null for text.</param>
/// <param name="Ordinal">Order of the item within its document, for stable listings.</param>
public sealed record Item(
    Guid Id,
    Guid DocumentId,
    Modality Modality,
    int Page,
    Region? Region,
    string? Text,
    string? BlobKey,
    int Ordinal);
