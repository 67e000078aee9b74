using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>What PdfPig read of one page: its displayed size in points, words, images and the words of
/// its annotations and form fields.</summary>
internal sealed record PageContent(
    PageFrame Frame, IReadOnlyList<ExtractedWord> Words, IReadOnlyList<ExtractedImage> Images, IReadOnlyList<ExtractedWord> AnnotationWords);
