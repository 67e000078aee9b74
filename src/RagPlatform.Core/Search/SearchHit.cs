using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>One result: an item with where it is and why it matched.</summary>
/// <param name="Snippet">Matched text with terms marked «like this», or the item's text, or null.</param>
/// <param name="BlobKey">Image that shows the item (page render or embedded image); null for text,
/// which is shown as a crop of its page render instead.</param>
public sealed record SearchHit(
    Guid ItemId,
    Guid DocumentId,
    string DocumentName,
    Modality Modality,
    int Page,
    Region? Region,
    string? Snippet,
    string? BlobKey,
    ScoreParts Score)
{
    /// <summary>Other hits of the same document, page and modality that this one stands for (search
    /// collapses them; <see cref="SearchRequest.Collapse"/> false lists them all).</summary>
    public int MoreOnPage { get; init; }
}
