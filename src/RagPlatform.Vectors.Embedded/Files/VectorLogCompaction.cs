using Microsoft.Extensions.Logging;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Rewrites the live rows of an index into the next generation's log, flushed, then makes
/// it current by the manifest's atomic rename and removes the old log. Runs under the writers' lock
/// (no one appends meanwhile) and the index's catch-up gate (its memory copy, which equals the old
/// log's content, does not change meanwhile). A crash before the rename leaves the old generation
/// current and an orphan file the next compaction overwrites; readers in other processes notice the
/// new generation and reload; one still reading the removed file keeps a valid handle (Unix
/// unlink semantics), and one opening it too late reads the manifest again.</summary>
internal sealed class VectorLogCompaction(VectorFolder folder, ILogger logger)
{
    public async Task RunAsync(VectorLogMirror index, CancellationToken cancellationToken)
    {
        await index.CatchUpGate.WaitAsync(cancellationToken);
        try
        {
            var old = index.Position;
            var next = old.Generation + 1;
            long rows;
            long end;
            var recordBytes = 0;
            await using (var writer = VectorLogWriter.Open(folder.LogPath(next), 0))
            {
                rows = index.Read(vectors =>
                {
                    // Read back from the old log (or memory) row by row: the copy holds no fp32 vectors
                    // in quantized mode, and one row's buffer keeps the compaction's memory flat.
                    var vector = new float[vectors.Dimensions];
                    recordBytes = VectorLogFormat.RecordBytes(vectors.Dimensions);
                    foreach (var (itemId, documentId, modality, position) in VectorSegmentsRows.All(vectors))
                    {
                        vectors.ReadVector(position, vector);
                        writer.AppendUpsert(itemId, documentId, modality, vector);
                    }

                    return (long)vectors.Count;
                });
                await writer.CommitAsync(cancellationToken);
                end = writer.Position;
            }

            // A snapshot of the old generation being written (by this process or another) is let finish
            // before the new generation becomes current: its rows would otherwise be re-pointed (here,
            // copying every frozen segment) and its file renamed into place after the old generation's
            // files went. Taken this late, the rewrite above overlapped it; the writers' lock is
            // already held, as the order wants. Cancelled here, the new file is an orphan as after a crash.
            using var snapshots = await VectorFolderLock.AcquireAsync(folder.SnapshotLockPath, cancellationToken);
            var log = new VectorLogVectors(folder.OpenForReading(next) ?? throw new IOException($"The compacted log {folder.LogPath(next)} vanished before it was made current."));
            try
            {
                await folder.WriteGenerationAsync(next, cancellationToken);
            }
            catch
            {
                log.Dispose();
                throw;
            }

            // Rows were written in position order, so each row's new offset follows from its position.
            index.Compacted(new VectorLogPosition(next, end), rows, log, recordBytes);
            File.Delete(folder.LogPath(old.Generation));
            VectorSnapshots.Delete(folder, old.Generation);

            // Written once this write has let go of the writers' lock, off its path.
            index.SnapshotInBackground();
            EmbeddedVectorsLog.Compacted(logger, folder.Path, next, rows);
        }
        finally
        {
            index.CatchUpGate.Release();
        }
    }
}
