using Microsoft.Extensions.Logging;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Log events of the embedded vector engine (event ids kept from when it shared the SQLite log).</summary>
internal static partial class EmbeddedVectorsLog
{
    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Loaded {Count} vectors of {Dimensions} dimensions from {Path} in {ElapsedMilliseconds} ms")]
    public static partial void VectorsLoaded(ILogger logger, int count, int dimensions, string path, long elapsedMilliseconds);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Compacted the vectors of {Folder} into generation {Generation} ({Rows} live rows)")]
    public static partial void Compacted(ILogger logger, string folder, long generation, long rows);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Loading the vector index in the background failed; the next search tries again")]
    public static partial void WarmUpFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Wrote a snapshot of {Rows} vectors for {Path} in {ElapsedMilliseconds} ms")]
    public static partial void SnapshotWritten(ILogger logger, int rows, string path, long elapsedMilliseconds);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Could not write the snapshot {Path}; reloads read the whole log until one is written")]
    public static partial void SnapshotFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Ignored the vector snapshot {Path}: {Reason}; loading from the log instead, which writes a new one")]
    public static partial void SnapshotRejected(ILogger logger, string path, string reason);
}
