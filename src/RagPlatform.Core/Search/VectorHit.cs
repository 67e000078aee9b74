using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>A nearest neighbour. <paramref name="Score"/> is the cosine similarity (-1..1).</summary>
public sealed record VectorHit(Guid ItemId, Guid DocumentId, Modality Modality, float Score);
