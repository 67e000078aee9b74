using RagPlatform.Core.Documents;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Streams a full load straight into a fresh <see cref="VectorSegments"/> that nobody else
/// sees yet, so the load needs no lock and no staging copy of the vectors. Collections are assigned
/// afterwards (<see cref="VectorSegments.AssignCollections"/>), read after the file so that every
/// document in it already has its row.</summary>
internal sealed class VectorSegmentsLoader(VectorSegments target) : IVectorLogSink
{
    public int Records { get; private set; }

    public void Upserted(Guid itemId, Guid documentId, Modality modality, ReadOnlySpan<float> vector)
    {
        Records++;
        target.Upsert(itemId, documentId, modality, vector);
    }

    public void DocumentDeleted(Guid documentId)
    {
        Records++;
        target.RemoveDocument(documentId);
    }
}
