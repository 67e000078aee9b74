namespace RagPlatform.Storage.Sqlite;

/// <summary>The first step of deleting a document, in one transaction: its tombstone (from then on
/// the triggers of schema step 7 ignore every write of pages, items, lexical entries, vectors and
/// jobs for it, whichever process makes them), its job removed, its content key freed for a new
/// upload of the same bytes. The document row stays until the rest is removed, so an interrupted
/// delete can be repeated.</summary>
/// <remarks>The tombstone also keeps the end of the lease a worker held on the job (schema step 12):
/// that worker learns of the delete only when it next fails to renew, and its writes until then must
/// still be refused, so the tombstone is pruned only a grace period after that lease
/// (<see cref="SqliteDeletionTombstones"/>).</remarks>
internal static class SqliteDeletionFence
{
    /// <returns>False when no such document exists (deleted before, or never).</returns>
    public static async Task<bool> ApplyAsync(SqliteDatabase database, Guid documentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand(transaction, """
            INSERT INTO document_tombstones (document_id, deleted_at, lease_expires_at)
            SELECT id, @now, (SELECT lease_expires_at FROM jobs WHERE document_id = @document AND status = 'running')
            FROM documents WHERE id = @document
            ON CONFLICT (document_id) DO NOTHING;
            UPDATE documents SET content_key = NULL WHERE id = @document;
            DELETE FROM jobs WHERE document_id = @document;
            SELECT COUNT(*) FROM documents WHERE id = @document;
            """)
            .With("@document", documentId)
            .With("@now", now.ToTicks());
        var exists = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
        await transaction.CommitAsync(cancellationToken);
        return exists;
    }
}
