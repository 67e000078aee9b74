namespace RagPlatform.Core.Answering;

/// <summary>A question and its checked answer.</summary>
public sealed record ConversationTurn(Guid Id, Guid ConversationId, string Question, Answer Answer, DateTimeOffset CreatedAt);
