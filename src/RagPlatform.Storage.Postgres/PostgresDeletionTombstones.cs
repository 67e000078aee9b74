using Npgsql;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Postgres;

/// <summary>Prunes the tombstones of schema step 1 (see <see cref="IDeletionTombstones"/>). A fence
/// under way holds the document row, so its tombstone is never pruned before the row is deleted.</summary>
internal sealed class PostgresDeletionTombstones(NpgsqlDataSource dataSource) : IDeletionTombstones
{
    public async Task<int> PruneAsync(DateTimeOffset settledBefore, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // GREATEST skips NULL: a tombstone without a lease end (none was held, or it was written
        // before step 5) settles when its deletion began.
        await using var command = connection.CreateCommand("""
            DELETE FROM document_tombstones t
            WHERE GREATEST(t.deleted_at, t.lease_expires_at) <= @settled_before
              AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = t.document_id)
              AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.document_id = t.document_id)
            """)
            .WithInstant("settled_before", settledBefore);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
