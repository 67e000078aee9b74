using Grpc.AspNetCore.Server.Model;
using Qdrant.Client.Grpc;

namespace RagPlatform.QdrantWire;

/// <summary>The <c>qdrant.Points</c> methods the adapter calls: upsert, delete (by ids or filter),
/// get, query (nearest to a dense vector, with filter, threshold, limit and offset), scroll (id
/// order, offset is the first id of the page), count and payload-index creation. Every write is
/// applied before the answer, so <c>wait</c> is always honoured.</summary>
internal sealed class PointsWire(WireStore store) : IWireService<PointsWire>
{
    private const string Service = "qdrant.Points";

    /// <summary>Qdrant's default page and result size.</summary>
    private const ulong DefaultLimit = 10;

    private long _operations;

    public static void Bind(ServiceMethodProviderContext<PointsWire> context)
    {
        context.AddUnary<PointsWire, UpsertPoints, PointsOperationResponse>(Service, "Upsert", (s, r, c) => s.Upsert(r));
        context.AddUnary<PointsWire, DeletePoints, PointsOperationResponse>(Service, "Delete", (s, r, c) => s.Delete(r));
        context.AddUnary<PointsWire, GetPoints, GetResponse>(Service, "Get", (s, r, c) => s.Get(r));
        context.AddUnary<PointsWire, QueryPoints, QueryResponse>(Service, "Query", (s, r, c) => s.Query(r));
        context.AddUnary<PointsWire, ScrollPoints, ScrollResponse>(Service, "Scroll", (s, r, c) => s.Scroll(r));
        context.AddUnary<PointsWire, CountPoints, CountResponse>(Service, "Count", (s, r, c) => s.Count(r));
        context.AddUnary<PointsWire, CreateFieldIndexCollection, PointsOperationResponse>(Service, "CreateFieldIndex", (s, r, c) => s.CreateFieldIndex(r));
    }

    private Task<PointsOperationResponse> Upsert(UpsertPoints request)
    {
        if (request.UpdateFilter is not null)
        {
            throw WireFailures.Unsupported("conditional upserts (update_filter)");
        }

        lock (store.Gate)
        {
            var collection = store.Resolve(request.CollectionName);
            // Checked before any point is written: a bad point fails the whole call.
            var staged = new WireCollection(collection.Name, collection.Vectors);
            foreach (var point in request.Points)
            {
                staged.Upsert(point);
            }

            foreach (var point in request.Points)
            {
                collection.Upsert(point);
            }
        }

        return Applied(request.Wait);
    }

    private Task<PointsOperationResponse> Delete(DeletePoints request)
    {
        lock (store.Gate)
        {
            store.Resolve(request.CollectionName).Delete(request.Points ?? new PointsSelector());
        }

        return Applied(request.Wait);
    }

    private Task<GetResponse> Get(GetPoints request)
    {
        var response = new GetResponse();
        lock (store.Gate)
        {
            var collection = store.Resolve(request.CollectionName);
            response.Result.AddRange(request.Ids
                .Select(collection.Find)
                .OfType<WirePoint>()
                .Select(point => point.Retrieved(request.WithPayload, request.WithVectors, payloadByDefault: true)));
        }

        return Task.FromResult(response);
    }

    private Task<QueryResponse> Query(QueryPoints request)
    {
        if (request.Prefetch.Count > 0 || request.LookupFrom is not null)
        {
            throw WireFailures.Unsupported("prefetch and lookup_from");
        }

        if (!string.IsNullOrEmpty(request.Using))
        {
            throw WireFailures.Unsupported("named vectors (using)");
        }

        if (request.Query?.VariantCase != Qdrant.Client.Grpc.Query.VariantOneofCase.Nearest || request.Query.Nearest.VariantCase != VectorInput.VariantOneofCase.Dense)
        {
            throw WireFailures.Unsupported("queries other than nearest to a dense vector");
        }

        var response = new QueryResponse();
        lock (store.Gate)
        {
            var hits = store.Resolve(request.CollectionName).Nearest(request.Query.Nearest.Dense.Data, request.Filter)
                .Where(hit => !request.HasScoreThreshold || hit.Score >= request.ScoreThreshold)
                .Skip(checked((int)request.Offset))
                .Take(checked((int)(request.HasLimit ? request.Limit : DefaultLimit)));
            response.Result.AddRange(hits.Select(hit => hit.Point.Scored(hit.Score, request.WithPayload, request.WithVectors)));
        }

        return Task.FromResult(response);
    }

    private Task<ScrollResponse> Scroll(ScrollPoints request)
    {
        if (request.OrderBy is not null)
        {
            throw WireFailures.Unsupported("scroll order_by (pages are in id order)");
        }

        var limit = checked((int)(request.HasLimit ? request.Limit : (uint)DefaultLimit));
        var response = new ScrollResponse();
        lock (store.Gate)
        {
            var points = store.Resolve(request.CollectionName).Points(request.Filter);
            if (request.Offset is not null)
            {
                var first = WirePointKey.From(request.Offset);
                points = points.SkipWhile(point => point.Key.CompareTo(first) < 0);
            }

            var page = points.Take(limit + 1).ToList();
            response.Result.AddRange(page.Take(limit).Select(point => point.Retrieved(request.WithPayload, request.WithVectors, payloadByDefault: true)));
            if (page.Count > limit)
            {
                response.NextPageOffset = page[limit].Key.ToPointId();
            }
        }

        return Task.FromResult(response);
    }

    private Task<CountResponse> Count(CountPoints request)
    {
        lock (store.Gate)
        {
            var count = store.Resolve(request.CollectionName).Points(request.Filter).LongCount();
            return Task.FromResult(new CountResponse { Result = new CountResult { Count = (ulong)count } });
        }
    }

    private Task<PointsOperationResponse> CreateFieldIndex(CreateFieldIndexCollection request)
    {
        lock (store.Gate)
        {
            store.Resolve(request.CollectionName).PayloadIndexes[request.FieldName] = request.FieldType;
        }

        return Applied(request.Wait);
    }

    private Task<PointsOperationResponse> Applied(bool wait) => Task.FromResult(new PointsOperationResponse
    {
        Result = new UpdateResult
        {
            OperationId = (ulong)Interlocked.Increment(ref _operations),
            Status = wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged,
        },
    });
}
