namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>The rows a snapshot writes, captured from <see cref="VectorSegments.CaptureForSnapshot"/>
/// under the catch-up gate: the segments frozen as they are (a writer changes copies of the ones it
/// touches until <see cref="Dispose"/>) and copies of the small tables every write changes, the item
/// map (8 B a slot, ≈ 10.7 MB at 1M rows) and the document of each slot. So the snapshot is written
/// with no lock held, yet of exactly the state the log had at the captured position.</summary>
internal sealed class VectorSnapshotRows(
    int dimensions, int segmentCapacity, int count, FrozenSegments segments, Guid[] documentBySlot, ulong[] itemMap, VectorLogPosition position, long records)
    : IDisposable
{
    /// <summary>The log position the rows reflect.</summary>
    public VectorLogPosition Position => position;

    /// <summary>The log records before <see cref="Position"/>, live or dead.</summary>
    public long Records => records;

    public int Dimensions => dimensions;

    /// <summary>Rows per segment (every segment but the last has exactly this capacity).</summary>
    public int SegmentCapacity => segmentCapacity;

    public int Count => count;

    /// <summary>The segments in position order; rows [0, <see cref="Count"/>) are the snapshot's.</summary>
    public IReadOnlyList<VectorSegment> Segments => segments.Segments;

    /// <summary>The document of each slot the rows point into (empty when free).</summary>
    public ReadOnlySpan<Guid> DocumentBySlot => documentBySlot;

    /// <summary>The item map's slots (<see cref="ItemPositions.Slots"/>).</summary>
    public ReadOnlySpan<ulong> ItemMap => itemMap;

    /// <summary>Lets writers change the frozen segments in place again; call once the rows are written.</summary>
    public void Dispose() => segments.Release();
}
