using RagPlatform.Core.Answering;

namespace RagPlatform.Api.Chat;

/// <summary>A conversation in a list.</summary>
public sealed record ConversationDto(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int TurnCount, string Collection)
{
    public static ConversationDto From(Conversation c) => new(c.Id, c.Title, c.CreatedAt, c.UpdatedAt, c.TurnCount, c.Collection);
}
