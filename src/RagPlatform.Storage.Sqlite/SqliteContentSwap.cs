using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Sqlite;

/// <summary>The first step of replacing a document's content, in one transaction under SQLite's
/// write lock (so two replacements, in this process or another, cannot both win): checks that the
/// live document still holds the expected content and that no other document holds the new one,
/// switches the row to the new content and removes the document's job. Content is unique per
/// collection, so only a document of the same collection can hold it already.</summary>
internal static class SqliteContentSwap
{
    private const string Live = "id NOT IN (SELECT document_id FROM document_tombstones)";

    /// <returns>The outcome; with ContentTaken, the id of the document holding the content.</returns>
    public static async Task<(ContentSwap Swap, Guid? HolderId)> ApplyAsync(SqliteDatabase database, Document replacement, string expectedSha256, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using (var read = connection.CreateCommand(transaction, $"SELECT sha256 FROM documents WHERE id = @id AND {Live}").With("@id", replacement.Id))
        {
            var stored = await read.ExecuteScalarAsync(cancellationToken) as string;
            if (stored is null)
            {
                return (new ContentSwap(ContentSwapOutcome.NotFound), null);
            }

            if (stored != expectedSha256)
            {
                return (new ContentSwap(ContentSwapOutcome.Changed), null);
            }
        }

        await using (var holder = connection.CreateCommand(transaction, """
            SELECT id FROM documents
            WHERE content_key = @sha256 AND id <> @id
              AND collection = (SELECT collection FROM documents WHERE id = @id)
            """)
            .With("@sha256", replacement.Sha256).With("@id", replacement.Id))
        {
            if (await holder.ExecuteScalarAsync(cancellationToken) is byte[] holderId)
            {
                return (new ContentSwap(ContentSwapOutcome.ContentTaken), new Guid(holderId));
            }
        }

        DateTimeOffset? leaseEnd = null;
        await using (var job = connection.CreateCommand(transaction, "SELECT lease_expires_at FROM jobs WHERE document_id = @id AND status = 'running'").With("@id", replacement.Id))
        {
            if (await job.ExecuteScalarAsync(cancellationToken) is long ticks)
            {
                leaseEnd = new DateTimeOffset(ticks, TimeSpan.Zero);
            }
        }

        await using (var update = connection.CreateCommand(transaction, """
            UPDATE documents SET file_name = @file_name, media_type = @media_type, kind = @kind,
                size_bytes = @size_bytes, sha256 = @sha256, content_key = @sha256, status = @status,
                error = @error, pages_total = @pages_total, pages_done = @pages_done,
                item_count = @item_count, updated_at = @updated_at
            WHERE id = @id;
            DELETE FROM jobs WHERE document_id = @id;
            """)
            .With("@id", replacement.Id))
        {
            SqliteDocumentStore.BindContent(update, replacement);
            SqliteDocumentStore.BindProgress(update, replacement);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (new ContentSwap(ContentSwapOutcome.Swapped, RunningLeaseExpiresAt: leaseEnd), null);
    }
}
