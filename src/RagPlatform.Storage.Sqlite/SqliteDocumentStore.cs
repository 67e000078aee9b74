using Microsoft.Data.Sqlite;
using RagPlatform.Core.Documents;

namespace RagPlatform.Storage.Sqlite;

/// <summary>Documents, pages and items in the embedded SQLite database. Pages and items go with
/// their document (ON DELETE CASCADE).</summary>
/// <param name="clock">Stamps the deletion fence, on the clock the job queue's leases use.</param>
internal sealed class SqliteDocumentStore(SqliteDatabase database, TimeProvider? clock = null) : IDocumentStore
{
    private const string DocumentColumns =
        "id, file_name, media_type, kind, size_bytes, sha256, status, error, pages_total, pages_done, item_count, created_at, updated_at, collection";

    // A document whose deletion began is gone for every reader.
    private const string Live = "id NOT IN (SELECT document_id FROM document_tombstones)";

    // A NULL @collection means every collection, so the statement text never changes.
    private const string InCollection = "(@collection IS NULL OR collection = @collection)";

    private const string PageColumns = SqlitePageRows.PageColumns;

    private const string ItemColumns = SqlitePageRows.ItemColumns;

    public async Task<Document> AddAsync(Document document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        // The content key, unique per collection, decides a race of identical uploads inside
        // SQLite's write lock: one insert wins, the others change nothing and read the winner back.
        await using var command = connection.CreateCommand(transaction,
            $"INSERT INTO documents ({DocumentColumns}, content_key) VALUES (@id, @file_name, @media_type, @kind, @size_bytes, @sha256, @status, @error, @pages_total, @pages_done, @item_count, @created_at, @updated_at, @collection, @sha256) ON CONFLICT (collection, content_key) DO NOTHING")
            .With("@id", document.Id)
            .With("@created_at", document.CreatedAt.ToTicks())
            .With("@collection", document.Collection);
        BindContent(command, document);
        BindProgress(command, document);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            await SqliteJobQueue.QueueNewDocumentAsync(connection, transaction, document.Id, document.CreatedAt, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            database.JobsQueued.Notify();
            return document;
        }

        await transaction.RollbackAsync(cancellationToken);
        return await FindBySha256Async(document.Collection, document.Sha256, cancellationToken)
            ?? throw new InvalidOperationException($"Document {document.Id} was not stored, yet no live document of collection {document.Collection} holds its content {document.Sha256}.");
    }

    public Task<bool> BeginDeletionAsync(Guid id, CancellationToken cancellationToken) =>
        SqliteDeletionFence.ApplyAsync(database, id, (clock ?? TimeProvider.System).GetUtcNow(), cancellationToken);

