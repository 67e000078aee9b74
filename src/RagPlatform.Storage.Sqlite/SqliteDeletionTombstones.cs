using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Sqlite;

/// <summary>Prunes the tombstones of schema step 7 (see <see cref="IDeletionTombstones"/>); instants
/// are UTC ticks, as the fence (<see cref="SqliteDeletionFence"/>) wrote them.</summary>
internal sealed class SqliteDeletionTombstones(SqliteDatabase database) : IDeletionTombstones
{
    public async Task<int> PruneAsync(DateTimeOffset settledBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // Tombstones written before step 12 have no lease end: their deletion alone decides.
        await using var command = connection.CreateCommand(null, """
            DELETE FROM document_tombstones
            WHERE MAX(deleted_at, COALESCE(lease_expires_at, deleted_at)) <= @settled_before
              AND NOT EXISTS (SELECT 1 FROM documents WHERE id = document_tombstones.document_id)
              AND NOT EXISTS (SELECT 1 FROM jobs WHERE document_id = document_tombstones.document_id)
            """)
            .With("@settled_before", settledBefore.ToTicks());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
