using Grpc.Core;
using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;

namespace RagPlatform.Vectors.Qdrant;

/// <summary>The collection behind a space's alias: finds it and its vector length, and creates it
/// on the first write (the length is the first vector's). Creation is safe against another process
/// doing the same at once (the API and the ingestion worker): whoever loses a step finds the
/// winner's result and goes on with it.</summary>
internal sealed partial class QdrantSpaceCollection(QdrantConnection connection, QdrantSpace space, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _creation = new(1, 1);

    /// <summary>0 while not known. Cached once found: a collection's vector length never changes,
    /// and a re-index that moves the alias to another length is noticed through a mismatch
    /// (<see cref="RequireDimensionsAsync"/> reads it again before failing).</summary>
    private int _dimensions;

    public QdrantSpace Space => space;

    /// <summary>The vector length of the collection behind the alias; 0 when there is none yet.</summary>
    public async Task<int> DimensionsAsync(CancellationToken cancellationToken)
    {
        var known = Volatile.Read(ref _dimensions);
        return known > 0 ? known : await RefreshAsync(cancellationToken);
    }

    /// <summary>Forgets the cached length (the alias went away under us).</summary>
    public void Forget() => Volatile.Write(ref _dimensions, 0);

    /// <summary>Fails with an <see cref="ArgumentException"/> naming both lengths unless the
    /// collection holds <paramref name="dimensions"/>-long vectors (or there is no collection).</summary>
    public async Task<int> RequireDimensionsAsync(int dimensions, string what, string parameterName, CancellationToken cancellationToken)
    {
        var stored = await DimensionsAsync(cancellationToken);
        if (stored != 0 && stored != dimensions)
        {
            stored = await RefreshAsync(cancellationToken);
        }

        if (stored != 0 && stored != dimensions)
        {
            throw new ArgumentException(
                $"{what} has {dimensions} dimensions but Qdrant collection '{space.Alias}' holds {stored}-dimensional vectors. Re-index everything after changing the embedding model.",
                parameterName);
        }

        return stored;
    }

    /// <summary>Creates the versioned collection (cosine distance), its payload indexes and the alias
    /// when the alias does not exist yet, then returns the length of the collection behind it.</summary>
    public async Task<int> EnsureAsync(int dimensions, CancellationToken cancellationToken)
    {
        var known = await DimensionsAsync(cancellationToken);
        if (known > 0)
        {
            return known;
        }

        await _creation.WaitAsync(cancellationToken);
        try
        {
            known = await RefreshAsync(cancellationToken);
            if (known > 0)
            {
                return known;
            }

            await CreateAsync(dimensions, cancellationToken);
            known = await RefreshAsync(cancellationToken);
            return known > 0
                ? known
                : throw new InvalidOperationException($"Qdrant alias '{space.Alias}' is still missing after creating collection '{space.Collection}'.");
        }
        finally
        {
            _creation.Release();
        }
    }

    public void Dispose() => _creation.Dispose();

    private async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var found = await ReadDimensionsAsync(cancellationToken);
        Volatile.Write(ref _dimensions, found);
        return found;
    }

    private Task<int> ReadDimensionsAsync(CancellationToken cancellationToken) =>
        QdrantCalls.RunAsync(connection.Address, async () =>
        {
            var aliases = await connection.Client.ListAliasesAsync(cancellationToken);
            var target = aliases.FirstOrDefault(a => a.AliasName == space.Alias)?.CollectionName;
            if (target is null)
            {
                return 0;
            }

            var info = await connection.Client.GetCollectionInfoAsync(target, cancellationToken);
            var vectors = info.Config?.Params?.VectorsConfig;
            return vectors?.ConfigCase == VectorsConfig.ConfigOneofCase.Params
                ? checked((int)vectors.Params.Size)
                : throw new InvalidOperationException(
                    $"Qdrant collection '{target}' (alias '{space.Alias}') has named vectors; this index writes one unnamed vector per point. Point the alias at a collection it created, or choose another Qdrant:CollectionPrefix.");
        }, cancellationToken);

    private async Task CreateAsync(int dimensions, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        await QdrantCalls.RunAsync(connection.Address, async () =>
        {
            try
            {
                await client.CreateCollectionAsync(
                    space.Collection,
                    new VectorParams { Size = (ulong)dimensions, Distance = Distance.Cosine },
                    cancellationToken: cancellationToken);
                Log.CollectionCreated(logger, space.Collection, dimensions);
            }
            catch (RpcException ex) when (IsAlreadyThere(ex))
            {
                // Another process created it first (its indexes and alias are made again below,
                // harmlessly), or the request itself was wrong.
                if (!await client.CollectionExistsAsync(space.Collection, cancellationToken))
                {
                    throw;
                }
            }

            // Idempotent: an index that exists already is kept.
            foreach (var (field, type) in QdrantPayload.Indexes)
            {
                await client.CreatePayloadIndexAsync(space.Collection, field, type, wait: true, cancellationToken: cancellationToken);
            }

            try
            {
                await client.CreateAliasAsync(space.Alias, space.Collection, cancellationToken: cancellationToken);
                Log.AliasCreated(logger, space.Alias, space.Collection);
            }
            catch (RpcException ex) when (IsAlreadyThere(ex))
            {
                // Another process made the alias first (the caller reads where it points), or the
                // name is taken by a collection.
                var aliases = await client.ListAliasesAsync(cancellationToken);
                if (!aliases.Any(a => a.AliasName == space.Alias))
                {
                    throw;
                }
            }
        }, cancellationToken);
    }

    /// <summary>Qdrant answers a name that is taken with InvalidArgument ("already exists!") on
    /// older versions and AlreadyExists on newer ones.</summary>
    private static bool IsAlreadyThere(RpcException ex) =>
        ex.StatusCode is StatusCode.AlreadyExists or StatusCode.InvalidArgument;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Created Qdrant collection {Collection} for {Dimensions}-dimensional vectors (cosine)")]
        public static partial void CollectionCreated(ILogger logger, string collection, int dimensions);

        [LoggerMessage(Level = LogLevel.Information, Message = "Qdrant alias {Alias} points at collection {Collection}")]
        public static partial void AliasCreated(ILogger logger, string alias, string collection);
    }
}
