namespace RagPlatform.Api.Collections;

/// <summary>The collections a caller may use, by name; "default" is always among them (when allowed).</summary>
public sealed record CollectionListDto(IReadOnlyList<CollectionDto> Collections);
