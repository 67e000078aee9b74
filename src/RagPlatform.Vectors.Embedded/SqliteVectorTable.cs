using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Where vectors lived before the vector files (<see cref="Files.VectorFolderSetup"/>): BLOBs of
/// little-endian float32 in SQLite, with a change number per write. Only read now, once, to import a
/// data folder of an older build, then cleared; <see cref="UpsertAsync"/> is that build's write path,
/// kept so the import is tested against rows written exactly as it wrote them. The same layout served
/// each dense space under its own table names (<see cref="VectorTableNames"/>).</summary>
internal sealed class SqliteVectorTable(SqliteDatabase database, VectorTableNames tables)
{
    /// <summary>The tables of CLIP's space (schema step 4).</summary>
    public SqliteVectorTable(SqliteDatabase database)
        : this(database, VectorTableNames.Clip)
    {
    }

    /// <exception cref="ArgumentException">The vectors' length differs from the stored vectors'.</exception>
    public async Task UpsertAsync(IReadOnlyList<VectorRecord> records, int dimensions, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        // Checked under the write lock against the file, the one authority when several processes
        // write: an empty table accepts any length (a new model), a non-empty one only its own.
        await using (var check = connection.CreateCommand(transaction,
            $"SELECT dimensions, EXISTS (SELECT 1 FROM {tables.Vectors}) FROM {tables.State} WHERE id = 1"))
        await using (var reader = await check.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var stored = reader.GetInt32(0);
            if (reader.GetBoolean(1) && stored != dimensions)
            {
                throw new ArgumentException(
                    $"The vectors have {dimensions} dimensions but the index holds {stored}-dimensional vectors. Re-index everything after changing the embedding model.",
                    nameof(records));
            }
        }

        var seq = await NextSequenceAsync(connection, transaction, dimensions, cancellationToken);
        await using var upsert = connection.CreateCommand(transaction, $"""
            INSERT INTO {tables.Vectors} (item_id, document_id, modality, vector, seq) VALUES (@item, @document, @modality, @vector, @seq)
            ON CONFLICT (item_id) DO UPDATE SET
                document_id = excluded.document_id, modality = excluded.modality, vector = excluded.vector, seq = excluded.seq;
            DELETE FROM {tables.Tombstones} WHERE item_id = @item;
            """);
        foreach (var name in new[] { "@item", "@document", "@modality", "@vector" })
        {
            upsert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        upsert.With("@seq", seq);
        foreach (var record in records)
        {
            upsert.Parameters["@item"].Value = SqliteCommandExtensions.ToDbValue(record.ItemId);
            upsert.Parameters["@document"].Value = SqliteCommandExtensions.ToDbValue(record.DocumentId);
            upsert.Parameters["@modality"].Value = record.Modality.ToString();
            upsert.Parameters["@vector"].Value = MemoryMarshal.AsBytes(record.Vector.Span).ToArray();
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Streams every stored vector to <paramref name="upserted"/> (the span is only valid
    /// during the call).</summary>
    public async Task ReadAllAsync(VectorRowHandler upserted, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // A read transaction pins one WAL snapshot for both statements.
        await using var transaction = connection.BeginTransaction(deferred: true);
        int dimensions;
        await using (var state = connection.CreateCommand(transaction, $"SELECT dimensions FROM {tables.State} WHERE id = 1"))
        {
            dimensions = (int)(long)(await state.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var rows = connection.CreateCommand(transaction, $"SELECT item_id, document_id, modality, vector FROM {tables.Vectors}"))
        await using (var reader = await rows.ExecuteReaderAsync(cancellationToken))
        {
            var expectedBytes = dimensions * sizeof(float);
            while (await reader.ReadAsync(cancellationToken))
            {
                var itemId = reader.GetGuid(0);
                var bytes = reader.GetFieldValue<byte[]>(3);
                if (bytes.Length != expectedBytes)
                {
                    throw new InvalidDataException(
                        $"The stored vector of item {itemId} has {bytes.Length} bytes; {dimensions} dimensions need {expectedBytes}. The {tables.Vectors} table in {database.FilePath} is damaged.");
                }

                upserted(itemId, reader.GetGuid(1), reader.GetEnum<Modality>(2), MemoryMarshal.Cast<byte, float>(bytes));
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Removes every vector row and tombstone in one transaction (after an import into the
    /// vector files, so the disk does not hold the vectors twice).</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var clear = connection.CreateCommand(transaction, $"DELETE FROM {tables.Vectors}; DELETE FROM {tables.Tombstones};");
        await clear.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<long> NextSequenceAsync(SqliteConnection connection, SqliteTransaction transaction, int? dimensions, CancellationToken cancellationToken)
    {
        // UpsertAsync has checked the length against the stored one before.
        await using var bump = connection.CreateCommand(transaction, $"""
            UPDATE {tables.State} SET seq = seq + 1, dimensions = COALESCE(@dimensions, dimensions) WHERE id = 1 RETURNING seq
            """).With("@dimensions", dimensions);
        return (long)(await bump.ExecuteScalarAsync(cancellationToken))!;
    }
}
