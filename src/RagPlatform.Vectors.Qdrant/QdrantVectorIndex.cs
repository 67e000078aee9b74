using Grpc.Core;
using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;
using RagPlatform.Core.Search;

namespace RagPlatform.Vectors.Qdrant;

/// <summary>An embedding space on a Qdrant server: one collection per space, reached through its
/// alias (<see cref="QdrantSpace"/>), with cosine distance, so scores are cosines as the port
/// promises. Filters travel inside the query and Qdrant applies them while it searches (with its
/// payload indexes), so a narrow filter still fills the limit. Writes wait until they are applied,
/// so a search right after an upsert sees it.</summary>
public sealed class QdrantVectorIndex : IVectorIndex, IDisposable
{
    /// <summary>Points per upsert call: large enough to amortise the round trip, small enough to
    /// stay far below gRPC's message limit at 1,024 dimensions (~1 MiB).</summary>
    public const int UpsertBatchSize = 256;

    /// <summary>Ids per scroll page while sampling (ids only: a few tens of KiB a page).</summary>
    private const int ScrollPageSize = 1024;

    /// <summary>Points with vectors per retrieve call while sampling: 1 MiB at 1,024 dimensions,
    /// well inside the gRPC client's 4 MiB limit on a received message.</summary>
    private const int RetrievePageSize = 256;

    private readonly QdrantConnection _connection;
    private readonly QdrantSpaceCollection _collection;

    public QdrantVectorIndex(QdrantConnection connection, QdrantSpace space, ILogger<QdrantVectorIndex> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(space);
        _connection = connection;
        _collection = new QdrantSpaceCollection(connection, space, logger);
    }

    private string Alias => _collection.Space.Alias;

    public async Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var dimensions = VectorChecks.BatchDimensions(records, nameof(records));

        for (var attempt = 1; ; attempt++)
        {
            await _collection.EnsureAsync(dimensions, cancellationToken);
            await _collection.RequireDimensionsAsync(dimensions, "The vectors", nameof(records), cancellationToken);
            try
            {
                foreach (var batch in records.Chunk(UpsertBatchSize))
                {
                    var points = batch.Select(QdrantPayload.Point).ToList();
                    await QdrantCalls.RunAsync(
                        _connection.Address,
                        () => _connection.Client.UpsertAsync(Alias, points, wait: true, cancellationToken: cancellationToken),
                        cancellationToken);
                }

                return;
            }
            catch (RpcException ex) when (QdrantCalls.IsMissingCollection(ex) && attempt == 1)
            {
                // The alias went away since it was found (removed by hand): create it again and
                // repeat; upserts are idempotent.
                _collection.Forget();
            }
        }
    }

    public async Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        VectorChecks.RequireFinite(query.Span, "The query vector", nameof(query));
        var stored = await _collection.RequireDimensionsAsync(query.Length, "The query", nameof(query), cancellationToken);
        if (stored == 0 || limit == 0)
        {
            return [];
        }

        var nearest = new Query { Nearest = new VectorInput { Dense = new DenseVector { Data = { query.ToArray() } } } };
        var points = await OnAliasAsync(
            () => _connection.Client.QueryAsync(
                Alias,
                nearest,
                filter: QdrantPayload.FilterOf(filter),
                limit: (ulong)limit,
                payloadSelector: QdrantPayload.HitFields,
                vectorsSelector: new WithVectorsSelector { Enable = false },
                cancellationToken: cancellationToken),
            [],
            cancellationToken);
        return [.. points.Select(QdrantPayload.Hit)];
    }

    /// <summary>Deletes by a filter on the document id, inside Qdrant.</summary>
    public Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken) =>
        OnAliasAsync<UpdateResult?>(
            () => _connection.Client.DeleteAsync(Alias, QdrantPayload.OfDocument(documentId), wait: true, cancellationToken: cancellationToken)!,
            null,
            cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => CountPointsAsync(filter: null, cancellationToken);

    /// <summary>An exact count under the collection's payload filter, the one a search filtered to
    /// the collection applies (the payload index on it answers the count).</summary>
    public Task<long> CountAsync(string collection, CancellationToken cancellationToken) =>
        CountPointsAsync(QdrantPayload.FilterOf(SearchFilter.In(collection)), cancellationToken);

    /// <summary>Every point id in Qdrant's scroll order (ascending id), ids only, then the points at
    /// evenly spaced positions of that order with their vectors. Ids are stable, so the same contents
    /// give the same sample; item ids are random UUIDs, so the positions are a fair spread over
    /// documents and modalities. Costs one id scroll over the collection (16 bytes an id here).</summary>
    public Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, CancellationToken cancellationToken) =>
        SamplePointsAsync(count, filter: null, cancellationToken);

    /// <summary>As the sample of the whole space, with the id scroll under the collection's payload filter.</summary>
    public Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, string collection, CancellationToken cancellationToken) =>
        SamplePointsAsync(count, QdrantPayload.FilterOf(SearchFilter.In(collection)), cancellationToken);

    public void Dispose() => _collection.Dispose();

    private async Task<long> CountPointsAsync(Filter? filter, CancellationToken cancellationToken) =>
        (long)await OnAliasAsync(() => _connection.Client.CountAsync(Alias, filter, exact: true, cancellationToken: cancellationToken), 0UL, cancellationToken);

    private async Task<IReadOnlyList<VectorRecord>> SamplePointsAsync(int count, Filter? filter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return [];
        }

        var ids = await OnAliasAsync(() => ScrollIdsAsync(filter, cancellationToken), [], cancellationToken);
        var take = Math.Min(count, ids.Count);
        var chosen = Enumerable.Range(0, take).Select(i => ids[(int)((long)i * ids.Count / take)]).ToList();
        var sample = new List<VectorRecord>(take);
        foreach (var batch in chosen.Chunk(RetrievePageSize))
        {
            var pointIds = batch.Select(id => (PointId)id).ToList();
            var points = await OnAliasAsync(
                () => _connection.Client.RetrieveAsync(Alias, pointIds, withPayload: true, withVectors: true, cancellationToken: cancellationToken),
                [],
                cancellationToken);
            // Qdrant does not promise the order asked for; keep the scroll order.
            var byId = points.ToDictionary(point => QdrantPayload.ItemId(point.Id));
            sample.AddRange(batch.Where(byId.ContainsKey).Select(id => QdrantPayload.Record(byId[id])));
        }

        return sample;
    }

    private async Task<List<Guid>> ScrollIdsAsync(Filter? filter, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        PointId? offset = null;
        do
        {
            var page = await _connection.Client.ScrollAsync(
                Alias,
                filter,
                limit: ScrollPageSize,
                offset: offset,
                payloadSelector: new WithPayloadSelector { Enable = false },
                vectorsSelector: new WithVectorsSelector { Enable = false },
                cancellationToken: cancellationToken);
            ids.AddRange(page.Result.Select(point => QdrantPayload.ItemId(point.Id)));
            offset = page.NextPageOffset;
        }
        while (offset is not null);

        return ids;
    }

    /// <summary>Runs a call on the alias; a missing alias or collection (nothing stored yet, or
    /// removed by hand) answers <paramref name="whenMissing"/>.</summary>
    private async Task<T> OnAliasAsync<T>(Func<Task<T>> call, T whenMissing, CancellationToken cancellationToken)
    {
        try
        {
            return await QdrantCalls.RunAsync(_connection.Address, call, cancellationToken);
        }
        catch (RpcException ex) when (QdrantCalls.IsMissingCollection(ex))
        {
            _collection.Forget();
            return whenMissing;
        }
    }
}
