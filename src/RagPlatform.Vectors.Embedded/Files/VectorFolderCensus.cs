using RagPlatform.Core.Documents;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Counts the live rows of a data folder's vector files per document, read through the
/// index's own log reader: a diagnostic for tests that check nothing of a deleted document is left
/// (the index itself answers only for the space it serves).</summary>
internal static class VectorFolderCensus
{
    /// <summary>Live rows per document of every dense space (CLIP and text), summed; empty when
    /// the folder has no vector files.</summary>
    public static async Task<IReadOnlyDictionary<Guid, int>> CountByDocumentAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<Guid, int>();
        foreach (var space in new[] { VectorTableNames.Clip, VectorTableNames.Text })
        {
            var folder = new VectorFolder(Path.Combine(dataDirectory, "vectors", space.Folder));
            var live = await ReadAsync(folder, cancellationToken);
            foreach (var documentId in live.Values)
            {
                counts[documentId] = counts.GetValueOrDefault(documentId) + 1;
            }
        }

        return counts;
    }

    private static async Task<Dictionary<Guid, Guid>> ReadAsync(VectorFolder folder, CancellationToken cancellationToken)
    {
        while (true)
        {
            var generation = await folder.ReadGenerationAsync(cancellationToken);
            if (generation == 0)
            {
                return [];
            }

            using var file = folder.OpenForReading(generation);
            if (file is null)
            {
                continue; // compacted meanwhile: read the new generation
            }

            var rows = new LiveRows();
            await VectorLogReader.ReadAsync(file, 0, rows, cancellationToken);
            return rows.DocumentByItem;
        }
    }

    /// <summary>Replays the records: the latest record of an item wins, a delete drops its document's rows.</summary>
    private sealed class LiveRows : IVectorLogSink
    {
        public Dictionary<Guid, Guid> DocumentByItem { get; } = [];

        public void Upserted(Guid itemId, Guid documentId, Modality modality, ReadOnlySpan<float> vector, long offset) =>
            DocumentByItem[itemId] = documentId;

        public void DocumentDeleted(Guid documentId)
        {
            foreach (var (itemId, owner) in DocumentByItem)
            {
                if (owner == documentId)
                {
                    DocumentByItem.Remove(itemId);
                }
            }
        }
    }
}
