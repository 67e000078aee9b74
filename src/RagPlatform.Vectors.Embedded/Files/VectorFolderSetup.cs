using RagPlatform.Core.Documents;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Creates a space's folder on first use. A data folder from before the vector files kept
/// its vectors in the SQLite tables of <see cref="SqliteVectorTable"/>: under the writers' lock they
/// are appended to the first generation's log, which is flushed to disk, then the SQLite rows are
/// deleted (one transaction) so the disk does not hold them twice, and the manifest written last
/// marks the setup done. Every step survives a crash: until the manifest exists nobody else reads
/// or writes the log, and a rerun appends at the log's intact end whatever SQLite still holds. Rows
/// imported twice carry the same item ids, so the later record of each simply wins, and once SQLite
/// is cleared the rerun appends nothing and only writes the manifest.</summary>
internal static class VectorFolderSetup
{
    public static async Task<long> EnsureAsync(VectorFolder folder, SqliteVectorTable legacy, CancellationToken cancellationToken)
    {
        var generation = await folder.ReadGenerationAsync(cancellationToken);
        if (generation > 0)
        {
            return generation;
        }

        Directory.CreateDirectory(folder.Path);
        using var held = await VectorFolderLock.AcquireAsync(folder.LockPath, cancellationToken);
        generation = await folder.ReadGenerationAsync(cancellationToken);
        if (generation > 0)
        {
            return generation; // another process set it up while this one waited
        }

        var end = await IntactEndAsync(folder, cancellationToken);
        await using (var writer = VectorLogWriter.Open(folder.LogPath(1), end))
        {
            await legacy.ReadAllAsync(writer.AppendUpsert, cancellationToken);
            await writer.CommitAsync(cancellationToken);
        }

        await legacy.ClearAsync(cancellationToken);
        await folder.WriteGenerationAsync(1, cancellationToken);
        return 1;
    }

    /// <summary>Where the records an interrupted setup left in the first log end (0 when it has none).</summary>
    private static async Task<long> IntactEndAsync(VectorFolder folder, CancellationToken cancellationToken)
    {
        using var file = folder.OpenForReading(1);
        return file is null ? 0 : await VectorLogReader.ReadAsync(file, 0, new SkipSink(), cancellationToken);
    }

    private sealed class SkipSink : IVectorLogSink
    {
        public void Upserted(Guid itemId, Guid documentId, Modality modality, ReadOnlySpan<float> vector, long offset)
        {
        }

        public void DocumentDeleted(Guid documentId)
        {
        }
    }
}
