using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Api.Search;

/// <summary>One hit. <see cref="ImageUrl"/> shows the hit itself (embedded image, page, or a crop of
/// the text's region); <see cref="Region"/> is in fractions of the page, origin top-left.
/// <see cref="MoreOnPage"/> counts the other matches of the same page and modality that this hit
/// stands for (0 when the search was not collapsed).</summary>
public sealed record SearchHitDto(
    Guid ItemId,
    Guid DocumentId,
    string DocumentName,
    Modality Modality,
    int Page,
    Region? Region,
    string? Snippet,
    string ImageUrl,
    string PageImageUrl,
    string DocumentUrl,
    ScoreParts Score,
    int MoreOnPage)
{
    public static SearchHitDto From(SearchHit h) => new(
        h.ItemId, h.DocumentId, h.DocumentName, h.Modality, h.Page, h.Region, h.Snippet,
        ApiLinks.ItemImage(h.ItemId), ApiLinks.PageImage(h.DocumentId, h.Page), ApiLinks.Document(h.DocumentId), h.Score, h.MoreOnPage);
}
