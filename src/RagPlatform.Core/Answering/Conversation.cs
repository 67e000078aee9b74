namespace RagPlatform.Core.Answering;

/// <summary>A conversation's header; its turns are read separately.</summary>
/// <param name="Title">The first question, shortened.</param>
public sealed record Conversation(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int TurnCount);
