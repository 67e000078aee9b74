using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>A flowing document cut into pages; each page is laid out and drawn when it is asked for.</summary>
internal sealed class FlowDocument(IReadOnlyList<IReadOnlyList<FlowBlock>> pages, FlowPageRenderer renderer) : IExtractedDocument
{
    public int PageCount => pages.Count;

    public Task<ExtractedPage> ExtractPageAsync(int pageNumber, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageNumber, pages.Count);
        return Task.Run(() => renderer.Render(pageNumber, pages[pageNumber - 1]), cancellationToken);
    }

    public void Dispose()
    {
        // Nothing to release: the blocks are managed memory.
    }
}
