using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Reads documents' collections from the SQLite documents table, where each document's
/// collection is fixed at upload (the vector files do not repeat it, see
/// <see cref="Files.VectorLogFormat"/>). A document without a row (being deleted) has none.</summary>
internal sealed class DocumentCollections(SqliteDatabase database)
{
    /// <summary>Every document's collection (a full load).</summary>
    public Task<Dictionary<Guid, string?>> ReadAllAsync(CancellationToken cancellationToken) =>
        ReadAsync("SELECT id, collection FROM documents", null, cancellationToken);

    /// <summary>The collections of these documents (a catch-up: only the documents it touches).</summary>
    public Task<Dictionary<Guid, string?>> ReadAsync(IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken) =>
        documentIds.Count == 0
            ? Task.FromResult(new Dictionary<Guid, string?>())
            : ReadAsync("SELECT id, collection FROM documents WHERE id IN (SELECT unhex(value) FROM json_each(@ids))", documentIds, cancellationToken);

    private async Task<Dictionary<Guid, string?>> ReadAsync(string sql, IReadOnlyCollection<Guid>? documentIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand(null, sql);
        if (documentIds is not null)
        {
            command.WithGuidSet("@ids", documentIds);
        }

        var collections = new Dictionary<Guid, string?>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            collections[reader.GetGuid(0)] = reader.GetNullableString(1);
        }

        return collections;
    }
}
