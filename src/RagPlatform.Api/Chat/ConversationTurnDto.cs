namespace RagPlatform.Api.Chat;

/// <summary>A question of a conversation and its checked answer.</summary>
public sealed record ConversationTurnDto(Guid Id, string Question, DateTimeOffset CreatedAt, AnswerDto Answer);
