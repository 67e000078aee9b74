using RagPlatform.Core.Documents;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Receives the changes <see cref="SqliteVectorTable.ReadChangesAsync"/> streams.</summary>
internal interface IVectorChangeSink
{
    /// <summary>Called first; <paramref name="expectedRows"/> is the table's size on a full load, else 0.</summary>
    void Begin(int expectedRows);

    void Removed(Guid itemId);

    /// <summary>The span is only valid during the call.</summary>
    /// <param name="collection">The document's collection; null when its row is gone (being deleted).</param>
    void Upserted(Guid itemId, Guid documentId, string? collection, Modality modality, ReadOnlySpan<float> vector);
}
