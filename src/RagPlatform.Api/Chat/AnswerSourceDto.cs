using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Chat;

/// <summary>A numbered source of an answer as the model saw it; <see cref="Region"/> is in fractions of
/// the page, origin top-left.</summary>
public sealed record AnswerSourceDto(
    int Number,
    Guid ItemId,
    Guid DocumentId,
    string DocumentName,
    int Page,
    Modality Modality,
    Region? Region,
    string? Snippet,
    string ImageUrl,
    string PageImageUrl,
    bool SentAsImage)
{
    public static AnswerSourceDto From(AnswerSource s) => new(
        s.Number, s.Hit.ItemId, s.Hit.DocumentId, s.Hit.DocumentName, s.Hit.Page, s.Hit.Modality, s.Hit.Region,
        s.Hit.Snippet ?? s.Passage, ApiLinks.ItemImage(s.Hit.ItemId), ApiLinks.PageImage(s.Hit.DocumentId, s.Hit.Page), s.SentAsImage);
}
