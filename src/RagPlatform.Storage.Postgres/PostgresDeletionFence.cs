using Npgsql;

namespace RagPlatform.Storage.Postgres;

/// <summary>The first step of deleting a document, in one transaction: it locks the document row,
/// which waits for the writes of derived data already under way (each holds a share lock through the
/// fence trigger of schema step 1), then writes its tombstone, from which on the triggers ignore every
/// write of pages, items, lexical entries and jobs for it, whichever process makes them; removes its
/// job and frees its content key for a new upload of the same bytes. The row stays until the rest is
/// removed, so an interrupted delete can be repeated.</summary>
/// <remarks>The tombstone also keeps the end of the lease a worker held on the job (schema step 5):
/// that worker learns of the delete only when it next fails to renew, and its writes until then must
/// still be refused, so the tombstone is pruned only a grace period after that lease
/// (<see cref="PostgresDeletionTombstones"/>).</remarks>
internal static class PostgresDeletionFence
{
    /// <returns>False when no such document exists (deleted before, or never).</returns>
    public static async Task<bool> ApplyAsync(NpgsqlDataSource dataSource, Guid documentId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockRow = connection.CreateCommand("SELECT 1 FROM documents WHERE id = @document FOR UPDATE", transaction).With("document", documentId))
        {
            if (await lockRow.ExecuteScalarAsync(cancellationToken) is null)
            {
                return false;
            }
        }

        await using var command = connection.CreateCommand("""
            INSERT INTO document_tombstones (document_id, deleted_at, lease_expires_at)
            VALUES (@document, @now, (SELECT lease_expires_at FROM jobs WHERE document_id = @document AND status = 'running'))
            ON CONFLICT (document_id) DO NOTHING;
            UPDATE documents SET content_key = NULL WHERE id = @document;
            DELETE FROM jobs WHERE document_id = @document;
            """, transaction).With("document", documentId).WithInstant("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
