namespace RagPlatform.Vectors.Embedded;

/// <summary>Where the rows of a <see cref="VectorSegments"/> live: segments in position order, each
/// of <see cref="SegmentCapacity"/> rows but the last, so a row's segment and offset follow from its
/// position and growth adds a segment instead of copying the rows. The last segment may be short
/// (a lone first one starts at 64 rows and doubles, so a tiny index stays tiny; a snapshot's last is
/// sized to its rows) and grows to full size before another is added; one emptied by deletes is
/// given back. While a snapshot is being written from <see cref="Freeze"/>'s segments, a change goes
/// to a copy of its segment (<see cref="LocateForChange"/>), so the snapshot reads the rows as they
/// were frozen without holding any lock, and a writer copies only the segments it touches.</summary>
internal sealed class SegmentChain(int segmentCapacity, bool keepVectors, bool keepCodes, bool keepItemIds)
{
    /// <summary>Rows of a lone first segment when it is created.</summary>
    private const int FirstSegmentInitialCapacity = 64;

    private readonly List<VectorSegment> _segments = [];
    private FrozenSegments? _frozen;

    public int SegmentCapacity => segmentCapacity;

    /// <summary>The segments in position order.</summary>
    public IReadOnlyList<VectorSegment> Segments => _segments;

    /// <summary>The segment and offset of the row at <paramref name="position"/>.</summary>
    public (VectorSegment Segment, int Offset) Locate(int position) =>
        (_segments[position / segmentCapacity], position % segmentCapacity);

    /// <summary>As <see cref="Locate"/>, for a change to the row: a segment a snapshot still reads is
    /// first replaced by a copy of its own (≈ 2.2 MB at 4,096 × 512, once per snapshot).</summary>
    public (VectorSegment Segment, int Offset) LocateForChange(int position) =>
        (Owned(position / segmentCapacity), position % segmentCapacity);

    /// <summary>The segments as they are now, for a snapshot to read until it releases them: none of
    /// them changes meanwhile, since every change goes to a copy. One snapshot at a time.</summary>
    public FrozenSegments Freeze()
    {
        if (_frozen is { IsReleased: false })
        {
            throw new InvalidOperationException("A snapshot is still reading the segments frozen before.");
        }

        _frozen = new FrozenSegments([.. _segments]);
        return _frozen;
    }

    /// <summary>Makes room for one row after the <paramref name="count"/> there are.</summary>
    public void EnsureRoomAfter(int count, int dimensions)
    {
        var capacity = _segments.Count == 0 ? 0 : ((_segments.Count - 1) * segmentCapacity) + _segments[^1].Capacity;
        if (count < capacity)
        {
            return;
        }

        if (_segments.Count > 0 && _segments[^1].Capacity < segmentCapacity)
        {
            Owned(_segments.Count - 1).Grow(Math.Min(_segments[^1].Capacity * 2, segmentCapacity), dimensions);
        }
        else
        {
            var size = _segments.Count == 0 ? Math.Min(FirstSegmentInitialCapacity, segmentCapacity) : segmentCapacity;
            _segments.Add(new VectorSegment(size, dimensions, keepVectors, keepCodes, keepItemIds));
        }
    }

    /// <summary>Gives back the last segment once a delete left <paramref name="count"/> rows that
    /// all fit in the ones before it (the first one always stays).</summary>
    public void ShrinkTo(int count)
    {
        if (_segments.Count > 1 && count == (_segments.Count - 1) * segmentCapacity)
        {
            _segments.RemoveAt(_segments.Count - 1);
        }
    }

    /// <summary>Drops every segment (an empty index taking a new vector length).</summary>
    public void Clear() => _segments.Clear();

    /// <summary>Takes the segments a snapshot reader filled, in place of any there were.</summary>
    public void Restore(IEnumerable<VectorSegment> segments)
    {
        _segments.Clear();
        _segments.AddRange(segments);
    }

    private VectorSegment Owned(int index)
    {
        var segment = _segments[index];
        if (_frozen is { } frozen && frozen.Holds(index, segment))
        {
            segment = segment.Copy();
            _segments[index] = segment;
        }

        return segment;
    }
}