    public async Task<Document?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await QueryDocumentsAsync($"SELECT {DocumentColumns} FROM documents WHERE id = @id AND {Live}", cmd => cmd.With("@id", id), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<Document?> FindBySha256Async(string collection, string sha256, CancellationToken cancellationToken)
    {
        var found = await QueryDocumentsAsync(
            $"SELECT {DocumentColumns} FROM documents WHERE collection = @collection AND content_key = @sha256",
            cmd => cmd.With("@collection", collection).With("@sha256", sha256),
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<Document?> FindNewestByFileNameAsync(string collection, string fileName, CancellationToken cancellationToken)
    {
        var found = await QueryDocumentsAsync(
            $"SELECT {DocumentColumns} FROM documents WHERE collection = @collection AND file_name = @file_name AND {Live} ORDER BY created_at DESC, rowid DESC LIMIT 1",
            cmd => cmd.With("@collection", collection).With("@file_name", fileName),
            cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<ContentSwap> SwapContentAsync(Document replacement, string expectedSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var (swap, holderId) = await SqliteContentSwap.ApplyAsync(database, replacement, expectedSha256, cancellationToken);
        return holderId is { } id ? swap with { Holder = await GetAsync(id, cancellationToken) } : swap;
    }

    public Task<IReadOnlyList<Document>> ListAsync(string? collection, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        // rowid breaks ties between documents created in the same tick: later insert first.
        return QueryDocumentsAsync(
            $"SELECT {DocumentColumns} FROM documents WHERE {Live} AND {InCollection} ORDER BY created_at DESC, rowid DESC LIMIT @take OFFSET @skip",
            cmd => cmd.With("@collection", collection).With("@take", take).With("@skip", skip),
            cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> ListIdsAsync(string collection, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, $"SELECT id FROM documents WHERE collection = @collection AND {Live}")
            .With("@collection", collection);
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
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, $"SELECT collection, COUNT(*) FROM documents WHERE {Live} GROUP BY collection ORDER BY collection");
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
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, """
            UPDATE documents SET status = @status, error = @error, pages_total = @pages_total,
                pages_done = @pages_done, item_count = @item_count, updated_at = @updated_at
            WHERE id = @id AND sha256 = @sha256
            """).With("@id", document.Id).With("@sha256", document.Sha256);
        BindProgress(command, document);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, "DELETE FROM documents WHERE id = @id").With("@id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public Task SavePageAsync(PageInfo page, IReadOnlyList<Item> items, CancellationToken cancellationToken) =>
        SqlitePageRows.SaveAsync(database, page, items, cancellationToken);

    public async Task ClearContentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand(transaction,
            "DELETE FROM items WHERE document_id = @document; DELETE FROM pages WHERE document_id = @document;")
            .With("@document", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PageInfo>> GetPagesAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null,
            $"SELECT {PageColumns} FROM pages WHERE document_id = @document ORDER BY number").With("@document", documentId);
        return await SqlitePageRows.ReadPagesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<PageInfo>> GetNavigationPagesAsync(IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documentIds);
        if (documentIds.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, $"""
            SELECT {PageColumns} FROM pages
            WHERE kind <> 'Content' AND document_id IN (SELECT unhex(value) FROM json_each(@documents))
            ORDER BY document_id, number
            """).WithGuidSet("@documents", documentIds);
        return await SqlitePageRows.ReadPagesAsync(command, cancellationToken);
    }

    public Task<IReadOnlyList<Item>> GetDocumentItemsAsync(Guid documentId, CancellationToken cancellationToken) =>
        QueryItemsAsync(
            $"SELECT {ItemColumns} FROM items WHERE document_id = @document ORDER BY ordinal, page",
            cmd => cmd.With("@document", documentId),
            cancellationToken);

    public Task<IReadOnlyList<Item>> GetItemsAsync(IReadOnlyCollection<Guid> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        return QueryItemsAsync(
            $"SELECT {ItemColumns} FROM items WHERE id IN (SELECT unhex(value) FROM json_each(@ids))",
            cmd => cmd.WithGuidSet("@ids", itemIds),
            cancellationToken);
    }

    public async Task<Item?> GetItemAsync(Guid itemId, CancellationToken cancellationToken)
    {
        var found = await QueryItemsAsync($"SELECT {ItemColumns} FROM items WHERE id = @id", cmd => cmd.With("@id", itemId), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<StoreCounts> CountAsync(string? collection, CancellationToken cancellationToken)
    {
        var documents = Enum.GetValues<DocumentStatus>().ToDictionary(status => status, _ => 0);
        var items = Enum.GetValues<Modality>().ToDictionary(modality => modality, _ => 0);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, $"""
            SELECT 'document', status, COUNT(*) FROM documents WHERE {Live} AND {InCollection} GROUP BY status
            UNION ALL
            SELECT 'item', modality, COUNT(*) FROM items
            WHERE @collection IS NULL OR document_id IN (SELECT id FROM documents WHERE collection = @collection)
            GROUP BY modality
            """).With("@collection", collection);
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

    /// <summary>Binds what the document's file is: @file_name, @media_type, @kind, @size_bytes, @sha256.</summary>
    internal static void BindContent(SqliteCommand command, Document document) =>
        command.With("@file_name", document.FileName)
            .With("@media_type", document.MediaType)
            .With("@kind", document.Kind.ToString())
            .With("@size_bytes", document.SizeBytes)
            .With("@sha256", document.Sha256);

    /// <summary>Binds where its ingestion stands: @status, @error, @pages_total, @pages_done, @item_count, @updated_at.</summary>
    internal static void BindProgress(SqliteCommand command, Document document) =>
        command.With("@status", document.Status.ToString())
            .With("@error", document.Error)
            .With("@pages_total", document.PagesTotal)
            .With("@pages_done", document.PagesDone)
            .With("@item_count", document.ItemCount)
            .With("@updated_at", document.UpdatedAt.ToTicks());

    private async Task<IReadOnlyList<Document>> QueryDocumentsAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<Document>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(new Document(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetEnum<DocumentKind>(3),
                reader.GetInt64(4), reader.GetString(5), reader.GetEnum<DocumentStatus>(6), reader.GetNullableString(7),
                reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetInstant(11), reader.GetInstant(12), reader.GetString(13)));
        }

        return documents;
    }

    private async Task<IReadOnlyList<Item>> QueryItemsAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<Item>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // The four region columns are written together: all null (whole page) or all set.
            Region? region = reader.IsDBNull(4)
                ? null
                : new Region(reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7));
            items.Add(new Item(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetEnum<Modality>(2), reader.GetInt32(3), region,
                reader.GetNullableString(8), reader.GetNullableString(9), reader.GetInt32(10)));
        }

        return items;
    }
}
