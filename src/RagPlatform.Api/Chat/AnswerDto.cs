using RagPlatform.Core.Answering;

namespace RagPlatform.Api.Chat;

/// <summary>A checked answer (see <see cref="Answer"/>) with the ids of its conversation turn.</summary>
public sealed record AnswerDto(
    Guid ConversationId,
    Guid TurnId,
    string Question,
    string Query,
    AnswerMode Mode,
    string? Model,
    string Text,
    bool NotFound,
    string? Notice,
    IReadOnlyList<AnswerSourceDto> Sources,
    IReadOnlyList<SentImage> Images,
    IReadOnlyList<CitationDto> Citations,
    IReadOnlyList<int> RemovedCitations,
    IReadOnlyList<Claim> Claims,
    IReadOnlyList<string> Unsupported,
    IReadOnlyList<ToolCall> ToolCalls,
    AnswerUsage? Usage)
{
    public static AnswerDto From(Guid conversationId, Guid turnId, Answer a)
    {
        var sources = a.Sources.Select(AnswerSourceDto.From).ToList();
        var byNumber = sources.ToDictionary(s => s.Number);
        return new AnswerDto(
            conversationId, turnId, a.Question, a.Query, a.Mode, a.Model, a.Text, a.NotFound, a.Notice,
            sources, a.Images, [.. a.Citations.Where(byNumber.ContainsKey).Select(n => CitationDto.From(byNumber[n]))],
            a.RemovedCitations, a.Claims, a.Unsupported, a.ToolCalls, a.Usage);
    }
}
