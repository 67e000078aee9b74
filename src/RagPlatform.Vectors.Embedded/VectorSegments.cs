using System.Runtime.CompilerServices;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Vectors.Embedded;

/// <summary>The in-memory vectors: rows, their item ids and documents, and how they change. Rows live
/// densely in fixed-size segments (<see cref="SegmentChain"/> of <see cref="VectorSegment"/>: small
/// metadata arrays and the scan's input, int8 codes for a quantized scan or fp32 vectors for an exact
/// one): growth adds a segment and never copies the collection, a row costs dimensions + 13 bytes (4 × dimensions + 9 with fp32 vectors instead; 16 more
/// where item ids are kept in memory rather than read from the log) plus 10.7-16 in the item map
/// (<see cref="ItemPositions"/>), with no object per vector, and a delete moves the last
/// row into the hole (swap-remove) so the rows stay dense. Without fp32 vectors in memory, the exact
/// vectors a search re-scores with, a sample or a compaction needs are read from the log
/// (<see cref="AttachLog"/>). The search is <see cref="VectorSegmentsSearch"/>, rows copied out
/// <see cref="VectorSegmentsRows"/>. Not thread-safe: <see cref="EmbeddedVectorIndex"/> guards it with a
/// readers/writer lock.</summary>
internal sealed class VectorSegments
{
    /// <summary>Rows per segment: 8 MiB of floats at 512 dimensions, large enough for a fast
    /// sequential scan, small enough to spread over cores and to avoid one giant allocation.</summary>
    public const int DefaultSegmentCapacity = 4096;

    private readonly SegmentChain _rows;
    private readonly ItemPositions _positionByItem;
    private readonly DocumentSlots _documents = new();
    private readonly bool _keepVectors;
    private readonly bool _keepCodes;
    private readonly bool _keepItemIds;
    private VectorLogVectors? _log;

    /// <param name="keepVectors">Keep the fp32 vectors in memory (the exact scan's input); without
    /// them every search is quantized and re-scores from the attached log.</param>
    /// <param name="keepCodes">Keep int8 codes (the quantized scan's input); without them every
    /// search scans the fp32 vectors. At least one of the two is kept; tests keep both to compare.</param>
    /// <param name="keepItemIds">Keep each row's item id in memory; without them (16 B a row less)
    /// an id is read back from the row's log record, so every row needs one and the log must be
    /// attached before the first row arrives.</param>
    public VectorSegments(int segmentCapacity = DefaultSegmentCapacity, bool keepVectors = true, bool keepCodes = true, bool keepItemIds = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentCapacity);
        if (!keepVectors && !keepCodes)
        {
            throw new ArgumentException("Segments keep fp32 vectors, int8 codes or both: without either there is nothing to scan.", nameof(keepCodes));
        }

