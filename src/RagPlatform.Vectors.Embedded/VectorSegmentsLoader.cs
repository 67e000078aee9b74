using RagPlatform.Core.Documents;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Streams a full load straight into a fresh <see cref="VectorSegments"/> that nobody else
/// sees yet, so the load needs no lock and no staging copy of the vectors.</summary>
internal sealed class VectorSegmentsLoader(VectorSegments target) : IVectorChangeSink
{
    public void Begin(int expectedRows) => target.EnsureCapacity(expectedRows);

    public void Removed(Guid itemId) => target.Remove(itemId);

    public void Upserted(Guid itemId, Guid documentId, string? collection, Modality modality, ReadOnlySpan<float> vector) =>
        target.Upsert(itemId, documentId, modality, vector, collection);
}
