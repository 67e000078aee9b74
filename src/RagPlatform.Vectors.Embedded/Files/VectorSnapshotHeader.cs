namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>The fields of a snapshot's header (<see cref="VectorSnapshotFormat"/>).</summary>
/// <param name="BlockRows">Rows per block: the index's segment capacity, so a block reads straight
/// into one segment's arrays.</param>
/// <param name="ItemMapSlots">The item map's length (<see cref="ItemPositions"/>).</param>
/// <param name="LogOffset">The log offset the snapshot's rows reflect every record before.</param>
/// <param name="LogRecords">The log records (live or dead) before that offset.</param>
internal sealed record VectorSnapshotHeader(
    int Dimensions, int BlockRows, int Rows, int DocumentSlots, int ItemMapSlots, long Generation, long LogOffset, long LogRecords, ulong LogFingerprint);
