using Npgsql;
using NpgsqlTypes;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Postgres;

/// <summary>Documents, pages and items on PostgreSQL. Pages and items go with their document (ON
/// DELETE CASCADE); a document whose deletion began is fenced by its tombstone (schema step 1).</summary>
/// <param name="clock">Stamps the deletion fence, on the clock the job queue's leases use (never the server's).</param>
internal sealed class PostgresDocumentStore(NpgsqlDataSource dataSource, TimeProvider? clock = null) : IDocumentStore
{
    private const string DocumentColumns = PostgresDocumentRows.Columns;

    private const string Live = PostgresDocumentRows.Live;

    // A NULL @collection means every collection, so the statement text never changes.
    private const string InCollection = "(@collection::text IS NULL OR collection = @collection)";

    public async Task<Document> AddAsync(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        // The content key, unique per collection, decides a race of identical uploads: one insert
        // wins, the others wait for it to commit, change nothing and read the winner back.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            INSERT INTO documents ({DocumentColumns}, content_key)
            VALUES (@id, @file_name, @media_type, @kind, @size_bytes, @sha256, @status, @error, @pages_total, @pages_done, @item_count, @created_at, @updated_at, @collection, @sha256)
            ON CONFLICT (collection, content_key) DO NOTHING
            """)
            .With("id", document.Id)
            .WithInstant("created_at", document.CreatedAt)
            .With("collection", document.Collection)
            .WithContent(document)
            .WithProgress(document);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            await PostgresJobQueue.QueueNewDocumentAsync(connection, document.Id, document.CreatedAt, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return document;
        }

        await transaction.RollbackAsync(cancellationToken);
        return await FindBySha256Async(document.Collection, document.Sha256, cancellationToken)
            ?? throw new InvalidOperationException($"Document {document.Id} was not stored, yet no live document of collection {document.Collection} holds its content {document.Sha256}.");
    }

    public Task<bool> BeginDeletionAsync(Guid id, CancellationToken cancellationToken) =>
        PostgresDeletionFence.ApplyAsync(dataSource, id, (clock ?? TimeProvider.System).GetUtcNow(), cancellationToken);

    public async Task<Document?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        (await QueryDocumentsAsync($"SELECT {DocumentColumns} FROM documents WHERE id = @id AND {Live}", cmd => cmd.With("id", id), cancellationToken)) is [var first, ..] ? first : null;

    public async Task<Document?> FindBySha256Async(string collection, string sha256, CancellationToken cancellationToken) =>
        (await QueryDocumentsAsync(
            $"SELECT {DocumentColumns} FROM documents WHERE collection = @collection AND content_key = @sha256",
            cmd => cmd.With("collection", collection).With("sha256", sha256),
            cancellationToken)) is [var first, ..] ? first : null;

    public async Task<Document?> FindNewestByFileNameAsync(string collection, string fileName, CancellationToken cancellationToken) =>
        (await QueryDocumentsAsync(
            $"SELECT {DocumentColumns} FROM documents WHERE collection = @collection AND file_name = @file_name AND {Live} ORDER BY created_at DESC, seq DESC LIMIT 1",
            cmd => cmd.With("collection", collection).With("file_name", fileName),
            cancellationToken)) is [var first, ..] ? first : null;

    public async Task<ContentSwap> SwapContentAsync(Document replacement, string expectedSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var (swap, holderId) = await PostgresContentSwap.ApplyAsync(dataSource, replacement, expectedSha256, cancellationToken);
        return holderId is { } id ? swap with { Holder = await GetAsync(id, cancellationToken) } : swap;
    }

    public Task<IReadOnlyList<Document>> ListAsync(string? collection, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        // seq breaks ties between documents created in the same instant: later insert first.
        return QueryDocumentsAsync(
            $"SELECT {DocumentColumns} FROM documents WHERE {Live} AND {InCollection} ORDER BY created_at DESC, seq DESC LIMIT @take OFFSET @skip",
            cmd => cmd.WithNullable("collection", collection, NpgsqlDbType.Text).With("take", take).With("skip", skip),
            cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> ListIdsAsync(string collection, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"SELECT id FROM documents WHERE collection = @collection AND {Live}")
            .With("collection", collection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public async Task<IReadOnlyList<CollectionSummary>> ListCollectionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // COLLATE "C": by code point, as SQLite's default BINARY collation sorts.
        await using var command = connection.CreateCommand(
            $"SELECT collection, count(*)::integer FROM documents WHERE {Live} GROUP BY collection ORDER BY collection COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var collections = new List<CollectionSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            collections.Add(new CollectionSummary(reader.GetString(0), reader.GetInt32(1)));
        }

        return collections;
    }

    public async Task UpdateAsync(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand("""
            UPDATE documents SET status = @status, error = @error, pages_total = @pages_total,
                pages_done = @pages_done, item_count = @item_count, updated_at = @updated_at
            WHERE id = @id AND sha256 = @sha256
            """).With("id", document.Id).With("sha256", document.Sha256).WithProgress(document);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand("DELETE FROM documents WHERE id = @id").With("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public Task SavePageAsync(PageInfo page, IReadOnlyList<Item> items, CancellationToken cancellationToken) =>
        PostgresPageRows.SaveAsync(dataSource, page, items, cancellationToken);

    public async Task ClearContentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            "DELETE FROM items WHERE document_id = @document; DELETE FROM pages WHERE document_id = @document", transaction)
            .With("document", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PageInfo>> GetPagesAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(
            $"SELECT {PostgresPageRows.PageColumns} FROM pages WHERE document_id = @document ORDER BY number").With("document", documentId);
        return await PostgresPageRows.ReadPagesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<PageInfo>> GetNavigationPagesAsync(IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        if (documentIds.Count == 0)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            SELECT {PostgresPageRows.PageColumns} FROM pages
            WHERE kind <> 'Content' AND document_id = ANY (@documents)
            ORDER BY document_id, number
            """).With("documents", documentIds.ToArray());
        return await PostgresPageRows.ReadPagesAsync(command, cancellationToken);
    }

    public Task<IReadOnlyList<Item>> GetDocumentItemsAsync(Guid documentId, CancellationToken cancellationToken) =>
        QueryItemsAsync(
            $"SELECT {PostgresPageRows.ItemColumns} FROM items WHERE document_id = @document ORDER BY ordinal, page",
            cmd => cmd.With("document", documentId),
            cancellationToken);

    public Task<IReadOnlyList<Item>> GetItemsAsync(IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        return itemIds.Count == 0
            ? Task.FromResult<IReadOnlyList<Item>>([])
            : QueryItemsAsync(
                $"SELECT {PostgresPageRows.ItemColumns} FROM items WHERE id = ANY (@ids)",
                cmd => cmd.With("ids", itemIds.ToArray()),
                cancellationToken);
    }

    public async Task<Item?> GetItemAsync(Guid itemId, CancellationToken cancellationToken) =>
        (await QueryItemsAsync($"SELECT {PostgresPageRows.ItemColumns} FROM items WHERE id = @id", cmd => cmd.With("id", itemId), cancellationToken)) is [var first, ..] ? first : null;

    public async Task<StoreCounts> CountAsync(string? collection, CancellationToken cancellationToken)
    {
        var documents = Enum.GetValues<DocumentStatus>().ToDictionary(status => status, _ => 0);
        var items = Enum.GetValues<Modality>().ToDictionary(modality => modality, _ => 0);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand($"""
            SELECT 'document', status, count(*)::integer FROM documents WHERE {Live} AND {InCollection} GROUP BY status
            UNION ALL
            SELECT 'item', modality, count(*)::integer FROM items
            WHERE @collection::text IS NULL OR document_id IN (SELECT id FROM documents WHERE collection = @collection)
            GROUP BY modality
            """).WithNullable("collection", collection, NpgsqlDbType.Text);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetString(0) == "document")
            {
                documents[reader.GetEnum<DocumentStatus>(1)] = reader.GetInt32(2);
            }
            else
            {
                items[reader.GetEnum<Modality>(1)] = reader.GetInt32(2);
            }
        }

        return new StoreCounts(documents, items);
    }

    private async Task<IReadOnlyList<Document>> QueryDocumentsAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql);
        bind(command);
        return await PostgresDocumentRows.ReadAsync(command, cancellationToken);
    }

    private async Task<IReadOnlyList<Item>> QueryItemsAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(sql);
        bind(command);
        return await PostgresPageRows.ReadItemsAsync(command, cancellationToken);
    }
}
