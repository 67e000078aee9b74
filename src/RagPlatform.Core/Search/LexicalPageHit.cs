namespace RagPlatform.Core.Search;

/// <summary>A page whose whole text matches a query. <paramref name="ItemId"/> is the page's item
/// (modality page); <paramref name="Score"/> is BM25 over whole pages, higher is better.</summary>
public sealed record LexicalPageHit(Guid ItemId, Guid DocumentId, int Page, double Score, string Snippet);
