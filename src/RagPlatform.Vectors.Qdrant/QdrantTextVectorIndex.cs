using Microsoft.Extensions.Logging;
using RagPlatform.Core.Search;

namespace RagPlatform.Vectors.Qdrant;

/// <summary>The text space's vectors in a Qdrant collection of their own
/// (<see cref="QdrantSpace.Text"/>), stored and searched like CLIP's (<see cref="QdrantVectorIndex"/>).</summary>
public sealed class QdrantTextVectorIndex(QdrantConnection connection, QdrantSpace space, ILogger<QdrantVectorIndex> logger)
    : ITextVectorIndex, IDisposable
{
    private readonly QdrantVectorIndex _index = new(connection, space, logger);

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
