namespace RagPlatform.Core.Answering;

/// <summary>Tokens the model reported, summed over its calls; null parts were not reported.</summary>
public sealed record AnswerUsage(long? InputTokens, long? OutputTokens);
