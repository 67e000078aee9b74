using RagPlatform.Core.Documents;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Creates a space's folder on first use. A data folder from before the vector files kept
/// its vectors in the SQLite tables of <see cref="SqliteVectorTable"/>: they are copied into the
/// first generation once, under the writers' lock, and the manifest written last marks the import
/// done (a crash during it leaves no manifest, so the next start imports again from scratch). The
/// SQLite rows are left as they were: nothing reads them any more, and an older build can still.</summary>
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

        await using (var writer = VectorLogWriter.Open(folder.LogPath(1), 0))
        {
            await legacy.ReadChangesAsync(-1, new ImportSink(writer), cancellationToken);
            await writer.CommitAsync(cancellationToken);
        }

        await folder.WriteGenerationAsync(1, cancellationToken);
        return 1;
    }

    /// <summary>Turns the rows of a full SQLite load into upsert records.</summary>
    private sealed class ImportSink(VectorLogWriter writer) : IVectorChangeSink
    {
        public void Begin(int expectedRows)
        {
        }

        public void Removed(Guid itemId)
        {
        }

        public void Upserted(Guid itemId, Guid documentId, string? collection, Modality modality, ReadOnlySpan<float> vector) =>
            writer.AppendUpsert(itemId, documentId, modality, vector);
    }
}
