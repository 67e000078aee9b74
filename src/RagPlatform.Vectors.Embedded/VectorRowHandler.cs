using RagPlatform.Core.Documents;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Receives one row of <see cref="SqliteVectorTable.ReadAllAsync"/>; the span is only valid during the call.</summary>
internal delegate void VectorRowHandler(Guid itemId, Guid documentId, Modality modality, ReadOnlySpan<float> vector);
