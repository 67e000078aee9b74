using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>An item's embedding. Vectors are L2-normalised, so a dot product is the cosine.</summary>
public sealed record VectorRecord(Guid ItemId, Guid DocumentId, Modality Modality, ReadOnlyMemory<float> Vector);
