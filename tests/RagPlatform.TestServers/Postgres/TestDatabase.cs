using Npgsql;

namespace RagPlatform.TestServers.Postgres;

/// <summary>One test's own database. Every data source opened through it stands for a process of
/// its own (a pool of its own); all are disposed, and the database dropped, with it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _admin;
    private readonly List<NpgsqlDataSource> _dataSources = [];

    internal TestDatabase(NpgsqlDataSource admin, string name, string connectionString)
    {
        _admin = admin;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource OpenDataSource()
    {
        var dataSource = NpgsqlDataSource.Create(ConnectionString);
        lock (_dataSources)
        {
            _dataSources.Add(dataSource);
        }

        return dataSource;
    }

    public async ValueTask DisposeAsync()
    {
        List<NpgsqlDataSource> dataSources;
        lock (_dataSources)
        {
            dataSources = [.. _dataSources];
        }

        foreach (var dataSource in dataSources)
        {
            await dataSource.DisposeAsync();
        }

        await PostgresServer.DropAsync(_admin, Name, CancellationToken.None);
    }
}
