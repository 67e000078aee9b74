using System.Numerics.Tensors;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Vectors.Embedded;

/// <summary>The in-memory vectors, exact search over them. Rows live densely in fixed-size segments
/// (each one float[] of capacity × dimensions plus small metadata arrays): growth adds a segment
/// and never copies the collection, a row costs 4 × dimensions + 21 bytes with no object per
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
    private readonly List<Segment> _segments = [];
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
            lastSegment.Vector(lastOffset, Dimensions).CopyTo(segment.Vector(offset, Dimensions));
            segment.ItemIds[offset] = lastSegment.ItemIds[lastOffset];
            segment.DocumentSlots[offset] = lastSegment.DocumentSlots[lastOffset];
            segment.Modalities[offset] = lastSegment.Modalities[lastOffset];
            _positionByItem[segment.ItemIds[offset]] = position;
        }

        Count--;
        if (_segments.Count > 1 && Count == (_segments.Count - 1) * _segmentCapacity)
        {
            _segments.RemoveAt(_segments.Count - 1); // emptied: give the memory back
        }

        return true;
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
    /// the rows the filter allows, best first. Segments are scanned by up to
    /// <paramref name="maxDegreeOfParallelism"/> threads; each keeps its own heap and the heaps are
    /// merged.</summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlyMemory<float> query, int limit, SearchFilter filter, int maxDegreeOfParallelism, CancellationToken cancellationToken)
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

        var scan = new Scan(query, filter.Modalities.Count == 0 ? null : ModalityMask(filter.Modalities), documentMask);
        var k = Math.Min(limit, Count);
        var best = new TopKHeap(k);
        var segmentCount = _segments.Count;
        if (maxDegreeOfParallelism > 1 && segmentCount > 1)
        {
            var merge = new Lock();
            Parallel.For(
                0,
                segmentCount,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxDegreeOfParallelism },
                () => new TopKHeap(k),
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

        var ranked = best.ToSortedArray();
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

    private void ScanSegment(int index, Scan scan, TopKHeap heap)
    {
        var segment = _segments[index];
        var start = index * _segmentCapacity;
        var rows = Math.Min(Count - start, segment.Capacity);
        var dimensions = Dimensions;
        var query = scan.Query.Span;
        var vectors = segment.Vectors;
        if (scan.ModalityMask is null && scan.DocumentMask is null)
        {
            for (var row = 0; row < rows; row++)
            {
                heap.Offer(TensorPrimitives.Dot(query, vectors.AsSpan(row * dimensions, dimensions)), start + row);
            }

            return;
        }

        var modalityMask = scan.ModalityMask ?? -1;
        var documentMask = scan.DocumentMask;
        for (var row = 0; row < rows; row++)
        {
            if ((modalityMask & (1 << segment.Modalities[row])) == 0 ||
                (documentMask is not null && !documentMask[segment.DocumentSlots[row]]))
            {
                continue;
            }

            heap.Offer(TensorPrimitives.Dot(query, vectors.AsSpan(row * dimensions, dimensions)), start + row);
        }
    }

    private static int ModalityMask(IEnumerable<Modality> modalities) =>
        modalities.Aggregate(0, (mask, modality) => mask | (1 << (int)modality));

    private void Write(Segment segment, int offset, Guid itemId, Guid documentId, string? collection, Modality modality, ReadOnlySpan<float> vector)
    {
        vector.CopyTo(segment.Vector(offset, Dimensions));
        segment.ItemIds[offset] = itemId;
        segment.DocumentSlots[offset] = _documents.Acquire(documentId, collection);
        segment.Modalities[offset] = (byte)modality;
    }

    private (Segment Segment, int Offset) Locate(int position) =>
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
            _segments.Add(new Segment(_segments.Count == 0 ? Math.Min(FirstSegmentInitialCapacity, _segmentCapacity) : _segmentCapacity, Dimensions));
        }
    }

    /// <summary>What one search looks for; masks are null when they restrict nothing.</summary>
    private sealed record Scan(ReadOnlyMemory<float> Query, int? ModalityMask, bool[]? DocumentMask);

    private sealed class Segment(int capacity, int dimensions)
    {
        public int Capacity { get; private set; } = capacity;

        public float[] Vectors { get; private set; } = GC.AllocateUninitializedArray<float>(capacity * dimensions);

        public Guid[] ItemIds { get; private set; } = new Guid[capacity];

        public int[] DocumentSlots { get; private set; } = new int[capacity];

        public byte[] Modalities { get; private set; } = new byte[capacity];

        public Span<float> Vector(int offset, int dimensions) => Vectors.AsSpan(offset * dimensions, dimensions);

        public void Grow(int newCapacity, int dimensions)
        {
            var vectors = GC.AllocateUninitializedArray<float>(newCapacity * dimensions);
            Vectors.AsSpan(0, Capacity * dimensions).CopyTo(vectors);
            Vectors = vectors;
            ItemIds = Resized(ItemIds, newCapacity);
            DocumentSlots = Resized(DocumentSlots, newCapacity);
            Modalities = Resized(Modalities, newCapacity);
            Capacity = newCapacity;
        }

        private static T[] Resized<T>(T[] array, int length)
        {
            Array.Resize(ref array, length);
            return array;
        }
    }
}
