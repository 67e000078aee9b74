using Microsoft.Extensions.Logging;
using Npgsql;

namespace RagPlatform.Vectors.PgVector;

/// <summary>One table of vectors (item_id uuid primary key, document_id, modality, collection,
/// embedding vector(n)) with an HNSW cosine index and btree indexes on document_id and collection.
/// <para>Why a typed column created lazily rather than a typmod-less column with an expression
/// index: an HNSW index needs a fixed length, which is only known when the first vector arrives
/// either way; with <c>vector(n)</c> PostgreSQL itself rejects a vector of another length (whoever
/// writes), and queries stay a plain <c>embedding &lt;=&gt; @q</c> that the planner matches to the
/// index without repeating a cast. The table is created under an advisory lock so two processes
/// writing their first vectors together do not race.</para></summary>
internal sealed class PgVectorTable
{
    public const string Clip = "clip_vectors";
    public const string Text = "text_vectors";

    /// <summary>pgvector's HNSW index takes vectors of at most 2,000 dimensions (halfvec: 4,000).</summary>
    public const int MaxDimensions = 2000;

    private readonly PgVectorDatabase _database;
    private readonly ILogger _logger;

    /// <summary>Length of the column's vectors; 0 while the table has not been seen.</summary>
    private volatile int _dimensions;

    public PgVectorTable(PgVectorDatabase database, string name, ILogger logger)
    {
        _database = database;
        _logger = logger;
        Name = name;
        QualifiedName = $"\"{database.Schema}\".\"{name}\"";
    }

    public string Name { get; }

    /// <summary>"schema"."table", quoted for SQL (the schema is a validated identifier).</summary>
    public string QualifiedName { get; }

    /// <summary>Length of the stored vectors, or 0 when the table does not exist yet. Asks the
    /// catalog while unknown, or when <paramref name="refresh"/> (another process may have changed
    /// an emptied table to a new length).</summary>
    public async Task<int> DimensionsAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (_dimensions > 0 && !refresh)
        {
            return _dimensions;
        }

        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken);
        _dimensions = await ReadDimensionsAsync(connection, null, cancellationToken);
        return _dimensions;
    }

    /// <summary>Makes the table hold <paramref name="dimensions"/>-dimensional vectors: creates it
    /// when missing, changes the column's length when the table is empty (the embedding model
    /// changed), and refuses otherwise.</summary>
    /// <exception cref="ArgumentException">The table holds vectors of another length.</exception>
    public async Task EnsureAsync(int dimensions, CancellationToken cancellationToken)
    {
        if (await DimensionsAsync(refresh: false, cancellationToken) == dimensions ||
            (_dimensions != 0 && await DimensionsAsync(refresh: true, cancellationToken) == dimensions))
        {
            return;
        }

        await using var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PgVectorDatabase.SchemaLockKey})", cancellationToken);
        var existing = await ReadDimensionsAsync(connection, transaction, cancellationToken);
        if (existing == 0)
        {
            await ExecuteAsync(connection, transaction, CreateSql(dimensions), cancellationToken);
            PgVectorLog.TableCreated(_logger, QualifiedName, dimensions);
        }
        else if (existing != dimensions)
        {
            // Block writers while deciding, so no vector of the old length slips in meanwhile.
            await ExecuteAsync(connection, transaction, $"LOCK TABLE {QualifiedName} IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
            await using (var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {QualifiedName})", connection, transaction))
            {
                if ((bool)(await any.ExecuteScalarAsync(cancellationToken))!)
                {
                    _dimensions = existing;
                    throw new ArgumentException(
                        $"The vectors have {dimensions} dimensions; {QualifiedName} holds {existing}-dimensional vectors.", nameof(dimensions));
                }
            }

            // The HNSW index is rebuilt with the column, cheaply: the table is empty.
            await ExecuteAsync(connection, transaction, $"ALTER TABLE {QualifiedName} ALTER COLUMN embedding TYPE vector({dimensions})", cancellationToken);
            PgVectorLog.TableRedimensioned(_logger, QualifiedName, dimensions, existing);
        }

        await transaction.CommitAsync(cancellationToken);
        _dimensions = dimensions;
    }

    /// <summary>Whether the table holds no vector (true when it does not exist).</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        if (await DimensionsAsync(refresh: false, cancellationToken) == 0)
        {
            return true;
        }

        await using var command = _database.DataSource.CreateCommand($"SELECT NOT EXISTS (SELECT 1 FROM {QualifiedName})");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private string CreateSql(int dimensions) => $"""
        CREATE SCHEMA IF NOT EXISTS "{_database.Schema}";
        CREATE TABLE IF NOT EXISTS {QualifiedName} (
            item_id uuid PRIMARY KEY,
            document_id uuid NOT NULL,
            modality text NOT NULL,
            collection text,
            embedding vector({dimensions}) NOT NULL);
        CREATE INDEX IF NOT EXISTS "{Name}_embedding_idx" ON {QualifiedName} USING hnsw (embedding vector_cosine_ops);
        CREATE INDEX IF NOT EXISTS "{Name}_document_idx" ON {QualifiedName} (document_id);
        CREATE INDEX IF NOT EXISTS "{Name}_collection_idx" ON {QualifiedName} (collection);
        """;

    /// <summary>pgvector keeps a vector column's length as its type modifier; 0 when the table is
    /// missing (or, never here, the column has no fixed length).</summary>
    private async Task<int> ReadDimensionsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT a.atttypmod FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = to_regclass(@table) AND a.attname = 'embedding' AND NOT a.attisdropped
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("table", QualifiedName);
        return await command.ExecuteScalarAsync(cancellationToken) is int typmod && typmod > 0 ? typmod : 0;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
