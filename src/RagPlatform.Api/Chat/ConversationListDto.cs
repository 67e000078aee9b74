namespace RagPlatform.Api.Chat;

/// <summary>Conversations, newest activity first.</summary>
public sealed record ConversationListDto(IReadOnlyList<ConversationDto> Conversations);
