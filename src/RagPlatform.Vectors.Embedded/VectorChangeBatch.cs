using RagPlatform.Core.Documents;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Collects records read from a vector log off the lock, to apply them in one short
/// write-locked step and in file order; vectors are copied into one growing buffer rather than one
/// array each. Also counts the records, which the index uses to know how many are dead.</summary>
internal sealed class VectorChangeBatch : IVectorLogSink
{
    private readonly List<(Guid ItemId, Guid DocumentId, Modality Modality, int Offset, int Length, long LogOffset)> _changes = [];
    private float[] _vectors = [];
    private int _used;

    public int Records => _changes.Count;

    /// <summary>The documents the batch touches (whose collections it needs).</summary>
    public IReadOnlyCollection<Guid> DocumentIds => _changes.Select(change => change.DocumentId).ToHashSet();

    public void Upserted(Guid itemId, Guid documentId, Modality modality, ReadOnlySpan<float> vector, long offset)
    {
        if (_used + vector.Length > _vectors.Length)
        {
            Array.Resize(ref _vectors, Math.Max(_vectors.Length * 2, _used + vector.Length));
        }

        vector.CopyTo(_vectors.AsSpan(_used));
        _changes.Add((itemId, documentId, modality, _used, vector.Length, offset));
        _used += vector.Length;
    }

    /// <summary>A delete has no vector: length -1 marks it.</summary>
    public void DocumentDeleted(Guid documentId) => _changes.Add((Guid.Empty, documentId, default, 0, -1, -1));

    public void ApplyTo(VectorSegments target, IReadOnlyDictionary<Guid, string?> collections)
    {
        foreach (var (itemId, documentId, modality, offset, length, logOffset) in _changes)
        {
            if (length < 0)
            {
                target.RemoveDocument(documentId);
            }
            else
            {
                target.Upsert(itemId, documentId, modality, _vectors.AsSpan(offset, length), logOffset: logOffset);
            }
        }

        target.AssignCollections(collections);
    }
}
