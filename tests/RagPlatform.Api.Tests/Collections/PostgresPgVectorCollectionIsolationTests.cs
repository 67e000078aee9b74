using RagPlatform.Api.Tests.Support;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Api.Tests.Collections;

/// <summary>Collection isolation on PostgreSQL metadata with pgvector vectors (on PGlite).</summary>
public sealed class PostgresPgVectorCollectionIsolationTests(PostgresServer postgres) : CollectionIsolationScenarios
{
    private ServerBackend? _backend;

    protected override async Task<IReadOnlyDictionary<string, string>> StartBackendAsync() =>
        (_backend = await ServerBackend.PostgresPgVectorAsync(postgres)).Settings;

    protected override ValueTask StopBackendAsync() => _backend?.DisposeAsync() ?? ValueTask.CompletedTask;
}
