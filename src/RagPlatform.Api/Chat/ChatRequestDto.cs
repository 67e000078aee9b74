using RagPlatform.Core.Answering;

namespace RagPlatform.Api.Chat;

/// <summary>A question for POST /api/chat.</summary>
/// <param name="ConversationId">Continue this conversation (follow-ups are rewritten from its turns);
/// null starts a new one.</param>
/// <param name="DocumentIds">Answer from these documents only; empty or absent means all.</param>
/// <param name="Mode">grounded (default) or agentic.</param>
/// <param name="Collection">The collection answered from; "default" when absent. A follow-up must name
/// the collection its conversation was started in (else 404, as for an unknown conversation).</param>
/// <param name="Stream">true (default): server-sent events; false: one JSON answer. The query
/// parameter <c>?stream=false</c> overrides it.</param>
public sealed record ChatRequestDto(
    string? Question,
    Guid? ConversationId = null,
    IReadOnlyList<Guid>? DocumentIds = null,
    AnswerMode? Mode = null,
    bool? Stream = null,
    string? Collection = null);
