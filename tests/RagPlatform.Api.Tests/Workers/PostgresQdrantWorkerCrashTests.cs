using RagPlatform.Api.Tests.Support;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Api.Tests.Workers;

/// <summary>Three worker processes on server mode: a real PostgreSQL (documents, queue claimed with
/// SKIP LOCKED, lexical index) and the Qdrant wire server of the tests (vectors through the real
/// gRPC client), as docker-compose.yml deploys them.</summary>
public sealed class PostgresQdrantWorkerCrashTests(PostgresServer postgres) : WorkerCrashScenarios, IAsyncLifetime
{
    private ServerBackend? _backend;

    protected override int WorkerProcesses => 3;

    public async ValueTask InitializeAsync() => _backend = await ServerBackend.PostgresQdrantAsync(postgres);

    public async ValueTask DisposeAsync()
    {
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    protected override Task<IReadOnlyDictionary<string, string>> BackendSettingsAsync() => Task.FromResult(_backend!.Settings);
}
