using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Vectors.Embedded;

/// <summary>The in-memory vectors and the search over them. Rows live densely in fixed-size segments
/// (<see cref="VectorSegment"/>: fp32 vectors, int8 codes and small metadata arrays): growth adds a
/// segment and never copies the collection, a row costs 5 × dimensions + 25 bytes with no object per
/// vector, and a delete moves the last row into the hole (swap-remove) so the rows stay dense.
/// Not thread-safe: <see cref="EmbeddedVectorIndex"/> guards it with a readers/writer lock.</summary>
internal sealed class VectorSegments
{
    /// <summary>Rows per segment: 8 MiB of floats at 512 dimensions, large enough for a fast
    /// sequential scan, small enough to spread over cores and to avoid one giant allocation.</summary>
    public const int DefaultSegmentCapacity = 4096;

    /// <summary>The first segment starts this small and doubles, so a tiny index stays tiny.</summary>
    private const int FirstSegmentInitialCapacity = 64;

    private readonly int _segmentCapacity;
    private readonly List<VectorSegment> _segments = [];
    private readonly Dictionary<Guid, int> _positionByItem = [];
    private readonly DocumentSlots _documents = new();

    public VectorSegments(int segmentCapacity = DefaultSegmentCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentCapacity);
        _segmentCapacity = segmentCapacity;
    }

    /// <summary>Length of every vector; 0 until the first one arrives.</summary>
    public int Dimensions { get; private set; }

    public int Count { get; private set; }

    /// <summary>Sizes the item map for a bulk load, avoiding rehashing while rows stream in.</summary>
    public void EnsureCapacity(int count) => _positionByItem.EnsureCapacity(count);

    /// <param name="collection">The document's collection (see <see cref="DocumentSlots.Acquire"/>).</param>
    public void Upsert(Guid itemId, Guid documentId, Modality modality, ReadOnlySpan<float> vector, string? collection = null)
    {
        if (Count == 0 && Dimensions != vector.Length)
        {
            // An empty index takes the length of whatever comes first (the model may have changed).
            _segments.Clear();
            Dimensions = vector.Length;
        }

        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"Vector of item {itemId} has {vector.Length} dimensions; the index holds {Dimensions}-dimensional vectors.", nameof(vector));
        }

        if (_positionByItem.TryGetValue(itemId, out var position))
        {
            var (existing, offset) = Locate(position);
            _documents.Release(existing.DocumentSlots[offset]);
            Write(existing, offset, itemId, documentId, collection, modality, vector);
            return;
        }

        EnsureRoomForOneMore();
        var (segment, at) = Locate(Count);
        Write(segment, at, itemId, documentId, collection, modality, vector);
        _positionByItem[itemId] = Count;
        Count++;
    }

    public bool Remove(Guid itemId)
    {
        if (!_positionByItem.Remove(itemId, out var position))
        {
            return false;
        }

        var (segment, offset) = Locate(position);
        _documents.Release(segment.DocumentSlots[offset]);
        var last = Count - 1;
        if (position != last)
        {
            var (lastSegment, lastOffset) = Locate(last);
            segment.CopyRowFrom(lastSegment, lastOffset, offset, Dimensions);
            _positionByItem[segment.ItemIds[offset]] = position;
        }

        Count--;
        if (_segments.Count > 1 && Count == (_segments.Count - 1) * _segmentCapacity)
        {
            _segments.RemoveAt(_segments.Count - 1); // emptied: give the memory back
        }

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
            if (segment.DocumentSlots[offset] == slot && Remove(segment.ItemIds[offset]))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Fills in the collections of the documents present (a document's never changes).</summary>
    public void AssignCollections(IReadOnlyDictionary<Guid, string?> collections) => _documents.AssignCollections(collections);

    /// <summary>Every row, in position order (writing a compacted generation).</summary>
    public IEnumerable<(Guid ItemId, Guid DocumentId, Modality Modality, ReadOnlyMemory<float> Vector)> Rows()
    {
        for (var position = 0; position < Count; position++)
        {
            var (segment, offset) = Locate(position);
            yield return (segment.ItemIds[offset], _documents.DocumentAt(segment.DocumentSlots[offset]), (Modality)segment.Modalities[offset],
                segment.Vectors.AsMemory(offset * Dimensions, Dimensions));
        }
    }

    /// <summary>At most <paramref name="count"/> rows at evenly spaced positions (every row when
    /// there are fewer), copied out.</summary>
    public IReadOnlyList<VectorRecord> Sample(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var take = Math.Min(count, Count);
        var sample = new List<VectorRecord>(take);
        for (var i = 0; i < take; i++)
        {
            var position = (int)((long)i * Count / take);
            var (segment, offset) = Locate(position);
            sample.Add(new VectorRecord(
                segment.ItemIds[offset],
                _documents.DocumentAt(segment.DocumentSlots[offset]),
                (Modality)segment.Modalities[offset],
                segment.Vector(offset, Dimensions).ToArray()));
        }

        return sample;
    }

    /// <summary>The <paramref name="limit"/> highest dot products with <paramref name="query"/> among
    /// the rows the filter allows, best first, with exact fp32 scores. A quantized search scans the
    /// int8 codes for the <see cref="CandidateCount"/> best approximate scores and re-scores only
    /// those with the fp32 vectors; an exact one scans the fp32 vectors. Segments are scanned by up
    /// to <paramref name="maxDegreeOfParallelism"/> threads; each keeps its own heap and the heaps
    /// are merged.</summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlyMemory<float> query, int limit, SearchFilter filter, int maxDegreeOfParallelism, CancellationToken cancellationToken, bool quantized = true)
    {
        if (Count == 0 || limit == 0)
        {
            return [];
        }

        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; the index holds {Dimensions}-dimensional vectors.", nameof(query));
        }

        var documentMask = filter.DocumentIds.Count == 0 ? null : _documents.MaskOf(filter.DocumentIds);
        if (filter.DocumentIds.Count > 0 && documentMask is null)
        {
            return []; // none of the requested documents has vectors
        }

        if (filter.Collection is not null)
        {
            var collectionMask = _documents.MaskOfCollection(filter.Collection);
            if (collectionMask is null)
            {
                return []; // the collection has no vectors
            }

            documentMask = documentMask is null ? collectionMask : DocumentSlots.Both(documentMask, collectionMask);
        }

        var k = Math.Min(limit, Count);
        // Where the candidates would be every row, the codes save nothing: scan exactly.
        var candidates = CandidateCount(k);
        var scan = new SegmentScan(query, quantized && candidates < Count, filter.Modalities.Count == 0 ? null : SegmentScan.ModalityMask(filter.Modalities), documentMask);
        var best = ScanAll(scan, scan.Quantized ? candidates : k, maxDegreeOfParallelism, cancellationToken);
        var ranked = scan.Quantized ? Rescore(scan, best.ToSortedArray(), k) : best.ToSortedArray();
        var hits = new VectorHit[ranked.Length];
        for (var i = 0; i < ranked.Length; i++)
        {
            var (segment, offset) = Locate(ranked[i].Position);
            hits[i] = new VectorHit(
                segment.ItemIds[offset],
                _documents.DocumentAt(segment.DocumentSlots[offset]),
                (Modality)segment.Modalities[offset],
                ranked[i].Score);
        }

        return hits;
    }

    /// <summary>How many approximate best rows a quantized scan keeps for exact re-scoring. int8
    /// codes move a 512-d unit vector's score by about 1e-3 at most, far less than the score gap
    /// between the k-th and the (10k)-th row of any real collection, so 10 × k (at least 100) keeps
    /// every true top-k row while re-scoring costs microseconds.</summary>
    internal static int CandidateCount(int k) => Math.Max(10 * k, 100);

    private TopKHeap ScanAll(SegmentScan scan, int keep, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        var best = new TopKHeap(keep);
        var segmentCount = _segments.Count;
        if (maxDegreeOfParallelism > 1 && segmentCount > 1)
        {
            var merge = new Lock();
            Parallel.For(
                0,
                segmentCount,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxDegreeOfParallelism },
                () => new TopKHeap(keep),
                (index, _, local) =>
                {
                    ScanSegment(index, scan, local);
                    return local;
                },
                local =>
                {
                    lock (merge)
                    {
                        best.OfferAll(local);
                    }
                });
        }
        else
        {
            for (var index = 0; index < segmentCount; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ScanSegment(index, scan, best);
            }
        }

        return best;
    }

    private (float Score, int Position)[] Rescore(SegmentScan scan, (float Score, int Position)[] candidates, int k)
    {
        var best = new TopKHeap(k);
        foreach (var (_, position) in candidates)
        {
            var (segment, offset) = Locate(position);
            best.Offer(scan.ExactScore(segment, offset, Dimensions), position);
        }

        return best.ToSortedArray();
    }

    private void ScanSegment(int index, SegmentScan scan, TopKHeap heap)
    {
        var start = index * _segmentCapacity;
        var segment = _segments[index];
        scan.Run(segment, start, Math.Min(Count - start, segment.Capacity), Dimensions, heap);
    }

    private void Write(VectorSegment segment, int offset, Guid itemId, Guid documentId, string? collection, Modality modality, ReadOnlySpan<float> vector)
    {
        segment.WriteVector(offset, vector);
        segment.ItemIds[offset] = itemId;
        segment.DocumentSlots[offset] = _documents.Acquire(documentId, collection);
        segment.Modalities[offset] = (byte)modality;
    }

    private (VectorSegment Segment, int Offset) Locate(int position) =>
        (_segments[position / _segmentCapacity], position % _segmentCapacity);

    private void EnsureRoomForOneMore()
    {
        var capacity = _segments.Count == 0 ? 0 : ((_segments.Count - 1) * _segmentCapacity) + _segments[^1].Capacity;
        if (Count < capacity)
        {
            return;
        }

        if (_segments.Count == 1 && _segments[0].Capacity < _segmentCapacity)
        {
            _segments[0].Grow(Math.Min(_segments[0].Capacity * 2, _segmentCapacity), Dimensions);
        }
        else
        {
            _segments.Add(new VectorSegment(_segments.Count == 0 ? Math.Min(FirstSegmentInitialCapacity, _segmentCapacity) : _segmentCapacity, Dimensions));
        }
    }
}
