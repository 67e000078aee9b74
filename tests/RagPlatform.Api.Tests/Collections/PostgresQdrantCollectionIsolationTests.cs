using RagPlatform.Api.Tests.Support;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Api.Tests.Collections;

/// <summary>Collection isolation on PostgreSQL metadata with Qdrant vectors (the wire server).</summary>
public sealed class PostgresQdrantCollectionIsolationTests(PostgresServer postgres) : CollectionIsolationScenarios
{
    private ServerBackend? _backend;

    protected override async Task<IReadOnlyDictionary<string, string>> StartBackendAsync() =>
        (_backend = await ServerBackend.PostgresQdrantAsync(postgres)).Settings;

    protected override ValueTask StopBackendAsync() => _backend?.DisposeAsync() ?? ValueTask.CompletedTask;
}
