namespace RagPlatform.Vectors.Embedded;

/// <summary>The segments of a <see cref="SegmentChain"/> as they were when a snapshot froze them
/// (<see cref="SegmentChain.Freeze"/>): until <see cref="Release"/>, the chain changes a copy of any of
/// them instead, so the snapshot reads them with no lock while writers go on.</summary>
internal sealed class FrozenSegments(IReadOnlyList<VectorSegment> segments)
{
    // Null once released: the chain keeps this object until the next snapshot freezes its segments
    // (which may be never), and the originals of the segments copied meanwhile must not stay reachable
    // through it (up to the whole index's codes again if writers touched every segment).
    private volatile IReadOnlyList<VectorSegment>? _segments = segments;

    /// <summary>The frozen segments, in position order, until <see cref="Release"/>.</summary>
    public IReadOnlyList<VectorSegment> Segments =>
        _segments ?? throw new InvalidOperationException("The frozen segments were released.");

    public bool IsReleased => _segments is null;

    /// <summary>Whether <paramref name="segment"/>, at <paramref name="index"/> in the chain, is one of
    /// these and still read: then a change must go to a copy.</summary>
    public bool Holds(int index, VectorSegment segment) =>
        _segments is { } held && index < held.Count && ReferenceEquals(held[index], segment);

    /// <summary>Called once the snapshot has read the segments for the last time (the volatile write
    /// orders those reads before any later change in place) and lets go of them.</summary>
    public void Release() => _segments = null;
}
