using RagPlatform.Core.Documents;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Receives the records <see cref="VectorLogReader"/> reads, in file order (the order
/// matters: a document deleted and then re-ingested under the same item ids ends up present).</summary>
internal interface IVectorLogSink
{
    /// <summary>The span is only valid during the call.</summary>
    /// <param name="offset">Where the record starts in the file (<see cref="VectorLogVectors.Read"/>).</param>
    void Upserted(Guid itemId, Guid documentId, Modality modality, ReadOnlySpan<float> vector, long offset);

    void DocumentDeleted(Guid documentId);
}
