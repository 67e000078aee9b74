using RagPlatform.Core.Search;

namespace RagPlatform.Core.Answering;

/// <summary>A question, optionally continuing a conversation, over the documents the filter allows.</summary>
/// <param name="ConversationId">Null starts a new conversation.</param>
public sealed record AnswerRequest(string Question, Guid? ConversationId, SearchFilter Filter, AnswerMode Mode = AnswerMode.Grounded);
