using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using RagPlatform.Vectors.PgVector;

namespace RagPlatform.Infrastructure.Tests.PgVector;

/// <summary>A PostgreSQL server with pgvector for one test class: one connection pool, and a schema
/// of its own for every test (dropped at the end) so tests stay independent on one server.</summary>
public abstract class PgVectorServerFixture : IAsyncLifetime
{
    private readonly ConcurrentBag<string> _schemas = [];
    private NpgsqlDataSource? _dataSource;

    /// <summary>Why the tests cannot run here, or null when the server is up.</summary>
    public string? SkipReason { get; protected set; }

    public string ConnectionString { get; protected set; } = "";

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>A fresh schema name ("t_" and 32 hex digits); dropped when the fixture ends.</summary>
    public string NewSchema()
    {
        var schema = $"t_{Guid.NewGuid():N}";
        _schemas.Add(schema);
        return schema;
    }

    /// <summary>Closes this fixture's idle connections: the next command reconnects, as a restarted
    /// process would (PGlite takes one client at a time, so a second pool needs the first closed).</summary>
    public void CloseConnections() => _dataSource?.Clear();

    public async ValueTask InitializeAsync()
    {
        await StartAsync();
        if (SkipReason is null)
        {
            _dataSource = PgVectorDatabase.CreateDataSource(ConnectionString, NullLoggerFactory.Instance);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            foreach (var schema in _schemas)
            {
                await using var drop = _dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
                await drop.ExecuteNonQueryAsync();
            }

            await _dataSource.DisposeAsync();
        }

        await StopAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts or finds the server and sets <see cref="ConnectionString"/>, or sets
    /// <see cref="SkipReason"/>.</summary>
    protected abstract Task StartAsync();

    protected virtual Task StopAsync() => Task.CompletedTask;
}
