using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Postgres;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Infrastructure.Tests.Postgres;

public sealed class PostgresDeletionTombstoneTests(PostgresServer server) : DeletionTombstoneScenarios, IAsyncLifetime
{
    private TestDatabase? _database;

    public async ValueTask InitializeAsync() => _database = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override IDocumentStore OpenStore() => new PostgresDocumentStore(_database!.OpenDataSource(), Clock);

    protected override IJobQueue OpenQueue() => new PostgresJobQueue(_database!.OpenDataSource(), Clock, NullLogger<PostgresJobQueue>.Instance);

    protected override IDeletionTombstones OpenTombstones() => new PostgresDeletionTombstones(_database!.OpenDataSource());

    protected override async Task<bool> HasTombstoneAsync(Guid documentId)
    {
        await using var command = _database!.OpenDataSource().CreateCommand("SELECT count(*) FROM document_tombstones WHERE document_id = @document");
        command.Parameters.Add(new Npgsql.NpgsqlParameter<Guid>("document", documentId));
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! == 1;
    }
}
