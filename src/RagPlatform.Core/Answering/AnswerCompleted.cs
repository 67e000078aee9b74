namespace RagPlatform.Core.Answering;

/// <summary>The checked answer, stored as a turn of its conversation.</summary>
public sealed record AnswerCompleted(Guid ConversationId, Guid TurnId, Answer Answer) : AnswerUpdate;
