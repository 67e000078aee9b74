using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Vectors.PgVector;

/// <summary>Approximate nearest-neighbour search in PostgreSQL with pgvector: one table per vector
/// space (<see cref="PgVectorTable"/>), an HNSW index over the cosine distance, the filter in the
/// query's WHERE clause. Score = 1 − cosine distance = the cosine. Serves as either port: the
/// table name says which space it holds.</summary>
internal sealed class PgVectorIndex : ITextVectorIndex
{
    /// <summary>Rows per INSERT: 1,000 vectors of 512 floats make a 2 MB message.</summary>
    private const int UpsertBatchSize = 1000;

    // A NULL @collection means every collection, so the statement text never changes.
    private const string InCollection = "(@collection::text IS NULL OR collection = @collection)";

    private readonly PgVectorDatabase _database;
    private readonly PgVectorTable _table;
    private readonly int _efSearch;

    public PgVectorIndex(PgVectorDatabase database, string tableName, IOptions<PgVectorOptions> options, ILogger<PgVectorIndex> logger)
    {
        _database = database;
        _table = new PgVectorTable(database, tableName, logger);
        _efSearch = options.Value.EfSearch;
    }

    public async Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var dimensions = VectorChecks.BatchDimensions(records, nameof(records));

        if (dimensions > PgVectorTable.MaxDimensions)
        {
            throw new ArgumentException($"The vectors have {dimensions} dimensions; pgvector's HNSW index takes at most {PgVectorTable.MaxDimensions}.", nameof(records));
        }

        await _database.EnsureReadyAsync(cancellationToken);
        await _table.EnsureAsync(dimensions, cancellationToken);

        // ON CONFLICT cannot touch a row twice in one statement: the last record of an item wins.
        var latest = new Dictionary<Guid, VectorRecord>(records.Count);
        foreach (var record in records)
        {
            latest[record.ItemId] = record;
        }

        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var batch in latest.Values.Chunk(UpsertBatchSize))
        {
            await using var command = new NpgsqlCommand(
                $"""
                INSERT INTO {_table.QualifiedName} (item_id, document_id, modality, collection, embedding)
                SELECT * FROM unnest(@items, @documents, @modalities, @collections, @embeddings)
                ON CONFLICT (item_id) DO UPDATE SET document_id = EXCLUDED.document_id, modality = EXCLUDED.modality,
                    collection = EXCLUDED.collection, embedding = EXCLUDED.embedding
                """,
                connection,
                transaction);
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("items", [.. batch.Select(r => r.ItemId)]));
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("documents", [.. batch.Select(r => r.DocumentId)]));
            command.Parameters.Add(new NpgsqlParameter<string[]>("modalities", [.. batch.Select(r => r.Modality.ToString())]));
            command.Parameters.Add(new NpgsqlParameter<string?[]>("collections", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = [.. batch.Select(r => r.Collection)] });
            command.Parameters.Add(new NpgsqlParameter<Vector[]>("embeddings", [.. batch.Select(r => new Vector(r.Vector))]));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        VectorChecks.RequireFinite(query.Span, "The query vector", nameof(query));
        if (limit == 0)
        {
            return [];
        }

        var dimensions = await _table.DimensionsAsync(refresh: false, cancellationToken);
        if (dimensions != query.Length && dimensions != 0)
        {
            dimensions = await _table.DimensionsAsync(refresh: true, cancellationToken);
        }

        if (dimensions == 0)
        {
            return []; // no vector was ever stored
        }

        if (dimensions != query.Length)
        {
            // An emptied index of the old model's length finds nothing rather than failing.
            return await _table.IsEmptyAsync(cancellationToken)
                ? []
                : throw new ArgumentException($"The query has {query.Length} dimensions; the index holds {dimensions}-dimensional vectors.", nameof(query));
        }

        // The table exists, so the extension does: this learns its version and maps its type.
        await _database.EnsureReadyAsync(cancellationToken);
        var plan = PgVectorSearchPlan.For(limit, filter, _database.HasIterativeScan, _efSearch);
        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = PgVectorSearchSql.Build(_table, new Vector(query), limit, filter, plan);
        batch.Connection = connection;
        batch.Transaction = transaction;
        var hits = new List<VectorHit>(Math.Min(limit, 1024));
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken); // past the settings
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(new VectorHit(
                    reader.GetGuid(0), reader.GetGuid(1), Enum.Parse<Modality>(reader.GetString(2)), (float)(1 - reader.GetDouble(3))));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return hits;
    }

    public async Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        if (await _table.DimensionsAsync(refresh: false, cancellationToken) == 0)
        {
            return;
        }

        await using var command = _database.DataSource.CreateCommand($"DELETE FROM {_table.QualifiedName} WHERE document_id = @document");
        command.Parameters.Add(new NpgsqlParameter<Guid>("document", documentId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) => CountRowsAsync(collection: null, cancellationToken);

    /// <summary>Counts the rows whose collection column names it (its btree index answers), the
    /// WHERE a search filtered to the collection applies.</summary>
    public Task<long> CountAsync(string collection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return CountRowsAsync(collection, cancellationToken);
    }

    public Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, CancellationToken cancellationToken) =>
        SampleRowsAsync(count, collection: null, cancellationToken);

    public Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, string collection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return SampleRowsAsync(count, collection, cancellationToken);
    }

    private async Task<long> CountRowsAsync(string? collection, CancellationToken cancellationToken)
    {
        if (await _table.DimensionsAsync(refresh: false, cancellationToken) == 0)
        {
            return 0;
        }

        await using var command = _database.DataSource.CreateCommand($"SELECT count(*) FROM {_table.QualifiedName} WHERE {InCollection}");
        command.Parameters.Add(CollectionParameter(collection));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The rows at evenly spaced positions of the item-id order: floor(i·n/count) for
    /// i &lt; count. Item ids are hashes, so that order is a fixed shuffle unrelated to documents,
    /// modalities or time, and the same contents give the same sample. Only ids are ranked; the
    /// vectors of the chosen rows alone are read.</summary>
    private async Task<IReadOnlyList<VectorRecord>> SampleRowsAsync(int count, string? collection, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0 || await _table.DimensionsAsync(refresh: false, cancellationToken) == 0)
        {
            return [];
        }

        await _database.EnsureReadyAsync(cancellationToken);
        // Position p is floor(i·n/count) for some i exactly when the next multiple of n at or
        // above p·count lies below p·count + count.
        await using var command = _database.DataSource.CreateCommand(
            $"""
            WITH ranked AS (
                SELECT item_id, row_number() OVER (ORDER BY item_id) - 1 AS position, count(*) OVER () AS total
                FROM {_table.QualifiedName}
                WHERE {InCollection})
            SELECT v.item_id, v.document_id, v.modality, v.collection, v.embedding
            FROM ranked JOIN {_table.QualifiedName} v USING (item_id)
            WHERE (ranked.total - (ranked.position * @count) % ranked.total) % ranked.total < @count
            ORDER BY ranked.position
            """);
        command.Parameters.Add(new NpgsqlParameter<long>("count", count));
        command.Parameters.Add(CollectionParameter(collection));
        var sample = new List<VectorRecord>(Math.Min(count, 4096));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sample.Add(new VectorRecord(
                reader.GetGuid(0), reader.GetGuid(1), Enum.Parse<Modality>(reader.GetString(2)), reader.GetFieldValue<Vector>(4).ToArray())
            {
                Collection = reader.IsDBNull(3) ? null : reader.GetString(3),
            });
        }

        return sample;
    }

    private static NpgsqlParameter CollectionParameter(string? collection) =>
        new("collection", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)collection ?? DBNull.Value };
}
