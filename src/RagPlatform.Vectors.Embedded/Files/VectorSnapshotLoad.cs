namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>The rows a snapshot held, and where in the log the load goes on from.</summary>
/// <param name="LogOffset">The offset of the first log record the rows do not reflect yet.</param>
/// <param name="LogRecords">The log records (live or dead) before that offset.</param>
internal sealed record VectorSnapshotLoad(VectorSegments Vectors, long LogOffset, long LogRecords);
