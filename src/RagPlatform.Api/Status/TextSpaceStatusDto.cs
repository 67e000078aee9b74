namespace RagPlatform.Api.Status;

/// <summary>The text space (a sentence-embedding model beside CLIP): whether its model is loaded,
/// <see cref="Reason"/> why not, its folder name, vector length, and how many text items of the
/// collection have a vector in it (documents ingested before the model was installed have none until re-indexed).</summary>
public sealed record TextSpaceStatusDto(bool Available, string? Reason, string? Model, int? Dimensions, long Vectors);
