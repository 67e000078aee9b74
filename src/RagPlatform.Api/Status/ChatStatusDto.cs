namespace RagPlatform.Api.Status;

/// <summary>The language model answers use: <see cref="Answering"/> is "grounded" with a model,
/// "extractive" without one (setting Chat:Provider).</summary>
public sealed record ChatStatusDto(bool Available, string? Provider, string? Model, string Answering);
