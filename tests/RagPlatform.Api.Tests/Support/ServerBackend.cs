using RagPlatform.QdrantWire;
using RagPlatform.TestServers.Pglite;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Api.Tests.Support;

/// <summary>Server engines started for one test and the settings that point the platform at them
/// (every host and worker of the test gets the same).</summary>
internal sealed class ServerBackend : IAsyncDisposable
{
    private readonly IAsyncDisposable[] _servers;

    private ServerBackend(IReadOnlyDictionary<string, string> settings, params IAsyncDisposable[] servers)
    {
        Settings = settings;
        _servers = servers;
    }

    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>A database of its own on the test run's PostgreSQL and a Qdrant wire server.</summary>
    public static async Task<ServerBackend> PostgresQdrantAsync(PostgresServer postgres)
    {
        var database = await postgres.CreateEmptyDatabaseAsync(TestContext.Current.CancellationToken);
        var qdrant = await QdrantWireServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        return new ServerBackend(
            new Dictionary<string, string>
            {
                ["Storage:Metadata"] = "Postgres",
                ["Storage:Vectors"] = "Qdrant",
                ["Postgres:ConnectionString"] = database.ConnectionString,
                ["Qdrant:Url"] = qdrant.Address.ToString(),
            },
            qdrant,
            database);
    }

    /// <summary>A database of its own on the test run's PostgreSQL, and pgvector on a PGlite of its
    /// own (one connection: for one host, not for several worker processes).</summary>
    public static async Task<ServerBackend> PostgresPgVectorAsync(PostgresServer postgres)
    {
        var database = await postgres.CreateEmptyDatabaseAsync(TestContext.Current.CancellationToken);
        var pglite = await PgliteServer.StartAsync();
        return new ServerBackend(
            new Dictionary<string, string>
            {
                ["Storage:Metadata"] = "Postgres",
                ["Storage:Vectors"] = "PgVector",
                ["Postgres:ConnectionString"] = database.ConnectionString,
                ["PgVector:ConnectionString"] = pglite.ConnectionString,
            },
            pglite,
            database);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }
}
