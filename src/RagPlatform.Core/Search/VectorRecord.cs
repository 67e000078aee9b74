using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>An item's embedding. Vectors are L2-normalised, so a dot product is the cosine.</summary>
public sealed record VectorRecord(Guid ItemId, Guid DocumentId, Modality Modality, ReadOnlyMemory<float> Vector)
{
    /// <summary>The collection of the item's document, for engines that filter by a stored field
    /// (an index beside the metadata database may read it from the document instead).</summary>
    public string? Collection { get; init; }
}
