namespace RagPlatform.Core.Search;

/// <summary>The vectors of the text space (<see cref="ITextEncoder"/>), kept apart from CLIP's
/// <see cref="IVectorIndex"/>: other dimensions, other scores. Keyed by the same item ids.</summary>
public interface ITextVectorIndex : IVectorIndex;
