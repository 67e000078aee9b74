namespace RagPlatform.Core.Search;

/// <summary>Full-text search over item text (BM25 ranking).</summary>
public interface ILexicalIndex
{
    /// <summary>Inserts or replaces by item id.</summary>
    Task IndexAsync(IReadOnlyList<LexicalEntry> entries, CancellationToken cancellationToken);

    /// <summary>Best first. Any user text is a valid query: operators and punctuation of the
    /// engine's query language are neutralised, never passed through.</summary>
    Task<IReadOnlyList<LexicalHit>> SearchAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken);

    /// <summary>Pages whose whole text matches, best first, under the same query rules; the filter's
    /// documents apply, its modalities do not (every hit is a page).</summary>
    Task<IReadOnlyList<LexicalPageHit>> SearchPagesAsync(string query, int limit, SearchFilter filter, CancellationToken cancellationToken);

    Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken);
}
