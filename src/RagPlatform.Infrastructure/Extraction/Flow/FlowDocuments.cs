using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>Opens the pages of a flowing document, refusing one that has nothing to index.</summary>
internal static class FlowDocuments
{
    public static FlowDocument Open(IReadOnlyList<IReadOnlyList<FlowBlock>> pages, ExtractionOptions options) =>
        pages.Count == 0
            ? throw new DocumentRejectedException("The document holds no text or images to index.")
            : new FlowDocument(pages, new FlowPageRenderer(options));
}
