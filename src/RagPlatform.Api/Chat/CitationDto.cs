using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Chat;

/// <summary>A source the answer cites, resolved to where it is: the image URL shows the cited region,
/// the page image URL its whole page (draw <see cref="Region"/> on it).</summary>
public sealed record CitationDto(
    int Number,
    Guid DocumentId,
    string DocumentName,
    int Page,
    Region? Region,
    string? Snippet,
    string ImageUrl,
    string PageImageUrl)
{
    public static CitationDto From(AnswerSourceDto s) => new(s.Number, s.DocumentId, s.DocumentName, s.Page, s.Region, s.Snippet, s.ImageUrl, s.PageImageUrl);
}
