namespace RagPlatform.Api.Collections;

/// <summary>A collection and how many documents it holds.</summary>
public sealed record CollectionDto(string Name, int DocumentCount);
