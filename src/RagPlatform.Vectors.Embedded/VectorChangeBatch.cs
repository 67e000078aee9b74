using RagPlatform.Core.Documents;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Collects an incremental catch-up off the lock, to apply it in one short write-locked
/// step; vectors are copied into one growing buffer rather than one array each.</summary>
internal sealed class VectorChangeBatch : IVectorChangeSink
{
    private readonly List<Guid> _removed = [];
    private readonly List<(Guid ItemId, Guid DocumentId, string? Collection, Modality Modality, int Offset, int Length)> _upserted = [];
    private float[] _vectors = [];
    private int _used;

    public void Begin(int expectedRows)
    {
    }

    public void Removed(Guid itemId) => _removed.Add(itemId);

    public void Upserted(Guid itemId, Guid documentId, string? collection, Modality modality, ReadOnlySpan<float> vector)
    {
        if (_used + vector.Length > _vectors.Length)
        {
            Array.Resize(ref _vectors, Math.Max(_vectors.Length * 2, _used + vector.Length));
        }

        vector.CopyTo(_vectors.AsSpan(_used));
        _upserted.Add((itemId, documentId, collection, modality, _used, vector.Length));
        _used += vector.Length;
    }

    /// <summary>Removals first: an item is never both removed and upserted in one snapshot (an upsert
    /// deletes the item's tombstone), so the order only matters for freeing room.</summary>
    public void ApplyTo(VectorSegments target)
    {
        foreach (var itemId in _removed)
        {
            target.Remove(itemId);
        }

        foreach (var (itemId, documentId, collection, modality, offset, length) in _upserted)
        {
            target.Upsert(itemId, documentId, modality, _vectors.AsSpan(offset, length), collection);
        }
    }
}
