using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RagPlatform.Storage.Postgres;

namespace RagPlatform.TestServers.Postgres;

/// <summary>The PostgreSQL server of a test run (a test assembly makes it an assembly fixture), started on first use (so that runs of other tests
/// start none): a throw-away local server (<see cref="LocalPostgresCluster"/>), or the one
/// RAG_TEST_POSTGRES names (a connection string whose user may create databases). Each test gets a
/// database of its own, copied from a template migrated once: tests run in parallel and share nothing.</summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ExternalServerVariable = "RAG_TEST_POSTGRES";

    private readonly SemaphoreSlim _startLock = new(1, 1);
    private readonly string _template = $"ragplatform_template_{Guid.NewGuid():N}";
    private LocalPostgresCluster? _cluster;
    private NpgsqlDataSource? _admin;

    /// <summary>A database with the schema applied, dropped when the test disposes it.</summary>
    public Task<TestDatabase> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        CreateAsync(_template, cancellationToken);

    /// <summary>A database without any schema (from template0), for migration tests.</summary>
    public Task<TestDatabase> CreateEmptyDatabaseAsync(CancellationToken cancellationToken) =>
        CreateAsync("template0", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            if (_cluster is null)
            {
                await DropAsync(_admin, _template, CancellationToken.None);
            }

            await _admin.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _startLock.Dispose();
    }

    internal static async Task DropAsync(NpgsqlDataSource admin, string database, CancellationToken cancellationToken)
    {
        // Names are generated here (letters, digits, underscores), never user input.
        await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<TestDatabase> CreateAsync(string template, CancellationToken cancellationToken)
    {
        var admin = await StartAsync(cancellationToken);
        var name = $"ragplatform_test_{Guid.NewGuid():N}";
        await using (var create = admin.CreateCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name }.ConnectionString;
        return new TestDatabase(admin, name, connectionString);
    }

    private async Task<NpgsqlDataSource> StartAsync(CancellationToken cancellationToken)
    {
        await _startLock.WaitAsync(cancellationToken);
        try
        {
            if (_admin is not null)
            {
                return _admin;
            }

            var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
            if (string.IsNullOrWhiteSpace(external))
            {
                _cluster = await LocalPostgresCluster.StartAsync(cancellationToken);
            }

            var admin = NpgsqlDataSource.Create(_cluster?.AdminConnectionString ?? external!);
            await using (var create = admin.CreateCommand($"CREATE DATABASE \"{_template}\" TEMPLATE template0"))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            // Migrated once; every database of a test is a copy. No connection to it may stay
            // open: PostgreSQL copies only a template nobody is connected to.
            var templateConnection = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = _template, Pooling = false };
            await using (var template = NpgsqlDataSource.Create(templateConnection.ConnectionString))
            {
                await new PostgresMigrator(template, NullLogger<PostgresMigrator>.Instance).MigrateAsync(cancellationToken);
            }

            _admin = admin;
            return admin;
        }
        finally
        {
            _startLock.Release();
        }
    }
}