        _rows = new SegmentChain(segmentCapacity, keepVectors, keepCodes, keepItemIds);
        _keepVectors = keepVectors;
        _keepCodes = keepCodes;
        _keepItemIds = keepItemIds;
        _positionByItem = new ItemPositions(ItemAt);
    }

    /// <summary>Length of every vector; 0 until the first one arrives.</summary>
    public int Dimensions { get; private set; }

    public int Count { get; private set; }

    /// <summary>Rows per segment (every segment but the last has exactly this capacity).</summary>
    public int SegmentCapacity => _rows.SegmentCapacity;

    /// <summary>Whether fp32 vectors (rather than only int8 codes) are kept in memory.</summary>
    public bool KeepsVectors => _keepVectors;

    /// <summary>The segments in position order, for a search (under the mirror's read lock).</summary>
    public IReadOnlyList<VectorSegment> Segments => _rows.Segments;

    /// <summary>The document slots the rows' <see cref="VectorSegment.DocumentSlots"/> point into.</summary>
    public DocumentSlots Documents => _documents;

    /// <summary>Takes the rows of a snapshot into this empty instance: <paramref name="segments"/>
    /// filled by the reader (<see cref="Files.VectorSnapshotReader"/>) and the document slots rebuilt
    /// from their column; the reader then restores the item map (<see cref="TryRestoreItemMap"/>).
    /// Item ids are not kept in memory here: they are read back from the attached log.</summary>
    public void Restore(int dimensions, IReadOnlyList<VectorSegment> segments, int count, ReadOnlySpan<Guid> documentBySlot)
    {
        if (Count != 0 || _keepItemIds)
        {
            throw new InvalidOperationException("Only an empty index that reads its item ids from the log takes a snapshot's rows.");
        }

        _rows.Restore(segments);
        Dimensions = dimensions;
        Count = count;
        var vectorsBySlot = new int[documentBySlot.Length];
        for (var position = 0; position < count; position++)
        {
            var (segment, offset) = Locate(position);
            vectorsBySlot[segment.DocumentSlots[offset]]++;
        }

        _documents.Restore(documentBySlot, vectorsBySlot);
    }

    /// <summary>The rows as they are now, for a snapshot written after the caller lets go of its
    /// locks (<see cref="VectorSnapshotRows"/>): the segments frozen, not copied, and copies of the
    /// item map and document table. Quantized rows whose item ids are read from the log only.</summary>
    /// <param name="position">The log position the rows reflect.</param>
    /// <param name="records">The log records before that position.</param>
    public VectorSnapshotRows CaptureForSnapshot(VectorLogPosition position, long records)
    {
        if (_keepVectors || _keepItemIds)
        {
            throw new InvalidOperationException("Only a quantized index that reads its item ids from the log is snapshotted.");
        }

        var documentBySlot = new Guid[_documents.Capacity];
        for (var slot = 0; slot < documentBySlot.Length; slot++)
        {
            documentBySlot[slot] = _documents.DocumentAt(slot);
        }

        // Frozen last: nothing after it can throw, so a failed capture never leaves segments frozen
        // (every later snapshot would fail to freeze them, and the chain would keep them).
        var itemMap = _positionByItem.Slots.ToArray();
        return new VectorSnapshotRows(Dimensions, SegmentCapacity, Count, _rows.Freeze(), documentBySlot, itemMap, position, records);
    }

    /// <summary>Takes back a restored index's item map (<see cref="ItemPositions.TryRestore"/>).</summary>
    public bool TryRestoreItemMap(ulong[] slots) => _positionByItem.TryRestore(slots, Count);

    /// <summary>Whether the item ids are kept in memory (else read from the log).</summary>
    public bool KeepsItemIds => _keepItemIds;

    /// <summary>The item id of the row at <paramref name="position"/> (read from the log when the
    /// ids are not kept in memory).</summary>
    public Guid ItemAt(int position)
    {
        var (segment, offset) = Locate(position);
        if (_keepItemIds)
        {
            return segment.ItemIds[offset];
        }

        var log = _log ?? throw new InvalidOperationException("The item ids are not in memory and no log is attached to read them from.");
        return log.ReadItemId(segment.LogOffset(offset));
    }

    /// <summary>Sizes the item map for a bulk load, avoiding rehashing while rows stream in.</summary>
    public void EnsureCapacity(int count) => _positionByItem.EnsureCapacity(count);

    /// <summary>The log the rows' offsets point into; the caller disposes it after the segments.</summary>
    public void AttachLog(VectorLogVectors log) => _log = log;

    /// <summary>Re-points every row at a compacted log holding the rows in position order, one
    /// <paramref name="recordBytes"/> record each from offset 0.</summary>
    public void Rebase(VectorLogVectors log, int recordBytes)
    {
        for (var position = 0; position < Count; position++)
        {
            var (segment, offset) = _rows.LocateForChange(position);
            segment.SetLogOffset(offset, (long)position * recordBytes);
        }

        _log = log;
    }

    /// <summary>Copies the fp32 vector of the row at <paramref name="position"/> into <paramref name="destination"/>.</summary>
    public void ReadVector(int position, Span<float> destination)
    {
        var (segment, offset) = Locate(position);
        if (_keepVectors)
        {
            segment.Vector(offset, Dimensions).CopyTo(destination);
        }
        else
        {
            var log = _log ?? throw new InvalidOperationException("The vectors are not in memory and no log is attached to read them from.");
            log.Read(segment.LogOffset(offset), destination);
        }
    }

    /// <param name="collection">The document's collection (see <see cref="DocumentSlots.Acquire"/>).</param>
    /// <param name="logOffset">Where the row's record starts in the log; -1 when it has none.</param>
    // Fully optimised from the first call: a start-up load runs this a million times before tiered
    // compilation would replace its unoptimised first version (measured: 2.4-2.9 s vs 2.0 s at 1M).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Upsert(Guid itemId, Guid documentId, Modality modality, ReadOnlySpan<float> vector, string? collection = null, long logOffset = -1)
    {
        if (Count == 0 && Dimensions != vector.Length)
        {
            // An empty index takes the length of whatever comes first (the model may have changed).
            _rows.Clear();
            Dimensions = vector.Length;
        }

        if (!_keepItemIds && logOffset < 0)
        {
            throw new ArgumentException($"Item {itemId} has no log record to read its id back from.", nameof(logOffset));
        }

        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"Vector of item {itemId} has {vector.Length} dimensions; the index holds {Dimensions}-dimensional vectors.", nameof(vector));
        }

        if (_positionByItem.TryGetPosition(itemId, out var position))
        {
            var (existing, offset) = _rows.LocateForChange(position);
            _documents.Release(existing.DocumentSlots[offset]);
            Write(existing, offset, itemId, documentId, collection, modality, vector, logOffset);
            return;
        }

        _rows.EnsureRoomAfter(Count, Dimensions);
        var (segment, at) = _rows.LocateForChange(Count);
        Write(segment, at, itemId, documentId, collection, modality, vector, logOffset);
        _positionByItem.Add(itemId, Count);
        Count++;
    }

    public bool Remove(Guid itemId)
    {
        if (!_positionByItem.Remove(itemId, out var position))
        {
            return false;
        }

        var (segment, offset) = _rows.LocateForChange(position);
        _documents.Release(segment.DocumentSlots[offset]);
        var last = Count - 1;
        if (position != last)
        {
            var (lastSegment, lastOffset) = Locate(last);
            var moved = ItemAt(last);
            // The last row still holds the moved id, as ItemPositions.Move needs.
            segment.CopyRowFrom(lastSegment, lastOffset, offset, Dimensions);
            _positionByItem.Move(moved, position);
        }

        Count--;
        _rows.ShrinkTo(Count);

        return true;
    }

    /// <summary>Removes every row of a document: one pass over the rows' slots from the end, so a
    /// row swapped into a hole has already been looked at. Returns how many went.</summary>
    public int RemoveDocument(Guid documentId)
    {
        if (!_documents.TryGetSlot(documentId, out var slot))
        {
            return 0;
        }

        var removed = 0;
        for (var position = Count - 1; position >= 0; position--)
        {
            var (segment, offset) = Locate(position);
            if (segment.DocumentSlots[offset] == slot && Remove(ItemAt(position)))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Fills in the collections of the documents present (a document's never changes).</summary>
    public void AssignCollections(IReadOnlyDictionary<Guid, string?> collections) => _documents.AssignCollections(collections);

    /// <summary>The <paramref name="limit"/> highest dot products with <paramref name="query"/> among
    /// the rows the filter allows, best first, with exact fp32 scores (<see cref="VectorSegmentsSearch"/>).</summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlyMemory<float> query, int limit, SearchFilter filter, int maxDegreeOfParallelism, CancellationToken cancellationToken, bool quantized = true) =>
        VectorSegmentsSearch.Run(this, query, limit, filter, maxDegreeOfParallelism, quantized, cancellationToken);

    /// <summary>The segment and offset of the row at <paramref name="position"/>.</summary>
    public (VectorSegment Segment, int Offset) RowAt(int position) => Locate(position);

    /// <summary>Whether int8 codes are kept in memory.</summary>
    public bool KeepsCodes => _keepCodes;

    private void Write(VectorSegment segment, int offset, Guid itemId, Guid documentId, string? collection, Modality modality, ReadOnlySpan<float> vector, long logOffset)
    {
        segment.WriteVector(offset, vector);
        segment.SetLogOffset(offset, logOffset);
        if (_keepItemIds)
        {
            segment.ItemIds[offset] = itemId;
        }

        segment.DocumentSlots[offset] = _documents.Acquire(documentId, collection);
        segment.Modalities[offset] = (byte)modality;
    }

    private (VectorSegment Segment, int Offset) Locate(int position) => _rows.Locate(position);
}
