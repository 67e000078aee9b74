using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Files;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Vectors.Embedded;

/// <summary>The text space's vectors in the same SQLite file as CLIP's, in tables of their own
/// (schema step 10), searched from memory like CLIP's (<see cref="EmbeddedVectorIndex"/>).</summary>
internal sealed class EmbeddedTextVectorIndex(SqliteDatabase database, IOptions<StorageOptions> options, ILogger<EmbeddedVectorIndex> logger)
    : ITextVectorIndex, IDisposable
{
    private readonly EmbeddedVectorIndex _index = new(database, VectorTableNames.Text, options, logger);

    public Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken) => _index.UpsertAsync(records, cancellationToken);

    public Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int limit, SearchFilter filter, CancellationToken cancellationToken) =>
        _index.SearchAsync(query, limit, filter, cancellationToken);

    public Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken) => _index.DeleteDocumentAsync(documentId, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => _index.CountAsync(cancellationToken);

    public Task<long> CountAsync(string collection, CancellationToken cancellationToken) => _index.CountAsync(collection, cancellationToken);

    public Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, CancellationToken cancellationToken) => _index.SampleAsync(count, cancellationToken);

    public Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, string collection, CancellationToken cancellationToken) =>
        _index.SampleAsync(count, collection, cancellationToken);

    public void Dispose() => _index.Dispose();
}
