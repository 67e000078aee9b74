namespace RagPlatform.Api.Chat;

/// <summary>A conversation with its turns, oldest first.</summary>
public sealed record ConversationDetailsDto(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ConversationTurnDto> Turns, string Collection);
