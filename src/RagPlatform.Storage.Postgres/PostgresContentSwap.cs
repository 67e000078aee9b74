using Npgsql;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Postgres;

/// <summary>The first step of replacing a document's content, in one transaction that holds the
/// document row FOR UPDATE (so two replacements, or a replacement and a deletion, in any process,
/// take turns and the second sees what the first did): checks that the live document still holds
/// the expected content and that no other document holds the new one, switches the row to the new
/// content and removes the document's job. Content is unique per collection, so only a document of
/// the same collection can hold it already.</summary>
internal static class PostgresContentSwap
{
    private const string UniqueViolation = "23505";

    /// <returns>The outcome; with ContentTaken, the id of the document holding the content (null in
    /// the rare case that it was deleted again before it could be read).</returns>
    public static async Task<(ContentSwap Swap, Guid? HolderId)> ApplyAsync(
        NpgsqlDataSource dataSource, Document replacement, string expectedSha256, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string collection;
        await using (var read = connection.CreateCommand(
            $"SELECT sha256, collection FROM documents WHERE id = @id AND {PostgresDocumentRows.Live} FOR UPDATE", transaction).With("id", replacement.Id))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (new ContentSwap(ContentSwapOutcome.NotFound), null);
            }

            if (reader.GetString(0) != expectedSha256)
            {
                return (new ContentSwap(ContentSwapOutcome.Changed), null);
            }

            collection = reader.GetString(1);
        }

        if (await FindHolderAsync(connection, transaction, collection, replacement, cancellationToken) is { } holder)
        {
            return (new ContentSwap(ContentSwapOutcome.ContentTaken), holder);
        }

        DateTimeOffset? leaseEnd = null;
        await using (var job = connection.CreateCommand(
            "SELECT lease_expires_at FROM jobs WHERE document_id = @id AND status = 'running'", transaction).With("id", replacement.Id))
        {
            if (await job.ExecuteScalarAsync(cancellationToken) is DateTime lease)
            {
                leaseEnd = new DateTimeOffset(DateTime.SpecifyKind(lease, DateTimeKind.Utc));
            }
        }

        try
        {
            await using var update = connection.CreateCommand("""
                UPDATE documents SET file_name = @file_name, media_type = @media_type, kind = @kind,
                    size_bytes = @size_bytes, sha256 = @sha256, content_key = @sha256, status = @status,
                    error = @error, pages_total = @pages_total, pages_done = @pages_done,
                    item_count = @item_count, updated_at = @updated_at
                WHERE id = @id;
                DELETE FROM jobs WHERE document_id = @id;
                """, transaction)
                .With("id", replacement.Id)
                .WithContent(replacement)
                .WithProgress(replacement);
            await update.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation)
        {
            // An upload of the same bytes committed between the check above and the update.
            await transaction.RollbackAsync(cancellationToken);
            return (new ContentSwap(ContentSwapOutcome.ContentTaken), await FindHolderAsync(connection, null, collection, replacement, cancellationToken));
        }

        return (new ContentSwap(ContentSwapOutcome.Swapped, RunningLeaseExpiresAt: leaseEnd), null);
    }

    private static async Task<Guid?> FindHolderAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string collection, Document replacement, CancellationToken cancellationToken)
    {
        await using var holder = connection.CreateCommand(
            "SELECT id FROM documents WHERE collection = @collection AND content_key = @sha256 AND id <> @id", transaction)
            .With("collection", collection)
            .With("sha256", replacement.Sha256)
            .With("id", replacement.Id);
        return await holder.ExecuteScalarAsync(cancellationToken) is Guid id ? id : null;
    }
}
