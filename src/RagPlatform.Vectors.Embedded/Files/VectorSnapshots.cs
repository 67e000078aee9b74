using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>When and how a quantized index writes its snapshot (<see cref="VectorSnapshotFormat"/>):
/// after a load that read the whole log or a long tail of it, and after a compaction, in the
/// background (<see cref="VectorLogMirror.SnapshotInBackground"/>). A snapshot is a cache, so failing
/// to write one is logged and otherwise ignored.</summary>
internal static class VectorSnapshots
{
    /// <summary>Log records read after a snapshot's end that make a load write a fresh one.</summary>
    public const int DefaultRefreshRecords = 50_000;

    /// <summary>Writes a snapshot of <paramref name="rows"/>, captured at their position.
    /// The caller holds the snapshot lock (<see cref="VectorFolder.SnapshotLockPath"/>: no compaction
    /// removes the generation meanwhile, and the temporary file is its alone); writers go on, since
    /// the captured rows do not change and the log before the position is never rewritten.</summary>
    public static async Task TrySaveAsync(
        VectorFolder folder, VectorSnapshotRows rows, ILogger logger, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var position = rows.Position;
        var path = folder.SnapshotPath(position.Generation);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            using var log = folder.OpenForReading(position.Generation);
            if (log is null)
            {
                return; // compacted away meanwhile: its snapshot would be of no use
            }

            await using var writer = VectorSnapshotWriter.Create(path);
            writer.Append(rows, VectorSnapshotFormat.LogFingerprint(log, position.Offset), cancellationToken);
            await writer.CommitAsync(cancellationToken);
            EmbeddedVectorsLog.SnapshotWritten(logger, rows.Count, path, stopwatch.ElapsedMilliseconds);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            EmbeddedVectorsLog.SnapshotFailed(logger, path, exception);
        }
    }

    /// <summary>Removes a generation's snapshot (its log is gone); a missing one is fine.</summary>
    public static void Delete(VectorFolder folder, long generation) => File.Delete(folder.SnapshotPath(generation));
}
