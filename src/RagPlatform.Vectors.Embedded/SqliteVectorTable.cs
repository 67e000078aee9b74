using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Vectors.Embedded;

/// <summary>The persisted side of the embedded vector index: vectors as BLOBs of little-endian
/// float32 (the memory layout on every platform .NET runs this on), and a change log made of a
/// sequence number per write. Every write bumps vector_state.seq and stamps the rows it touched (or
/// the tombstones of the rows it removed) with it, so any in-memory copy, in this process or
/// another one sharing the file, catches up by reading what is newer than the seq it has seen.
/// The same layout serves each dense space under its own table names (<see cref="VectorTableNames"/>).</summary>
internal sealed class SqliteVectorTable(SqliteDatabase database, VectorTableNames tables)
{
    private const string RowColumns = "v.item_id, v.document_id, v.modality, v.vector, d.collection";

    /// <summary>The tables of CLIP's space (schema step 4).</summary>
    public SqliteVectorTable(SqliteDatabase database)
        : this(database, VectorTableNames.Clip)
    {
    }

    /// <summary>The last change number; cheap enough to read before every search.</summary>
    public async Task<long> ReadSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, $"SELECT seq FROM {tables.State} WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
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

    public async Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var seq = await NextSequenceAsync(connection, transaction, null, cancellationToken);
        await using var delete = connection.CreateCommand(transaction, $"""
            INSERT INTO {tables.Tombstones} (item_id, seq) SELECT item_id, @seq FROM {tables.Vectors} WHERE document_id = @document
                ON CONFLICT (item_id) DO UPDATE SET seq = excluded.seq;
            DELETE FROM {tables.Vectors} WHERE document_id = @document;
            """).With("@seq", seq).With("@document", documentId);
        await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Streams the changes after <paramref name="sinceSeq"/> (everything when it is
    /// negative) from one consistent snapshot: removed item ids first, then current rows. Returns
    /// the change number the snapshot is at.</summary>
    public async Task<long> ReadChangesAsync(long sinceSeq, IVectorChangeSink sink, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // A read transaction pins one WAL snapshot for all three statements.
        await using var transaction = connection.BeginTransaction(deferred: true);
        long seq;
        int dimensions;
        await using (var state = connection.CreateCommand(transaction,
            $"SELECT seq, dimensions, CASE WHEN @since < 0 THEN (SELECT COUNT(*) FROM {tables.Vectors}) ELSE 0 END FROM {tables.State} WHERE id = 1")
            .With("@since", sinceSeq))
        await using (var reader = await state.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            seq = reader.GetInt64(0);
            dimensions = reader.GetInt32(1);
            sink.Begin(reader.GetInt32(2));
        }

        if (seq == sinceSeq)
        {
            return seq;
        }

        if (sinceSeq >= 0)
        {
            await using var tombstones = connection.CreateCommand(transaction, $"SELECT item_id FROM {tables.Tombstones} WHERE seq > @since")
                .With("@since", sinceSeq);
            await using var reader = await tombstones.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sink.Removed(reader.GetGuid(0));
            }
        }

        // No ORDER BY: with one, SQLite prefers walking the whole table in rowid order over the seq
        // index, turning every small catch-up into a full scan. A vector's collection is its
        // document's, read from the documents table (fixed at upload, so read once per row change);
        // a row whose document is already gone is being deleted and belongs to no collection.
        await using (var rows = connection.CreateCommand(transaction, sinceSeq < 0
            ? $"SELECT {RowColumns} FROM {tables.Vectors} AS v LEFT JOIN documents AS d ON d.id = v.document_id"
            : $"SELECT {RowColumns} FROM {tables.Vectors} AS v LEFT JOIN documents AS d ON d.id = v.document_id WHERE v.seq > @since").With("@since", sinceSeq))
        await using (var reader = await rows.ExecuteReaderAsync(cancellationToken))
        {
            var expectedBytes = dimensions * sizeof(float);
            while (await reader.ReadAsync(cancellationToken))
            {
                var itemId = reader.GetGuid(0);
                // One copy of the column per row; GetBytes (length, then copy) measured slower.
                var bytes = reader.GetFieldValue<byte[]>(3);
                if (bytes.Length != expectedBytes)
                {
                    throw new InvalidDataException(
                        $"The stored vector of item {itemId} has {bytes.Length} bytes; {dimensions} dimensions need {expectedBytes}. The {tables.Vectors} table in {database.FilePath} is damaged.");
                }

                sink.Upserted(itemId, reader.GetGuid(1), reader.GetNullableString(4), reader.GetEnum<Modality>(2), MemoryMarshal.Cast<byte, float>(bytes));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return seq;
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
        // Deletes pass null and keep the recorded length; UpsertAsync has checked it before.
        await using var bump = connection.CreateCommand(transaction, $"""
            UPDATE {tables.State} SET seq = seq + 1, dimensions = COALESCE(@dimensions, dimensions) WHERE id = 1 RETURNING seq
            """).With("@dimensions", dimensions);
        return (long)(await bump.ExecuteScalarAsync(cancellationToken))!;
    }
}
