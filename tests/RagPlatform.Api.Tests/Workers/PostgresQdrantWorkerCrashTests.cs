using RagPlatform.QdrantWire;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Api.Tests.Workers;

/// <summary>Three worker processes on server mode: a real PostgreSQL (documents, queue claimed with
/// SKIP LOCKED, lexical index) and the Qdrant wire server of the tests (vectors through the real
/// gRPC client), as docker-compose.yml deploys them.</summary>
public sealed class PostgresQdrantWorkerCrashTests(PostgresServer postgres) : WorkerCrashScenarios, IAsyncLifetime
{
    private TestDatabase? _database;
    private QdrantWireServer? _qdrant;

    protected override int WorkerProcesses => 3;

    public async ValueTask InitializeAsync()
    {
        _database = await postgres.CreateEmptyDatabaseAsync(TestContext.Current.CancellationToken);
        _qdrant = await QdrantWireServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_qdrant is not null)
        {
            await _qdrant.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override Task<IReadOnlyDictionary<string, string>> BackendSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["Storage:Metadata"] = "Postgres",
            ["Storage:Vectors"] = "Qdrant",
            ["Postgres:ConnectionString"] = _database!.ConnectionString,
            ["Qdrant:Url"] = _qdrant!.Address.ToString(),
        });
}
