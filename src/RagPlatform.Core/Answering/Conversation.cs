namespace RagPlatform.Core.Answering;

/// <summary>A conversation's header; its turns are read separately.</summary>
/// <param name="Title">The first question, shortened.</param>
/// <param name="Collection">The collection it was started in; its follow-ups search there only.</param>
public sealed record Conversation(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int TurnCount, string Collection);
