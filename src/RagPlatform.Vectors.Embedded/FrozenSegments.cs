namespace RagPlatform.Vectors.Embedded;

/// <summary>The segments of a <see cref="SegmentChain"/> as they were when a snapshot froze them
/// (<see cref="SegmentChain.Freeze"/>): until <see cref="Release"/>, the chain changes a copy of any of
/// them instead, so the snapshot reads them with no lock while writers go on.</summary>
internal sealed class FrozenSegments(IReadOnlyList<VectorSegment> segments)
{
    private volatile bool _released;

    public IReadOnlyList<VectorSegment> Segments => segments;

    public bool IsReleased => _released;

    /// <summary>Whether <paramref name="segment"/>, at <paramref name="index"/> in the chain, is one of
    /// these and still read: then a change must go to a copy.</summary>
    public bool Holds(int index, VectorSegment segment) =>
        !_released && index < segments.Count && ReferenceEquals(segments[index], segment);

    /// <summary>Called once the snapshot has read the segments for the last time (the volatile write
    /// orders those reads before any later change in place).</summary>
    public void Release() => _released = true;
}
