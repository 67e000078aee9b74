namespace RagPlatform.Core.Answering;

/// <summary>The turn exists: its conversation, its id and the search query the question became.</summary>
public sealed record AnswerStarted(Guid ConversationId, Guid TurnId, string Query) : AnswerUpdate;
