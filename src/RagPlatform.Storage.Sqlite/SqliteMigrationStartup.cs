using Microsoft.Extensions.Hosting;

namespace RagPlatform.Storage.Sqlite;

/// <summary>Brings the SQLite file to the latest schema before the host starts serving.</summary>
internal sealed class SqliteMigrationStartup(SqliteDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
